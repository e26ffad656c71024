import { signPreviewToken, previewPath } from 'cms/preview-link';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inlineScriptRuns, recordViolations, watchedPage as watched } from 'web/testing/csp';
import { CMS_HOST, PREVIEW_SECRET, SITE_HOST, startNginxStack, type NginxStack } from './helpers/nginx-stack';

/**
 * The site through deploy/nginx in a real Chromium, at the site's own name (mapped to the loopback): pages
 * run under the headers nginx sends (the generated includes) with nothing refused — scripts, styles,
 * images, the search's WebAssembly and index files, the view counter on the same origin — and the editors'
 * preview on the CMS host loads its files from there. Refusals are caught as web's csp.e2e.spec.ts catches
 * them (web/testing/csp: `securitypolicyviolation` events and Chromium's console).
 */
let stack: NginxStack;
let browser: Browser;
let context: BrowserContext;
let article: { documentId: string; slug: string; title: string };

const watchedPage = () => watched(context);

beforeAll(async () => {
  stack = await startNginxStack(inject('cmsTemplate'));
  const newest = await fetch(`${stack.cms.url}/api/articles?sort=publishedAt:desc&pagination[pageSize]=1&fields[0]=title&fields[1]=slug`, {
    headers: { authorization: `Bearer ${stack.cms.token}` },
  });
  [article] = ((await newest.json()) as { data: Array<typeof article> }).data;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // The production names, answered by nginx on the loopback.
      `--host-resolver-rules=MAP ${SITE_HOST} 127.0.0.1, MAP ${CMS_HOST} 127.0.0.1`,
    ],
  });
  context = await browser.newContext();
  await recordViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the site through nginx in Chromium', () => {
  it.each([
    ['home', () => '/'],
    ['article', () => `/bai-viet/${article.slug}/`],
  ])('%s: loads, counts its view through /counter, and nothing is refused', async (_kind, target) => {
    const { page, reports } = await watchedPage();
    const counted = page.waitForResponse((response) => new URL(response.url()).pathname === '/counter' && response.request().method() === 'POST');
    const response = await page.goto(`${stack.siteOrigin}${target()}`, { waitUntil: 'load' });
    expect(response!.status()).toBe(200);
    expect(await response!.headerValue('content-security-policy')).toContain("connect-src 'self';");
    // The contrast script (a file under /_astro/) ran: it shows the button it drives.
    await page.getByRole('button', { name: 'Độ tương phản cao' }).waitFor({ state: 'visible' });
    // The view counter answered on the site's own origin, through nginx to the CMS.
    expect((await counted).status()).toBe(200);
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it('finds articles with the search (WebAssembly and index files through nginx), nothing refused', async () => {
    const { page, reports } = await watchedPage();
    const word = article.title.split(' ').find((part) => part.length > 3)!;
    await page.goto(`${stack.siteOrigin}/tim-kiem/?q=${encodeURIComponent(word)}`, { waitUntil: 'load' });
    await page.locator('#search-results li').first().waitFor();
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it('shows the 404 page with its styles, nothing refused', async () => {
    const { page, reports } = await watchedPage();
    const response = await page.goto(`${stack.siteOrigin}/khong-co-trang-nay/`, { waitUntil: 'load' });
    expect(response!.status()).toBe(404);
    await page.getByRole('button', { name: 'Độ tương phản cao' }).waitFor({ state: 'visible' });
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it('opens the editors’ preview on the CMS host with its files from there, nothing refused', async () => {
    const { page, reports } = await watchedPage();
    const claim = { kind: 'article', documentId: article.documentId, status: 'published', expires: Math.floor(Date.now() / 1000) + 600 } as const;
    const response = await page.goto(`${stack.cmsOrigin}/preview${previewPath(claim, signPreviewToken(PREVIEW_SECRET, claim))}`, {
      waitUntil: 'load',
    });
    expect(response!.status()).toBe(200);
    await page.getByText('Bản xem trước').first().waitFor();
    // Its stylesheets loaded from the CMS host (/_astro/ through nginx to the publisher), each with its rules.
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].map((link) => link.sheet?.cssRules.length ?? 0),
    );
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.every((rules) => rules > 0)).toBe(true);
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it('refuses and reports an inline script (the checks above can see a violation)', async () => {
    const { page, reports } = await watchedPage();
    await page.goto(`${stack.siteOrigin}/`, { waitUntil: 'load' });
    expect(await inlineScriptRuns(page)).toBe(false);
    expect((await reports()).join('\n')).toContain('script-src-elem refused inline');
    await page.close();
  });
});
