import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDashboardBuilt } from './helpers/dashboard';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './helpers/publisher';

/**
 * The preview in a real Chromium: an editor saves a draft in the dashboard's edit view and opens the
 * preview, which Strapi frames from the publisher; the frame shows the draft on the site's layout, and no
 * Content-Security-Policy (the dashboard's frame-src, the preview's frame-ancestors and its own) refuses
 * anything. A page of another origin cannot frame it.
 */
const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const PREVIEW_SECRET = 'preview-secret-of-the-browser-test-0123456789';

let cms: CmsProcess;
let publisher: RunningPublisher;
let browser: Browser;
let article: { documentId: string; slug: string; title: string };

/** Console messages about a Content-Security-Policy, from the page and every frame in it. */
function cspMessages(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|frame-ancestors|Refused to/i.test(message.text())) found.push(message.text());
  });
  return found;
}

beforeAll(async () => {
  await ensureDashboardBuilt();
  const controlPort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', {
    SERVE_ADMIN_PANEL: 'true',
    ADMIN_EMAIL: EDITOR.email,
    ADMIN_PASSWORD: EDITOR.password,
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    PREVIEW_SECRET,
  });
  publisher = await startPublisher(cms.url, await publisherDirs(), { PREVIEW_SECRET, CMS_PUBLIC_URL: cms.url }, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  const newest = await fetch(`${cms.url}/api/articles?sort=publishedAt:desc&pagination[pageSize]=1&fields[0]=title&fields[1]=slug`, {
    headers: { authorization: `Bearer ${cms.token}` },
  });
  [article] = ((await newest.json()) as { data: Array<typeof article> }).data;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  await cms?.stop();
});

describe('the preview in the dashboard', () => {
  it('opens from the edit view after a save and shows the draft, framed, with no CSP refusal', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const refusals = cspMessages(page);
    await page.goto(`${cms.url}/admin`);
    await page.locator('input[name=email]').fill(EDITOR.email);
    await page.locator('input[name=password]').fill(EDITOR.password);
    await page.getByRole('button', { name: /^(đăng nhập|login)$/i }).click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'));

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::article.article/${article.documentId}`);
    const draftTitle = 'Bản nháp trong trình duyệt: tiêu đề chưa xuất bản';
    await page.locator('input[name=title]').fill(draftTitle);
    await page.getByRole('button', { name: /^(Lưu|Save)$/ }).click();
    const open = page.getByRole('link', { name: /^(Mở bản xem trước|Open preview)$/ });
    // Strapi keeps "Open preview" disabled until the form is saved.
    await expect.poll(async () => (await open.getAttribute('tabindex')) !== '-1', { timeout: 30_000 }).toBe(true);
    await open.click();
    await page.waitForURL((url) => url.pathname.endsWith('/preview'));

    const frame = page.frameLocator('iframe[data-testid="preview-iframe"]');
    await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe(draftTitle);
    expect(await frame.getByRole('status').textContent()).toContain('Bản xem trước');
    // The page has the site's styles: the banner and the brand colours are styled, not bare.
    const background = await frame.locator('.preview-banner').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    const src = await page.locator('iframe[data-testid="preview-iframe"]').getAttribute('src');
    expect(src?.startsWith(`${publisher.controlUrl}/preview/article/${article.documentId}?token=draft.`)).toBe(true);
    expect(refusals).toEqual([]);

    // Readers still see the published title.
    const site = await browser.newPage();
    await site.goto(`${publisher.siteUrl}/bai-viet/${article.slug}/`);
    expect(await site.getByRole('heading', { level: 1 }).textContent()).toBe(article.title);
  });

  it('cannot be framed by a page of another origin', async () => {
    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
    });
    const jwt = ((await login.json()) as { data: { token: string } }).data.token;
    const answer = await fetch(`${cms.url}/content-manager/preview/url/api::article.article?documentId=${article.documentId}&status=draft`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    const link = ((await answer.json()) as { data: { url: string } }).data.url;
    // A page on a local origin that is not the dashboard's (a local one: Chromium keeps public pages away
    // from local addresses on its own, which would prove nothing about the preview's policy).
    const framing = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><iframe src="${link}" width="800" height="600"></iframe>`),
    );
    await new Promise<void>((resolve) => framing.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(framing.address() as AddressInfo).port}/`);
      const frame = await (await page.locator('iframe').elementHandle())?.contentFrame();
      await frame?.waitForLoadState('load');
      const text = (await frame?.content()) ?? '';
      expect(text).not.toContain('Bản xem trước');
      // Refused by the preview's frame-ancestors, not by anything else.
      expect(text).toMatch(/ERR_BLOCKED_BY_(CSP|RESPONSE)/);
    } finally {
      framing.close();
    }
  });
});
