import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveSite } from './helpers/browser';
import { LONG_URL, LONG_WORD } from './helpers/hostile-content';

/**
 * Words longer than a phone's line (a URL pasted into a title, a run-together name) wrap instead of
 * widening the page: at 375 px no page scrolls sideways. The content comes from the global setup, which
 * put such words into an article's title, lead, source, body, caption, its author and its category.
 */
const site = inject('site');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  server = await serveSite(site.dist);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 375, height: 812 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How far the page reaches beyond the viewport's width, in CSS pixels (0: no sideways scrolling). */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('long words on a 375 px phone', () => {
  const { articleSlug, categorySlug, authorSlug, searchQuery } = site.hostile;
  it.each([
    ['article', `/bai-viet/${articleSlug}/`, LONG_URL],
    ['home', '/', LONG_WORD],
    ['category', `/chuyen-muc/${categorySlug}/`, LONG_WORD],
    ['author', `/tac-gia/${authorSlug}/`, LONG_WORD],
    ['search results', `/tim-kiem/?q=${encodeURIComponent(searchQuery)}`, LONG_WORD],
    ['404', `/khong-co/${LONG_WORD}/`, 'Không tìm thấy trang'],
  ])('%s page does not scroll sideways', async (kind, url, shown) => {
    await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
    if (kind === 'search results') await page.locator('#search-results li').first().waitFor();
    // The long words really are on the page (in the heading, the cards, the caption, the results).
    expect(await page.locator('body').innerText()).toContain(shown);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  it('breaks the article title, lead, body, caption and byline inside their own boxes', async () => {
    await page.goto(`${server.url}/bai-viet/${articleSlug}/`, { waitUntil: 'load' });
    for (const selector of ['article h1', 'article p.lead', 'article .rich-text', 'article figcaption', 'article .byline']) {
      const fit = await page
        .locator(selector)
        .first()
        .evaluate((element) => ({
          // Text wider than its box shows as scrollWidth > clientWidth, even when the box itself fits the screen.
          overflow: element.scrollWidth - element.clientWidth,
          right: element.getBoundingClientRect().right - window.innerWidth,
        }));
      expect(fit.overflow, selector).toBeLessThanOrEqual(0);
      expect(fit.right, selector).toBeLessThanOrEqual(0);
    }
  });
});
