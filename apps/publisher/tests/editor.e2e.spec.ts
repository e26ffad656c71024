import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDashboardBuilt } from './helpers/dashboard';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './helpers/publisher';

const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
/**
 * The p95 target. With the demo content a publish is live in about a second, so this leaves room
 * for a loaded 2-core CI machine; the latency itself is measured by `pnpm bench` at 10,000 articles.
 */
const LIVE_WITHIN_MS = 10_000;

let cms: CmsProcess;
let publisher: RunningPublisher;
let browser: Browser;
let image: string;

beforeAll(async () => {
  await ensureDashboardBuilt();
  const controlPort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', {
    SERVE_ADMIN_PANEL: 'true',
    ADMIN_EMAIL: EDITOR.email,
    ADMIN_PASSWORD: EDITOR.password,
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
  });
  publisher = await startPublisher(cms.url, await publisherDirs(), {}, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  image = path.join(await mkdtemp(path.join(tmpdir(), 'editor-')), 'cau-dong-hai.jpg');
  await sharp({ create: { width: 1000, height: 640, channels: 3, background: '#2b7a4b' } })
    .jpeg()
    .toFile(image);
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

describe("an editor's whole path", () => {
  it('logs in, writes and publishes an article with an image, and finds it on the site', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${cms.url}/admin`);
    await page.locator('input[name=email]').fill(EDITOR.email);
    await page.locator('input[name=password]').fill(EDITOR.password);
    // The dashboard opens in Vietnamese ("Đăng nhập"); Strapi's English where it has no Vietnamese yet.
    await page.getByRole('button', { name: /^(đăng nhập|login)$/i }).click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'));
    // The dashboard links to the publisher's status page.
    await page.getByRole('link', { name: 'Tình trạng xuất bản' }).waitFor();

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::article.article/create`);
    const title = 'Đường Đông Hải thông xe sau 18 tháng thi công, người dân phấn khởi';
    await page.locator('input[name=title]').fill(title);
    await page
      .locator('textarea[name=lead]')
      .fill('Sáng nay, tuyến đường Đông Hải dài 4,2 km chính thức thông xe, rút ngắn một nửa thời gian đi lại.');
    await page.locator('[contenteditable="true"]').last().click();
    await page.keyboard.type('Tuyến đường được đầu tư 126 tỷ đồng từ ngân sách tỉnh.');

    await page.getByRole('button', { name: 'Click to add an asset or drag and drop one in this area' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add more assets' }).click();
    await page.locator('input[type=file]').setInputFiles(image);
    // Vietnamese plural rules have no singular: Strapi's English fallback reads "1 assets" in a Vietnamese dashboard.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Upload 1 assets? to the library$/ })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Hoàn tất|Finish)$/ })
      .click();

    await page.getByRole('combobox', { name: /chuyên mục|category/i }).click();
    await page.getByRole('option', { name: /^Kinh tế/ }).click();
    // Until the article is saved, the slug box says it will be made from the title — or already shows the
    // title's slug, when the dashboard asked again after the title was typed (it does so on its own timing).
    const slug = 'duong-dong-hai-thong-xe-sau-18-thang-thi-cong-nguoi-dan-phan-khoi';
    expect(['tu-dong-tao-tu-tieu-de', slug]).toContain(await page.locator('input[name=slug]').inputValue());

    await page.getByRole('button', { name: /^(Xuất bản|Publish)$/ }).click();
    await page.getByText('Published document').first().waitFor();
    const published = Date.now();

    const site = await browser.newPage();
    for (;;) {
      const response = await site.goto(`${publisher.siteUrl}/bai-viet/${slug}/`);
      if (response?.status() === 200) break;
      if (Date.now() - published > LIVE_WITHIN_MS) throw new Error(`Not live after ${LIVE_WITHIN_MS} ms:\n${publisher.output().slice(-2000)}`);
      await site.waitForTimeout(250);
    }
    const elapsed = Date.now() - published;
    console.log(`editor publish → live: ${elapsed} ms`);
    expect(await site.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await site.locator('article p.lead').textContent()).toContain('tuyến đường Đông Hải dài 4,2 km');
    expect(await site.locator('article .rich-text').textContent()).toContain('126 tỷ đồng');

    await site.goto(`${publisher.siteUrl}/`);
    const card = site.locator(`li:has(a[href="/bai-viet/${slug}/"])`).first();
    expect(await card.count()).toBe(1);
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await site.goto(`${publisher.siteUrl}/chuyen-muc/kinh-te/`);
    expect(await site.locator(`a[href="/bai-viet/${slug}/"]`).count()).toBeGreaterThan(0);
  });
});
