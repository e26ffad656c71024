import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveSite } from './helpers/browser';
import { inlineScriptRuns, recordViolations, watchedPage as watched } from './helpers/csp-reports';

/**
 * The site's Content-Security-Policy as Chromium enforces it: every kind of page works under it and
 * nothing is refused. Violations are caught twice: the `securitypolicyviolation` events of the page and
 * Chromium's console messages (which also report a Permissions-Policy it does not understand).
 */
const site = inject('site');
let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof serveSite>>;

const watchedPage = () => watched(context);

beforeAll(async () => {
  server = await serveSite(site.dist);
  browser = await launchChromium();
  context = await browser.newContext();
  await recordViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Content-Security-Policy in Chromium', () => {
  it.each([
    ['home', '/', 200],
    ['article', `/bai-viet/${site.hostile.articleSlug}/`, 200],
    ['category listing', '/chuyen-muc/tin-tuc/', 200],
    ['category listing, page 2', '/chuyen-muc/tin-tuc/trang/2/', 200],
    ['author', '/tac-gia/minh-khoa/', 200],
    ['search with results', '/tim-kiem/?q=an%20ninh', 200],
    ['404', '/khong-co-trang-nay/', 404],
  ])("%s: nothing is refused and the page's script runs", async (_kind, url, status) => {
    const { page, reports } = await watchedPage();
    const response = await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
    expect(response!.status()).toBe(status);
    expect(await response!.headerValue('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    // The contrast script (a file under /_astro/) ran: it shows the button it drives.
    await page.getByRole('button', { name: 'Độ tương phản cao' }).waitFor({ state: 'visible' });
    // The search engine (/_search/engine.js, imported by the page's script) ran: results are listed.
    if (url.startsWith('/tim-kiem/')) await page.locator('#search-results li').first().waitFor();
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it.each(['/rss.xml', '/sitemap.xml'])("%s is XML, shown by the browser's viewer with nothing refused", async (url) => {
    const { page, reports } = await watchedPage();
    const response = await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
    expect(response!.status()).toBe(200);
    expect(await response!.headerValue('content-type')).toBe('application/xml; charset=utf-8');
    expect(await response!.headerValue('content-security-policy')).toContain("default-src 'none'");
    expect(await reports()).toEqual([]);
    await page.close();
  });

  it('refuses and reports an inline script (the check above can see a violation)', async () => {
    const { page, reports } = await watchedPage();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    expect(await inlineScriptRuns(page)).toBe(false);
    expect((await reports()).join('\n')).toContain('script-src-elem refused inline');
    await page.close();
  });
});
