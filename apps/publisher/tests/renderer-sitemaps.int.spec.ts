import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitePages, WEB_PACKAGE_DIR, type RenderContext } from 'web/site';
import { syntheticPortal } from 'web/testing/synthetic-portal';
import { prepareRenderer, type Renderer } from '../src/renderer';

/**
 * The sitemaps and the capped listings of a portal of 60,000 articles, on the real render path (the renderer
 * build the publisher uses, no CMS), read back by Chromium's XML and HTML parsers.
 */
const SITE_URL = 'http://localhost:4321';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const content = syntheticPortal(60_000);
const context: RenderContext = {
  content,
  pages: sitePages(content),
  siteUrl: SITE_URL,
  dashboardUrl: 'http://localhost:1337/admin',
  counterUrl: 'http://localhost:1337/counter',
};
let renderer: Renderer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  renderer = await prepareRenderer(WEB_PACKAGE_DIR, { ...process.env, SITE_URL }, () => undefined);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function render(url: string): Promise<string> {
  const output = await renderer.render(`${SITE_URL}${url}`, context);
  expect(output.status, url).toBe(200);
  return output.body.toString('utf8');
}

type ParsedXml = { error: string | null; root: string; namespace: string | null; children: string[]; locs: string[]; lastmods: number };

/** The document as an XML parser reads it: its root, the names of the root's children, every <loc>. */
function parseXml(xml: string): Promise<ParsedXml> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      namespace: root.namespaceURI,
      children: [...new Set([...root.children].map((child) => `${child.namespaceURI} ${child.localName}`))],
      locs: [...doc.getElementsByTagName('loc')].map((loc) => loc.textContent ?? ''),
      lastmods: doc.getElementsByTagName('lastmod').length,
    };
  }, xml);
}

describe('sitemaps of 60,000 articles, rendered', () => {
  it('/sitemap.xml is a sitemap index in the sitemaps.org namespace, listing each child once', async () => {
    const index = await parseXml(await render('/sitemap.xml'));
    expect(index).toMatchObject({ error: null, root: 'sitemapindex', namespace: NAMESPACE, children: [`${NAMESPACE} sitemap`] });
    const children = [...context.pages.values()].filter((p) => p.route === 'sitemap-part').map((p) => `${SITE_URL}${p.url}`);
    expect(index.locs.sort()).toEqual(children.sort());
    expect(index.locs).toContain(`${SITE_URL}/sitemap-2026.xml`);
    // Every child has a date: the year files their articles', the listings' file the home page's.
    expect(index.lastmods).toBe(children.length);
  });

  it('each child is a urlset of at most 50,000 absolute URLs, and together they list every page once', async () => {
    const listed = new Set<string>();
    for (const child of [...context.pages.values()].filter((p) => p.route === 'sitemap-part')) {
      const urlset = await parseXml(await render(child.url));
      expect(urlset, child.url).toMatchObject({ error: null, root: 'urlset', namespace: NAMESPACE, children: [`${NAMESPACE} url`] });
      expect(urlset.locs.length, child.url).toBeLessThanOrEqual(50_000);
      for (const loc of urlset.locs) {
        expect(loc.startsWith(`${SITE_URL}/`), loc).toBe(true);
        expect(listed.has(loc), loc).toBe(false);
        listed.add(loc);
      }
    }
    const pages = [...context.pages.values()].filter((p) =>
      ['home', 'article', 'category', 'category-page', 'author', 'author-page'].includes(p.route),
    );
    expect(listed.size).toBe(pages.length);
    for (const p of pages) expect(listed.has(`${SITE_URL}${p.url}`), p.url).toBe(true);
  });

  it('a listing stops at page 20, which points readers to search for older articles', async () => {
    expect(context.pages.has('/chuyen-muc/thoi-su/trang/21/')).toBe(false);
    const html = await render('/chuyen-muc/thoi-su/trang/20/');
    const seen = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'text/html');
      const note = doc.querySelector('main .older-articles');
      const pager = doc.querySelector('nav[aria-label^="Các trang của"]');
      return {
        note: note?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        link: note?.querySelector('a')?.getAttribute('href') ?? null,
        pages: [...(pager?.querySelectorAll('a') ?? [])].map((a) => a.textContent?.trim()),
        articles: doc.querySelectorAll('main li h2 a').length,
      };
    }, html);
    expect(seen.note).toBe('Danh sách này chỉ gồm 200 bài mới nhất. Các bài cũ hơn, mời bạn tìm tại trang Tìm kiếm.');
    expect(seen.link).toBe('/tim-kiem/');
    expect(seen.articles).toBe(10);
    // "« Trước", then the window ending on the current page; no "Sau »".
    expect(seen.pages).toEqual(['« Trước', '1', '16', '17', '18', '19', '20']);
    const first = await render('/chuyen-muc/thoi-su/');
    expect(first).not.toContain('older-articles');
  });
});
