import type { Article, Author, Category, SiteSettings } from '@portal/cms-client';
import { describe, expect, it } from 'vitest';
import type { SiteContent } from '../src/lib/content/fetch';
import { LISTING_MAX_PAGES } from '../src/lib/site/listings';
import { pageHref } from '../src/lib/site/pagination';
import {
  articlePage,
  MORE_PAGES,
  outputFile,
  sitePages,
  type ArticleProps,
  type FeedItem,
  type HomeProps,
  type ListingProps,
  type SitemapEntry,
} from '../src/lib/site/pages';

/** A small portal: two top categories (one with a sub-category), two authors, 23 articles newest first. */
function portal(count = 23): SiteContent {
  const tinTuc = { documentId: 'c1', name: 'Tin tức', slug: 'tin-tuc', parent: null };
  const kinhTe = { documentId: 'c2', name: 'Kinh tế', slug: 'kinh-te', parent: { documentId: 'c1', name: 'Tin tức', slug: 'tin-tuc' } };
  const vanHoa = { documentId: 'c3', name: 'Văn hóa', slug: 'van-hoa', parent: null };
  const lan = { documentId: 'u1', name: 'Ngọc Lan', slug: 'ngoc-lan' };
  const khoa = { documentId: 'u2', name: 'Minh Khoa', slug: 'minh-khoa' };
  const articles = Array.from({ length: count }, (_, i) => {
    const n = count - i;
    const day = String(1 + (n % 28)).padStart(2, '0');
    return {
      documentId: `a${n}`,
      slug: `bai-${n}`,
      title: `Bài số ${n}`,
      lead: `Sapo của bài ${n}`,
      publishedAt: `2026-0${1 + Math.floor(n / 28)}-${day}T08:00:00.000Z`,
      updatedAt: `2026-06-01T00:00:00.000Z`,
      category: n % 3 === 0 ? vanHoa : n % 3 === 1 ? tinTuc : kinhTe,
      author: n % 2 === 0 ? lan : khoa,
      cover: null,
      relatedArticles: [],
    } as unknown as Article;
  });
  return {
    articles,
    categories: [tinTuc, kinhTe, vanHoa, { documentId: 'c4', name: 'Trống', slug: 'trong', parent: null }] as unknown as Category[],
    authors: [lan, khoa, { documentId: 'u3', name: 'Chưa viết', slug: 'chua-viet' }] as unknown as Author[],
    settings: { portalName: 'Cổng thông tin', menu: [tinTuc, vanHoa, { documentId: 'c4', name: 'Trống', slug: 'trong' }] } as unknown as SiteSettings,
    mostRead: [
      ...articles.slice(7, 8).map(({ documentId, title, slug }) => ({ documentId, title, slug })),
      // Unpublished since "Đọc nhiều" was read: no link to it.
      { documentId: 'da-go-xuong', title: 'Bài đã gỡ', slug: 'bai-da-go' },
      ...articles.slice(2, 3).map(({ documentId, title, slug }) => ({ documentId, title, slug })),
    ],
  };
}

const props = <T>(pages: ReturnType<typeof sitePages>, url: string) => pages.get(url)!.props as T;

describe('articlePage', () => {
  it("is each article's page exactly as sitePages computes it", () => {
    const content = portal();
    const pages = sitePages(content);
    for (const article of content.articles)
      expect(articlePage(content, article.documentId), article.slug).toEqual(pages.get(`/bai-viet/${article.slug}/`));
    expect(articlePage(content, 'khong-co')).toBeUndefined();
  });
});

describe('sitePages', () => {
  it('gives the home page "Đọc nhiều" as read, without articles that are no longer published', () => {
    const content = portal();
    const home = props<HomeProps>(sitePages(content), '/');
    expect(home.mostRead).toEqual([
      { title: content.articles[7].title, slug: content.articles[7].slug },
      { title: content.articles[2].title, slug: content.articles[2].slug },
    ]);
  });

  it('lists every page of the site once, each at the URL its route serves', () => {
    const pages = sitePages(portal());
    const routes = [...pages.values()].map((page) => page.route);
    expect(routes.filter((route) => route === 'article')).toHaveLength(23);
    for (const single of ['home', 'search', 'not-found', 'rss', 'sitemap', 'robots'] as const)
      expect(routes.filter((route) => route === single)).toHaveLength(1);
    for (const [url, page] of pages) expect(page.url).toBe(url);
    expect(pages.get('/bai-viet/bai-7/')).toMatchObject({ route: 'article', params: { slug: 'bai-7' } });
  });

  it('pages a category 10 articles at a time, its sub-categories’ articles included', () => {
    const pages = sitePages(portal());
    // tin-tuc has its own (n % 3 === 1: 8) and kinh-te's (n % 3 === 2: 8) articles: 16, two pages.
    const first = props<ListingProps>(pages, '/chuyen-muc/tin-tuc/');
    expect(first).toMatchObject({ heading: 'Tin tức', page: 1, pages: 2 });
    expect(first.articles).toHaveLength(10);
    const second = pages.get('/chuyen-muc/tin-tuc/trang/2/')!;
    expect(second).toMatchObject({ route: 'category-page', params: { slug: 'tin-tuc', page: '2' } });
    expect((second.props as ListingProps).articles).toHaveLength(6);
    expect(pages.has('/chuyen-muc/tin-tuc/trang/3/')).toBe(false);
    expect(props<ListingProps>(pages, '/chuyen-muc/kinh-te/').articles).toHaveLength(8);
    // Newest first, as the content came.
    expect(first.articles.map((a) => a.slug).slice(0, 2)).toEqual(['bai-23', 'bai-22']);
  });

  it('gives an empty category and an author without articles one page that says so, not none', () => {
    const pages = sitePages(portal());
    expect(props<ListingProps>(pages, '/chuyen-muc/trong/')).toMatchObject({ pages: 1, articles: [] });
    expect(props<ListingProps>(pages, '/tac-gia/chua-viet/')).toMatchObject({ heading: 'Tác giả: Chưa viết', articles: [] });
    expect(pages.has('/chuyen-muc/trong/trang/2/')).toBe(false);
  });

  it('pages an author’s articles', () => {
    const pages = sitePages(portal());
    const lan = props<ListingProps>(pages, '/tac-gia/ngoc-lan/');
    expect(lan.pages).toBe(2);
    expect(lan.articles.every((a) => Number(a.slug.split('-')[1]) % 2 === 0)).toBe(true);
  });

  it('shows the ten newest on the home page and a block per menu category with articles', () => {
    const home = props<HomeProps>(sitePages(portal()), '/');
    expect(home.newest.map((a) => a.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `bai-${23 - i}`));
    expect(home.blocks.map((block) => block.category.slug)).toEqual(['tin-tuc', 'van-hoa']);
    expect(home.blocks.every((block) => block.articles.length === 5)).toBe(true);
  });

  it('gives an article its trail, "Tin khác" and the category’s page count, capped at "…"', () => {
    const content = portal(120);
    const article = props<ArticleProps>(sitePages(content), '/bai-viet/bai-50/');
    expect(article.trail.map((c) => c.slug)).toEqual(['tin-tuc', 'kinh-te']);
    expect(article.others).toHaveLength(10);
    expect(article.others.map((a) => a.documentId)).not.toContain('a50');
    // kinh-te alone: 40 articles, 4 pages; tin-tuc with its sub-category: 80, shown as "1 2 3 4 5 …".
    expect(article.categoryPages).toBe(4);
    expect(props<ArticleProps>(sitePages(content), '/bai-viet/bai-49/').categoryPages).toBe(MORE_PAGES);
    expect(props<ArticleProps>(sitePages(portal(4)), '/bai-viet/bai-2/').categoryPages).toBe(1);
  });

  it('feeds the 50 newest to RSS and every public page to the sitemap', () => {
    const pages = sitePages(portal(60));
    const items = props<{ items: FeedItem[] }>(pages, '/rss.xml').items;
    expect(items).toHaveLength(50);
    expect(items[0]).toMatchObject({ title: 'Bài số 60', link: '/bai-viet/bai-60/', author: 'Ngọc Lan', categories: ['Văn hóa'] });
    const entries = props<{ entries: SitemapEntry[] }>(pages, '/sitemap.xml').entries;
    const urls = new Set(entries.map((entry) => entry.url));
    for (const page of pages.values()) {
      const listed = ['home', 'article', 'category', 'category-page', 'author', 'author-page'].includes(page.route);
      expect(urls.has(page.url), page.url).toBe(listed);
    }
  });

  it('gives unchanged records the same objects, so a page’s data compares by identity', () => {
    const content = portal();
    const before = sitePages(content);
    const edited = { ...content.articles[5], title: 'Tiêu đề mới' } as Article;
    const after = sitePages({ ...content, articles: content.articles.map((a, i) => (i === 5 ? edited : a)) });
    const summaries = (pages: ReturnType<typeof sitePages>) => props<ListingProps>(pages, '/tac-gia/minh-khoa/').articles;
    expect(summaries(after)[0]).toBe(summaries(before)[0]);
    expect(props<ArticleProps>(after, `/bai-viet/${edited.slug}/`).article.title).toBe('Tiêu đề mới');
  });

  it('is empty but complete for a portal with no content yet', () => {
    const pages = sitePages({ articles: [], categories: [], authors: [], settings: null, mostRead: [] });
    expect([...pages.values()].map((page) => page.route).sort()).toEqual(['home', 'not-found', 'robots', 'rss', 'search', 'sitemap']);
    expect(props<{ entries: SitemapEntry[] }>(pages, '/sitemap.xml').entries).toEqual([{ url: '/', lastmod: null }]);
  });
});

describe('listings of a large portal', () => {
  const listingPages = (pages: ReturnType<typeof sitePages>, base: string) =>
    [...pages.values()].filter((page) => page.url === base || page.url.startsWith(`${base}trang/`));

  it('stop at 20 pages, the newest 200 articles, the last saying older ones are found through search', () => {
    const pages = sitePages(portal(700));
    // tin-tuc with its sub-category: 466 articles; an author: 350.
    for (const base of ['/chuyen-muc/tin-tuc/', '/chuyen-muc/kinh-te/', '/tac-gia/ngoc-lan/']) {
      const listing = listingPages(pages, base).map((page) => page.props as ListingProps);
      expect(
        listing.map((page) => page.page),
        base,
      ).toEqual(Array.from({ length: LISTING_MAX_PAGES }, (_, i) => i + 1));
      expect(listing.every((page) => page.pages === LISTING_MAX_PAGES && page.articles.length === 10)).toBe(true);
      expect(listing.map((page) => page.older ?? false)).toEqual([...Array<boolean>(LISTING_MAX_PAGES - 1).fill(false), true]);
      expect(pages.has(pageHref(base, LISTING_MAX_PAGES + 1))).toBe(false);
    }
    // The newest first: the last page ends with the 200th newest of the category.
    const last = props<ListingProps>(pages, '/chuyen-muc/van-hoa/trang/20/').articles;
    expect(last.at(-1)!.slug).toBe(`bai-${699 - 3 * 199}`);
  });

  it('say nothing of older articles when the 20 pages hold them all', () => {
    // van-hoa has every third article: 200 of 600, 201 of 603.
    const full = sitePages(portal(600));
    expect(props<ListingProps>(full, '/chuyen-muc/van-hoa/trang/20/')).toMatchObject({ pages: 20 });
    expect(props<ListingProps>(full, '/chuyen-muc/van-hoa/trang/20/').older).toBeUndefined();
    const more = sitePages(portal(603));
    expect(props<ListingProps>(more, '/chuyen-muc/van-hoa/trang/20/')).toMatchObject({ pages: 20, older: true });
  });

  it('link from "Tin khác" only to listing pages that exist', () => {
    const pages = sitePages(portal(700));
    for (const page of pages.values()) {
      if (page.route !== 'article') continue;
      const { article, categoryPages } = page.props as ArticleProps;
      expect(categoryPages).toBeLessThanOrEqual(Math.min(LISTING_MAX_PAGES, MORE_PAGES));
      const linked = Array.from({ length: Math.min(categoryPages, MORE_PAGES - 1) }, (_, i) => i + 1);
      if (categoryPages >= MORE_PAGES) linked.push(MORE_PAGES);
      for (const n of linked) expect(pages.has(pageHref(`/chuyen-muc/${article.category!.slug}/`, n)), `${page.url} → ${n}`).toBe(true);
    }
  });

  it('change only the 20 pages of each listing a new article is in, however many articles it holds', () => {
    const content = portal(700);
    const fresh = {
      ...content.articles[0],
      documentId: 'a701',
      slug: 'bai-701',
      title: 'Bài số 701',
      publishedAt: '2026-12-31T08:00:00.000Z',
    } as Article;
    const before = sitePages(content);
    const after = sitePages({ ...content, articles: [fresh, ...content.articles] });
    const changed = [...after.values()]
      .filter((page) => page.route.startsWith('category') || page.route.startsWith('author'))
      .filter((page) => JSON.stringify(page.props) !== JSON.stringify(before.get(page.url)?.props))
      .map((page) => page.url);
    // Like the newest (bai-700): in tin-tuc, which has no parent, by Ngọc Lan. Every page of both shifts by one.
    const lists = ['/chuyen-muc/tin-tuc/', '/tac-gia/ngoc-lan/'];
    const expected = lists.flatMap((base) => Array.from({ length: LISTING_MAX_PAGES }, (_, i) => pageHref(base, i + 1)));
    expect(changed.sort()).toEqual(expected.sort());
  });
});

describe('outputFile', () => {
  it('writes pages as folder indexes, files as themselves and the 404 page where servers look', () => {
    expect(outputFile({ route: 'home', url: '/' })).toBe('index.html');
    expect(outputFile({ route: 'article', url: '/bai-viet/bai-1/' })).toBe('bai-viet/bai-1/index.html');
    expect(outputFile({ route: 'rss', url: '/rss.xml' })).toBe('rss.xml');
    expect(outputFile({ route: 'not-found', url: '/404/' })).toBe('404.html');
  });
});
