import type { Article } from '@portal/cms-client';
import { describe, expect, it } from 'vitest';
import type { SiteContent } from '../src/lib/content/fetch';
import { sitePages, type SitePage } from '../src/lib/site/pages';
import { SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, sitemapPages, sitemapXml, type SitemapEntry, type SitemapProps } from '../src/lib/site/sitemap';
import { syntheticArticle, syntheticPortal } from './fixtures/synthetic-portal';

type Pages = Map<string, SitePage>;

/** Pages a sitemap lists: every page a reader may land on from a search engine. */
const LISTED = new Set(['home', 'article', 'category', 'category-page', 'author', 'author-page']);

const sitemap = (pages: Pages, url = '/sitemap.xml') => pages.get(url)!.props as SitemapProps;
const urlsOf = (props: SitemapProps) => (props.kind === 'urlset' ? props.entries.map((entry) => entry.url) : []);
const sitemapFiles = (pages: Pages) => [...pages.values()].filter((page) => page.route === 'sitemap' || page.route === 'sitemap-part');
const listedUrls = (pages: Pages) => [...pages.values()].filter((page) => LISTED.has(page.route)).map((page) => page.url);

/** The sitemap files whose data differ between two builds of the site (what the publisher would render again). */
function changedSitemaps(before: Pages, after: Pages): string[] {
  const urls = new Set([...sitemapFiles(before), ...sitemapFiles(after)].map((page) => page.url));
  return [...urls].filter((url) => JSON.stringify(before.get(url)?.props) !== JSON.stringify(after.get(url)?.props)).sort();
}

/** Checks what sitemaps.org asks of an index and its children, and returns the children's URLs. */
function expectValidIndex(pages: Pages): string[] {
  const index = sitemap(pages);
  if (index.kind !== 'index') throw new Error('/sitemap.xml should be an index');
  const children = index.sitemaps.map((child) => child.url);
  expect(children.sort()).toEqual(
    [...pages.values()]
      .filter((page) => page.route === 'sitemap-part')
      .map((page) => page.url)
      .sort(),
  );
  const everyUrl: string[] = [];
  for (const child of index.sitemaps) {
    const props = sitemap(pages, child.url);
    expect(props.kind, child.url).toBe('urlset');
    if (props.kind !== 'urlset') continue;
    expect(props.entries.length, child.url).toBeGreaterThan(0);
    expect(props.entries.length, child.url).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    // The child's <lastmod> is the latest of its URLs'.
    const dates = props.entries.map((entry) => entry.lastmod).filter((date): date is string => date !== null);
    expect(child.lastmod, child.url).toBe(dates.length ? dates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null);
    everyUrl.push(...urlsOf(props));
  }
  // Together the children list every page once, and nothing else.
  expect(everyUrl).toHaveLength(new Set(everyUrl).size);
  expect(everyUrl.sort()).toEqual(listedUrls(pages).sort());
  return children;
}

/** A portal whose sitemap lists exactly `urls` URLs: the home page, the listings (capped) and articles. */
function portalWithUrls(urls: number): SiteContent {
  // Past 20 pages a listing stops growing, so the listings of any portal this large count the same.
  const listings = listedUrls(sitePages(syntheticPortal(10_000))).length - 10_000;
  return syntheticPortal(urls - listings);
}

describe('the sitemap at 60,000 articles', () => {
  const content = syntheticPortal(60_000);
  const pages = sitePages(content);

  it('is an index of files of at most 50,000 URLs that together list every page exactly once', () => {
    const children = expectValidIndex(pages);
    // The listings in a file of their own, then a file per year from 2016 to 2026 (Vietnam time).
    expect(children).toEqual(['/sitemap-trang.xml', ...Array.from({ length: 11 }, (_, i) => `/sitemap-${2016 + i}.xml`)].sort());
    // A year's file lists its articles oldest first.
    const year = urlsOf(sitemap(pages, '/sitemap-2016.xml'));
    expect(year[0]).toBe('/bai-viet/bai-1/');
    expect(urlsOf(sitemap(pages, '/sitemap-trang.xml'))[0]).toBe('/');
  });

  it('changes only the current year’s file, the listings’ file and the index when an article is published', () => {
    const fresh = syntheticArticle(60_001, '2026-06-30T05:00:00.000Z');
    const after = sitePages({ ...content, articles: [fresh, ...content.articles] });
    // The listings' file: the home page's <lastmod> is the newest article's.
    expect(changedSitemaps(pages, after)).toEqual(['/sitemap-2026.xml', '/sitemap-trang.xml', '/sitemap.xml']);
    expect(urlsOf(sitemap(after, '/sitemap-2026.xml')).at(-1)).toBe('/bai-viet/bai-60001/');
  });

  it('changes only the article’s own file and the index when an article is edited', () => {
    const old = content.articles.find((article) => article.slug === 'bai-1000')!;
    const edited: Article = { ...old, title: 'Tiêu đề đã sửa', updatedAt: '2026-06-30T06:00:00.000Z' };
    const after = sitePages({ ...content, articles: content.articles.map((article) => (article === old ? edited : article)) });
    expect(old.publishedAt!.slice(0, 4)).toBe('2016');
    expect(changedSitemaps(pages, after)).toEqual(['/sitemap-2016.xml', '/sitemap.xml']);
    const index = sitemap(after);
    expect(index.kind === 'index' && index.sitemaps.find((child) => child.url === '/sitemap-2016.xml')?.lastmod).toBe('2026-06-30T06:00:00.000Z');
  });

  it('changes only the article’s own file when an old article is unpublished (its year’s latest date stays)', () => {
    const after = sitePages({ ...content, articles: content.articles.filter((article) => article.slug !== 'bai-20000') });
    expect(changedSitemaps(pages, after)).toEqual(['/sitemap-2019.xml']);
  });

  it('moves a re-published article (Strapi 5 dates it anew) from its year’s file to the current year’s, no other', () => {
    const old = content.articles.find((article) => article.slug === 'bai-20000')!;
    const now = '2026-06-30T05:00:00.000Z';
    const republished: Article = { ...old, publishedAt: now, updatedAt: now };
    const after = sitePages({ ...content, articles: [republished, ...content.articles.filter((article) => article !== old)] });
    expect(changedSitemaps(pages, after)).toEqual(['/sitemap-2019.xml', '/sitemap-2026.xml', '/sitemap-trang.xml', '/sitemap.xml']);
  });
});

describe('the sitemap at the protocol’s limit', () => {
  it('stays one urlset at exactly 50,000 URLs', () => {
    const pages = sitePages(portalWithUrls(50_000));
    const props = sitemap(pages);
    expect(props.kind).toBe('urlset');
    expect(urlsOf(props)).toHaveLength(50_000);
    expect(urlsOf(props).sort()).toEqual(listedUrls(pages).sort());
    expect(sitemapFiles(pages)).toHaveLength(1);
  });

  it('becomes an index at 50,001 URLs', () => {
    const pages = sitePages(portalWithUrls(50_001));
    expect(sitemap(pages).kind).toBe('index');
    expect(listedUrls(pages)).toHaveLength(50_001);
    expectValidIndex(pages);
  });

  it('continues a year of more than 50,000 articles in a second file, counted from its oldest', () => {
    // Every six minutes from January: 60,000 articles within 2025.
    const pages = sitePages(syntheticPortal(60_000, { newest: '2025-09-30T00:00:00.000Z', hoursApart: 0.1 }));
    expect(expectValidIndex(pages)).toEqual(['/sitemap-2025-2.xml', '/sitemap-2025.xml', '/sitemap-trang.xml']);
    expect(urlsOf(sitemap(pages, '/sitemap-2025.xml'))).toHaveLength(50_000);
    expect(urlsOf(sitemap(pages, '/sitemap-2025.xml'))[0]).toBe('/bai-viet/bai-1/');
    expect(urlsOf(sitemap(pages, '/sitemap-2025-2.xml'))[0]).toBe('/bai-viet/bai-50001/');
  });
});

describe('sitemapPages', () => {
  const entry = (url: string, lastmod: string | null = null): SitemapEntry => ({ url, lastmod });

  it('files an article by its year in Vietnam (UTC+7), and an undated one apart', () => {
    const listings = Array.from({ length: SITEMAP_MAX_URLS }, (_, i) => entry(`/chuyen-muc/c${i}/`));
    const files = sitemapPages(listings, [
      { entry: entry('/bai-viet/nam-moi/', '2025-12-31T17:00:00.000Z'), publishedAt: '2025-12-31T17:00:00.000Z' },
      { entry: entry('/bai-viet/cuoi-nam/'), publishedAt: '2025-12-31T16:59:59.000Z' },
      { entry: entry('/bai-viet/khong-ngay/'), publishedAt: null },
    ]);
    const urls = (url: string) => urlsOf(files.find((file) => file.url === url)!.props as SitemapProps);
    expect(urls('/sitemap-2026.xml')).toEqual(['/bai-viet/nam-moi/']);
    expect(urls('/sitemap-2025.xml')).toEqual(['/bai-viet/cuoi-nam/']);
    expect(urls('/sitemap-khac.xml')).toEqual(['/bai-viet/khong-ngay/']);
    expect(files[0].props).toEqual({
      kind: 'index',
      sitemaps: [
        entry('/sitemap-trang.xml'),
        entry('/sitemap-khac.xml'),
        entry('/sitemap-2025.xml'),
        entry('/sitemap-2026.xml', '2025-12-31T17:00:00.000Z'),
      ],
    });
    expect(files.map((file) => file.params)).toEqual([{}, { part: 'trang' }, { part: 'khac' }, { part: '2025' }, { part: '2026' }]);
  });
});

describe('sitemapXml', () => {
  it('writes a urlset and an index in the sitemaps.org namespace, with absolute, escaped locations', () => {
    const urlset = sitemapXml(
      {
        kind: 'urlset',
        entries: [
          { url: '/bai-viet/a&b/', lastmod: '2026-01-02T03:04:05.000Z' },
          { url: '/', lastmod: null },
        ],
      },
      'https://x.gov.vn',
    );
    expect(urlset).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
        '<url><loc>https://x.gov.vn/bai-viet/a&amp;b/</loc><lastmod>2026-01-02T03:04:05.000Z</lastmod></url><url><loc>https://x.gov.vn/</loc></url></urlset>\n',
    );
    const index = sitemapXml({ kind: 'index', sitemaps: [{ url: '/sitemap-2026.xml', lastmod: '2026-01-02T03:04:05.000Z' }] }, 'https://x.gov.vn');
    expect(index).toContain(
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.gov.vn/sitemap-2026.xml</loc>',
    );
  });

  it('refuses a file larger than the protocol’s 50 MB, with a message that says so', () => {
    const long = 'a'.repeat(1_100);
    const entries = Array.from({ length: SITEMAP_MAX_URLS }, (_, i) => ({ url: `/${long}${i}/`, lastmod: null }));
    expect(() => sitemapXml({ kind: 'urlset', entries }, 'https://x.gov.vn')).toThrow(`more than sitemaps.org's limit of ${SITEMAP_MAX_BYTES}`);
  });
});
