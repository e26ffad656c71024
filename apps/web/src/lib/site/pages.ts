import type { Article } from '@portal/cms-client';
import type { SiteContent } from '../content/fetch';
import { categoryTrail, LISTING_MAX_PAGES, otherNews, PER_PAGE } from './listings';
import { pageCount, pageHref, pageSlice } from './pagination';
import { paths } from './paths';
import { sitemapPages, type SitemapEntry, type SitemapRoute } from './sitemap';

/**
 * Every page and file of the site, with the data each one shows, computed from the content alone.
 * The static build takes its routes from here; the publisher's renderer renders exactly these pages and
 * compares each page's data with the previous build's to render only the pages that changed.
 * A page shows its data and the site settings, nothing else: that is what makes the comparison sound.
 */
export type RouteName =
  'home' | 'article' | 'category' | 'category-page' | 'author' | 'author-page' | 'search' | 'not-found' | 'rss' | SitemapRoute | 'robots';

export type SitePage = { route: RouteName; url: string; params: Record<string, string>; props: unknown };

/** What a list of articles shows of each one. */
export type ArticleSummary = Pick<Article, 'documentId' | 'slug' | 'title' | 'lead' | 'publishedAt' | 'cover'>;

export type ArticleProps = {
  article: Article;
  trail: Array<{ name: string; slug: string }>;
  others: Array<Pick<Article, 'documentId' | 'slug' | 'title' | 'publishedAt'>>;
  /** Listing pages of the article's category, counted up to MORE_PAGES ("1 2 3 4 5 …"). */
  categoryPages: number;
};

export type ListingProps = {
  heading: string;
  description?: string | null;
  base: string;
  page: number;
  pages: number;
  articles: ArticleSummary[];
  /**
   * On the last page of a listing cut at LISTING_MAX_PAGES: older articles exist, found through search.
   * A listing shows the newest articles only, so publishing one re-renders a bounded number of pages.
   */
  older?: boolean;
};

export type HomeProps = {
  newest: ArticleSummary[];
  /** "Đọc nhiều" as fetched with the content (published articles only): the list before the live one. */
  mostRead: Array<{ title: string; slug: string }>;
  blocks: Array<{ category: { slug: string; name: string }; articles: ArticleSummary[] }>;
};

export type FeedItem = { title: string; link: string; pubDate: string | null; description: string; author: string | null; categories: string[] };
export type { SitemapEntry, SitemapProps } from './sitemap';

/** "Tin khác" links five listing pages and "…": six stands for "more than five". */
export const MORE_PAGES = 6;

/** Where a page is written in the build: `/a/b/` → `a/b/index.html`, `/rss.xml` → `rss.xml`. */
export function outputFile(page: Pick<SitePage, 'route' | 'url'>): string {
  if (page.route === 'not-found') return '404.html';
  if (page.url.endsWith('/')) return `${page.url.slice(1)}index.html`;
  return page.url.slice(1);
}

/**
 * A projection of a record, computed once per record object: the same record always gives the same
 * object, so a page's data made of unchanged records compares in O(1) (the publisher hashes objects once).
 */
function projection<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make(key)));
    return value;
  };
}

const summary = projection((article: Article): ArticleSummary => ({
  documentId: article.documentId,
  slug: article.slug,
  title: article.title,
  lead: article.lead,
  publishedAt: article.publishedAt,
  cover: article.cover,
}));
const otherNewsLink = projection(({ documentId, slug, title, publishedAt }: Article) => ({ documentId, slug, title, publishedAt }));
const feedItem = projection((article: Article): FeedItem => ({
  title: article.title,
  link: paths.article(article.slug),
  pubDate: article.publishedAt ?? null,
  description: article.lead,
  author: article.author?.name ?? null,
  categories: article.category ? [article.category.name] : [],
}));
const sitemapEntry = projection((article: Article): SitemapEntry => ({
  url: paths.article(article.slug),
  lastmod: article.updatedAt ?? article.publishedAt ?? null,
}));

function grouped(articles: Article[], keysOf: (article: Article) => Array<string | null | undefined>): Map<string, Article[]> {
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    for (const key of new Set(keysOf(article))) {
      if (!key) continue;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(article);
    }
  }
  return groups;
}

/** The groupings article pages are computed from, made once per content (each is one pass over the articles). */
type ArticleIndex = {
  byId: Map<string, Article>;
  /** Articles of each category itself, newest first, and each article's place in its category's list. */
  ownCategory: Map<string, Article[]>;
  position: Map<string, number>;
  /** A category's listing: its own articles and its sub-categories'. */
  inCategory: Map<string, Article[]>;
  trailOf: (category: Article['category']) => ArticleProps['trail'];
};

function articleIndex({ articles, categories }: SiteContent): ArticleIndex {
  const ownCategory = grouped(articles, (a) => [a.category?.slug]);
  const position = new Map<string, number>();
  for (const list of ownCategory.values()) list.forEach((article, index) => position.set(article.documentId, index));
  const trails = new Map<string, ArticleProps['trail']>();
  return {
    byId: new Map(articles.map((article) => [article.documentId, article])),
    ownCategory,
    position,
    // A parent category's listing includes its sub-categories' articles.
    inCategory: grouped(articles, (a) => [a.category?.slug, a.category?.parent?.slug]),
    trailOf: (category) => {
      const key = category ? `${category.slug}\n${category.parent?.slug ?? ''}` : '';
      let trail = trails.get(key);
      if (!trail) trails.set(key, (trail = categoryTrail(category, categories)));
      return trail;
    },
  };
}

function articlePageOf(article: Article, { byId, ownCategory, position, inCategory, trailOf }: ArticleIndex): SitePage {
  const sameCategory = article.category ? (ownCategory.get(article.category.slug) ?? []) : [];
  const categoryArticles = article.category ? (inCategory.get(article.category.slug) ?? []).length : 0;
  const props: ArticleProps = {
    article,
    trail: trailOf(article.category),
    others: otherNews(article, sameCategory, byId, PER_PAGE, position.get(article.documentId) ?? -1).map(otherNewsLink),
    categoryPages: article.category ? Math.min(pageCount(categoryArticles, PER_PAGE), MORE_PAGES) : 0,
  };
  return { route: 'article', url: paths.article(article.slug), params: { slug: article.slug }, props };
}

/**
 * The page of one article exactly as sitePages() computes it, without the rest of the site: an editor's
 * preview renders one page, and the whole list takes the better part of a second at 10,000 articles.
 * Undefined when the content has no article `documentId`.
 */
export function articlePage(content: SiteContent, documentId: string): SitePage | undefined {
  const index = articleIndex(content);
  const article = index.byId.get(documentId);
  return article && articlePageOf(article, index);
}

export function sitePages(content: SiteContent): Map<string, SitePage> {
  const { articles, categories, authors, settings } = content;
  const pages = new Map<string, SitePage>();
  const add = (route: RouteName, url: string, params: Record<string, string>, props: unknown) => pages.set(url, { route, url, params, props });

  const index = articleIndex(content);
  const { byId, inCategory } = index;
  const byAuthor = grouped(articles, (a) => [a.author?.slug]);

  add('home', '/', {}, {
    newest: articles.slice(0, 10).map(summary),
    mostRead: content.mostRead.filter((entry) => byId.has(entry.documentId)).map(({ title, slug }) => ({ title, slug })),
    blocks: (settings?.menu ?? [])
      .filter((category) => category?.slug)
      .map((category) => ({
        category: { slug: category.slug, name: category.name },
        articles: (inCategory.get(category.slug) ?? []).slice(0, 5).map(summary),
      }))
      .filter((block) => block.articles.length > 0),
  } satisfies HomeProps);

  for (const article of articles) {
    const page = articlePageOf(article, index);
    pages.set(page.url, page);
  }

  const listing = (
    route: 'category' | 'author',
    slug: string,
    heading: string,
    description: string | null | undefined,
    list: Article[],
    base: string,
  ) => {
    const pageTotal = Math.min(pageCount(list.length, PER_PAGE), LISTING_MAX_PAGES);
    for (let page = 1; page <= pageTotal; page++) {
      const shown = pageSlice(list, page, PER_PAGE).map(summary);
      const older = page === pageTotal && list.length > pageTotal * PER_PAGE;
      const props: ListingProps = { heading, description, base, page, pages: pageTotal, articles: shown, ...(older && { older }) };
      if (page === 1) add(route, base, { slug }, props);
      else add(`${route}-page`, pageHref(base, page), { slug, page: String(page) }, props);
    }
  };
  for (const category of categories) {
    if (category.slug)
      listing('category', category.slug, category.name, category.description, inCategory.get(category.slug) ?? [], paths.category(category.slug));
  }
  for (const author of authors) {
    if (author.slug)
      listing('author', author.slug, `Tác giả: ${author.name}`, author.bio, byAuthor.get(author.slug) ?? [], paths.author(author.slug));
  }

  add('search', paths.search, {}, {});
  add('not-found', '/404/', {}, {});
  add('rss', paths.rss, {}, { items: articles.slice(0, 50).map(feedItem) });
  const listed: SitemapEntry[] = [{ url: '/', lastmod: articles[0]?.publishedAt ?? null }];
  for (const page of pages.values())
    if (page.route === 'category' || page.route === 'category-page' || page.route === 'author' || page.route === 'author-page')
      listed.push({ url: page.url, lastmod: null });
  const dated = articles.map((article) => ({ entry: sitemapEntry(article), publishedAt: article.publishedAt ?? null }));
  for (const page of sitemapPages(listed, dated)) pages.set(page.url, page);
  add('robots', '/robots.txt', {}, {});
  return pages;
}
