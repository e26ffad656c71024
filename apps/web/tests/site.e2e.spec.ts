import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, serveSite } from './helpers/browser';

const site = inject('site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveSite>>;
let page: Page;
/** For axe-core, which is injected as an inline script: a context that bypasses the site's CSP (see csp.e2e.spec.ts). */
let axePage: Page;
let articleSlug: string;

beforeAll(async () => {
  server = await serveSite(site.dist);
  browser = await launchChromium();
  page = await browser.newPage();
  axePage = await (await browser.newContext({ bypassCSP: true })).newPage();
  // An article whose "Tin khác" has page links: one filed under "Tin tức", whose listing spans pages.
  for (const slug of (await readdir(path.join(site.dist, 'bai-viet'))).sort()) {
    const html = await readFile(path.join(site.dist, 'bai-viet', slug, 'index.html'), 'utf8');
    if (html.includes('aria-label="Các trang tin khác trong chuyên mục Tin tức"')) {
      articleSlug = slug;
      break;
    }
  }
  expect(articleSlug).toBeDefined();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string, on: Page = page) {
  const response = await on.goto(`${server.url}${url}`, { waitUntil: 'load' });
  return response!;
}

describe('the article page', () => {
  it('shows every part of the model page', async () => {
    await open(`/bai-viet/${articleSlug}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.locator('header a[href="/"] img').count()).toBe(1);
    const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link');
    expect(await crumbs.count()).toBeGreaterThanOrEqual(2);
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    expect(title!.length).toBeGreaterThan(20);
    const meta = await page.locator('article > p').first().textContent();
    expect(meta).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(meta).toMatch(/Lượt xem: [\d.]+/);
    const lead = page.locator('article p.lead');
    expect(await lead.textContent()).toMatch(/^\(.+\) /);
    expect(Number(await lead.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(700);
    const figure = page.locator('article figure').first();
    expect(await figure.locator('figcaption').textContent()).toBeTruthy();
    expect(await figure.locator('img').getAttribute('alt')).toBeTruthy();
    await expect.poll(() => figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const byline = page.locator('article .byline a');
    expect(await byline.getAttribute('href')).toMatch(/^\/tac-gia\/[a-z0-9-]+\/$/);
    expect(await page.getByRole('button', { name: 'In bài viết' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Tin khác' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Thống kê truy cập' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toMatch(/\/admin$/);
    expect(await page.locator('script[type="application/ld+json"]').textContent()).toContain('"NewsArticle"');
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(title);
  });

  it('"Tin khác" links lead to the articles and pages they name', async () => {
    await open(`/bai-viet/${articleSlug}/`);
    const section = page.locator('section.other-news');
    const first = section.locator('li a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);

    await open(`/bai-viet/${articleSlug}/`);
    await section.getByRole('navigation').getByRole('link', { name: '2', exact: true }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/chuyen-muc\/tin-tuc\/trang\/2\/$/);
    expect(await page.locator('main li h2 a').count()).toBe(10);
  });

  it('reads correctly with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/bai-viet/${articleSlug}/`);
    expect(await noJs.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await noJs.locator('article .rich-text p').count()).toBeGreaterThanOrEqual(4);
    expect(await noJs.getByRole('heading', { name: 'Tin khác' }).isVisible()).toBe(true);
    // Buttons that need a script stay out of the way without one.
    expect(await noJs.getByRole('button', { name: 'In bài viết' }).count()).toBe(0);
    await noJs.goto(`${server.url}/chuyen-muc/tin-tuc/`);
    await noJs
      .getByRole('navigation', { name: /Các trang của/ })
      .getByRole('link', { name: '2', exact: true })
      .click();
    expect(noJs.url()).toMatch(/\/chuyen-muc\/tin-tuc\/trang\/2\/$/);
    await context.close();
  });
});

describe('listings', () => {
  it('number their pages 1 2 3 … and link previous/next', async () => {
    await open('/chuyen-muc/tin-tuc/');
    const nav = page.getByRole('navigation', { name: /Các trang của/ });
    expect(await nav.getByRole('link', { name: '1', exact: true }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Sau »' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/chuyen-muc\/tin-tuc\/trang\/2\/$/);
    await page
      .getByRole('navigation', { name: /Các trang của/ })
      .getByRole('link', { name: '« Trước' })
      .click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/chuyen-muc\/tin-tuc\/$/);
  });

  it('author pages list the author’s articles', async () => {
    await open(`/bai-viet/${articleSlug}/`);
    const author = await page.locator('article .byline a').textContent();
    await page.locator('article .byline a').click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(author!);
    expect(await page.locator('main li h2 a').count()).toBeGreaterThan(0);
  });
});

describe('search', () => {
  async function results(query: string) {
    await open(`/tim-kiem/?q=${encodeURIComponent(query)}`);
    await page.locator('#search-status').filter({ hasNotText: 'Đang tìm' }).filter({ hasText: /./ }).waitFor();
    return page.locator('#search-results li a').allTextContents();
  }

  it('finds the same articles with and without diacritics', async () => {
    const withMarks = await results('bảo vệ an ninh');
    const without = await results('bao ve an ninh');
    expect(withMarks.length).toBeGreaterThan(0);
    expect(new Set(without)).toEqual(new Set(withMarks));
  });

  it('says so when nothing matches', async () => {
    expect(await results('zzqqwwzzqq')).toEqual([]);
    expect(await page.locator('#search-status').textContent()).toContain('Không tìm thấy');
  });
});

describe('contrast toggle', () => {
  it('switches to high contrast and remembers it', async () => {
    await open('/');
    await page.getByRole('button', { name: 'Độ tương phản cao' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('hc');
    await open('/chuyen-muc/kinh-te/');
    expect(await page.locator('html').getAttribute('class')).toContain('hc');
    expect(await page.getByRole('button', { name: 'Độ tương phản cao' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Độ tương phản cao' }).click();
    expect((await page.locator('html').getAttribute('class')) ?? '').not.toContain('hc');
  });
});

describe('accessibility (axe-core)', () => {
  it.each([
    ['home', '/'],
    ['article', '/bai-viet/__ARTICLE__/'],
    ['category', '/chuyen-muc/kinh-te/'],
    ['author', '/tac-gia/minh-khoa/'],
    ['search', '/tim-kiem/?q=an%20ninh'],
    ['404', '/khong-co-trang-nay/'],
  ])('%s page has no violations', async (_kind, url) => {
    const response = await open(url.replace('__ARTICLE__', articleSlug), axePage);
    expect(response.status()).toBe(url.startsWith('/khong') ? 404 : 200);
    if (url.startsWith('/tim-kiem')) await axePage.locator('#search-results li').first().waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
  });
});
