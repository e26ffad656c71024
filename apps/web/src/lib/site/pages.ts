import type { Article, Author, Category } from '@portal/cms-client';
import type { SiteContent } from '../content/fetch';
import { categoryTrail, LISTING_MAX_PAGES, otherNews, PER_PAGE } from './listings';
import { pageCount, pageHref, pageSlice } from './pagination';
import { paths } from './paths';
import { sitemapPages, type DatedEntry, type SitemapEntry, type SitemapRoute } from './sitemap';

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
const datedEntry = projection((article: Article): DatedEntry => ({
  entry: { url: paths.article(article.slug), lastmod: article.updatedAt ?? article.publishedAt ?? null },
  publishedAt: article.publishedAt ?? null,
}));

type Grouping = (article: Article) => Array<string | null | undefined>;

/** The keys an article is listed under, once each. */
function keysOf(article: Article, grouping: Grouping): Set<string> {
  const keys = new Set<string>();
  for (const key of grouping(article)) if (key) keys.add(key);
  return keys;
}

/** The articles under each key, in the content's order; with `only`, the lists of those keys alone. */
function grouped(articles: readonly Article[], grouping: Grouping, only?: ReadonlySet<string>): Map<string, Article[]> {
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    for (const key of keysOf(article, grouping)) {
      if (only && !only.has(key)) continue;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(article);
    }
  }
  return groups;
}

/** Its own category: the list "Tin khác" fills from and "1 2 3 4 5 …" counts. */
const byOwnCategory: Grouping = (a) => [a.category?.slug];
/** A parent category's listing includes its sub-categories' articles. */
const byListedCategory: Grouping = (a) => [a.category?.slug, a.category?.parent?.slug];
const byAuthorSlug: Grouping = (a) => [a.author?.slug];

/** Articles by documentId: a Map, or a Map with the changes of a few builds laid over it (derivedIndex). */
type ArticlesById = Pick<ReadonlyMap<string, Article>, 'get' | 'has'>;

class ChangedArticles implements ArticlesById {
  constructor(
    readonly base: ReadonlyMap<string, Article>,
    /** documentId → the article now, or null when it is gone. */
    readonly changes: ReadonlyMap<string, Article | null>,
  ) {}

  get(id: string): Article | undefined {
    const changed = this.changes.get(id);
    return changed === undefined ? this.base.get(id) : (changed ?? undefined);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/**
 * Changes laid over an index's Map of articles before a new Map is made (one pass over the articles): at
 * most this many, and at most a tenth of the articles.
 */
const MAX_LAID_OVER = 1_000;

/** The groupings pages are computed from, made once per content (each is one pass over the articles). */
type ArticleIndex = {
  byId: ArticlesById;
  /** Articles of each category itself, newest first (an article's place in it: positionIn). */
  ownCategory: Map<string, Article[]>;
  /** A category's listing: its own articles and its sub-categories'. */
  inCategory: Map<string, Article[]>;
  byAuthor: Map<string, Article[]>;
  trailOf: (category: Article['category']) => ArticleProps['trail'];
};

/**
 * The index of a content, made once per content object: a partial build's content is the next build's
 * previous content, so changedPages indexes one content per build, not two.
 */
const indexes = new WeakMap<SiteContent, ArticleIndex>();

function articleIndex(content: SiteContent): ArticleIndex {
  let index = indexes.get(content);
  if (!index) indexes.set(content, (index = makeIndex(content)));
  return index;
}

/** Where each article is in a list, made once per list (a category's list is shared by the indexes it did not change in). */
const positions = new WeakMap<readonly Article[], Map<string, number>>();

function positionIn(list: readonly Article[], documentId: string): number | undefined {
  let places = positions.get(list);
  if (!places) {
    places = new Map(list.map((article, index) => [article.documentId, index]));
    positions.set(list, places);
  }
  return places.get(documentId);
}

function trails(categories: Category[]): ArticleIndex['trailOf'] {
  const known = new Map<string, ArticleProps['trail']>();
  return (category) => {
    const key = category ? `${category.slug}\n${category.parent?.slug ?? ''}` : '';
    let trail = known.get(key);
    if (!trail) known.set(key, (trail = categoryTrail(category, categories)));
    return trail;
  };
}

function makeIndex({ articles, categories }: SiteContent): ArticleIndex {
  return {
    byId: new Map(articles.map((article) => [article.documentId, article])),
    ownCategory: grouped(articles, byOwnCategory),
    inCategory: grouped(articles, byListedCategory),
    byAuthor: grouped(articles, byAuthorSlug),
    trailOf: trails(categories),
  };
}

/**
 * The index of `after` made from `before`'s when only the articles `ids` differ between them: the lists
 * under the keys those articles had or have are made again (one pass over the articles), every other list
 * is `before`'s own array. The same lists, in the same order, as makeIndex(after) — the changed-pages
 * tests compare every page with sitePages().
 */
function derivedIndex(before: SiteContent, after: SiteContent, ids: ReadonlySet<string>): ArticleIndex {
  const known = indexes.get(after);
  if (known) return known;
  const old = indexes.get(before);
  if (!old) return articleIndex(after);
  const changes = new Map<string, Article | null>(old.byId instanceof ChangedArticles ? old.byId.changes : []);
  for (const id of ids) changes.set(id, null);
  const involved: Article[] = [];
  for (const id of ids) {
    const article = old.byId.get(id);
    if (article) involved.push(article);
  }
  for (const article of after.articles)
    if (ids.has(article.documentId)) {
      changes.set(article.documentId, article);
      involved.push(article);
    }
  const regrouped = (groups: Map<string, Article[]>, grouping: Grouping) => {
    const touched = new Set(involved.flatMap((article) => [...keysOf(article, grouping)]));
    const lists = grouped(after.articles, grouping, touched);
    const next = new Map(groups);
    for (const key of touched) {
      const list = lists.get(key);
      if (list) next.set(key, list);
      else next.delete(key);
    }
    return next;
  };
  const base = old.byId instanceof ChangedArticles ? old.byId.base : (old.byId as ReadonlyMap<string, Article>);
  const index: ArticleIndex = {
    byId:
      changes.size > Math.min(MAX_LAID_OVER, after.articles.length / 10)
        ? new Map(after.articles.map((article) => [article.documentId, article]))
        : new ChangedArticles(base, changes),
    ownCategory: regrouped(old.ownCategory, byOwnCategory),
    inCategory: regrouped(old.inCategory, byListedCategory),
    byAuthor: regrouped(old.byAuthor, byAuthorSlug),
    trailOf: after.categories === before.categories ? old.trailOf : trails(after.categories),
  };
  indexes.set(after, index);
  return index;
}

/** The "1 2 3 4 5 …" count of an article page: its category's listing pages, up to MORE_PAGES. */
function categoryPagesOf(slug: string | undefined, { inCategory }: ArticleIndex): number {
  return slug ? Math.min(pageCount((inCategory.get(slug) ?? []).length, PER_PAGE), MORE_PAGES) : 0;
}

function articlePageOf(article: Article, index: ArticleIndex): SitePage {
  const { byId, ownCategory, trailOf } = index;
  const sameCategory = article.category ? (ownCategory.get(article.category.slug) ?? []) : [];
  const props: ArticleProps = {
    article,
    trail: trailOf(article.category),
    others: otherNews(article, sameCategory, byId, PER_PAGE, positionIn(sameCategory, article.documentId) ?? -1).map(otherNewsLink),
    categoryPages: categoryPagesOf(article.category?.slug, index),
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

function page(route: RouteName, url: string, params: Record<string, string>, props: unknown): SitePage {
  return { route, url, params, props };
}

function homePage({ articles, settings, mostRead }: SiteContent, { byId, inCategory }: ArticleIndex): SitePage {
  return page('home', '/', {}, {
    newest: articles.slice(0, 10).map(summary),
    mostRead: mostRead.filter((entry) => byId.has(entry.documentId)).map(({ title, slug }) => ({ title, slug })),
    blocks: (settings?.menu ?? [])
      .filter((category) => category?.slug)
      .map((category) => ({
        category: { slug: category.slug, name: category.name },
        articles: (inCategory.get(category.slug) ?? []).slice(0, 5).map(summary),
      }))
      .filter((block) => block.articles.length > 0),
  } satisfies HomeProps);
}

/** How many pages a listing of `list` has: one per PER_PAGE articles, at most LISTING_MAX_PAGES. */
function listingPageCount(list: readonly Article[] | undefined): number {
  return Math.min(pageCount(list?.length ?? 0, PER_PAGE), LISTING_MAX_PAGES);
}

/** The pages of one listing (a category's or an author's), page 1 at `base`. */
function listing(
  route: 'category' | 'author',
  slug: string,
  heading: string,
  description: string | null | undefined,
  list: Article[],
  base: string,
): SitePage[] {
  const pages: SitePage[] = [];
  const pageTotal = listingPageCount(list);
  for (let number = 1; number <= pageTotal; number++) {
    const older = number === pageTotal && list.length > pageTotal * PER_PAGE;
    const props: ListingProps = {
      heading,
      description,
      base,
      page: number,
      pages: pageTotal,
      articles: pageSlice(list, number, PER_PAGE).map(summary),
      ...(older && { older }),
    };
    if (number === 1) pages.push(page(route, base, { slug }, props));
    else pages.push(page(`${route}-page`, pageHref(base, number), { slug, page: String(number) }, props));
  }
  return pages;
}

function categoryListing(category: Category, { inCategory }: ArticleIndex): SitePage[] {
  if (!category.slug) return [];
  return listing('category', category.slug, category.name, category.description, inCategory.get(category.slug) ?? [], paths.category(category.slug));
}

function authorListing(author: Author, { byAuthor }: ArticleIndex): SitePage[] {
  if (!author.slug) return [];
  return listing('author', author.slug, `Tác giả: ${author.name}`, author.bio, byAuthor.get(author.slug) ?? [], paths.author(author.slug));
}

/** The pages every site has, whatever its content. */
function fixedPages(): SitePage[] {
  return [page('search', paths.search, {}, {}), page('not-found', '/404/', {}, {}), page('robots', '/robots.txt', {}, {})];
}

function feedPage(articles: Article[]): SitePage {
  return page('rss', paths.rss, {}, { items: articles.slice(0, 50).map(feedItem) });
}

/** The sitemap's files of a content, computed once per content object (a partial build needs the previous content's too). */
const sitemaps = new WeakMap<SiteContent, SitePage[]>();

/** The sitemap's files (sitemap.ts): the home page and every listing page, every article by year. */
function sitemapOf(content: SiteContent, index: ArticleIndex): SitePage[] {
  const known = sitemaps.get(content);
  if (known) return known;
  const { articles } = content;
  const listed: SitemapEntry[] = [{ url: '/', lastmod: articles[0]?.publishedAt ?? null }];
  for (const url of listingUrls(content, index)) listed.push({ url, lastmod: null });
  const pages = sitemapPages(listed, articles.map(datedEntry));
  sitemaps.set(content, pages);
  return pages;
}

/** The URLs of every listing page, without computing the pages (what the sitemap lists). */
function listingUrls({ categories, authors }: SiteContent, { inCategory, byAuthor }: ArticleIndex): string[] {
  const urls: string[] = [];
  const add = (base: string, list: Article[] | undefined) => {
    const total = listingPageCount(list);
    for (let number = 1; number <= total; number++) urls.push(pageHref(base, number));
  };
  for (const category of categories) if (category.slug) add(paths.category(category.slug), inCategory.get(category.slug));
  for (const author of authors) if (author.slug) add(paths.author(author.slug), byAuthor.get(author.slug));
  return urls;
}

export function sitePages(content: SiteContent): Map<string, SitePage> {
  const pages = new Map<string, SitePage>();
  const add = (list: SitePage[]) => {
    for (const item of list) pages.set(item.url, item);
  };
  const index = articleIndex(content);
  add([homePage(content, index)]);
  add(content.articles.map((article) => articlePageOf(article, index)));
  for (const category of content.categories) add(categoryListing(category, index));
  for (const author of content.authors) add(authorListing(author, index));
  add(fixedPages());
  add([feedPage(content.articles)]);
  add(sitemapOf(content, index));
  return pages;
}

/** The pages that may differ after some articles changed, and every URL considered (see changedPages). */
export type ChangedPages = {
  /** The new site's pages among those that may have changed, with their data. */
  pages: Map<string, SitePage>;
  /** Every URL that may have changed, appeared or gone: a URL here and not in `pages` is no page any more. */
  considered: Set<string>;
};

/**
 * The pages whose data may differ between `before` and `after` when only the articles `changed`
 * (documentIds: edited, published, unpublished or deleted) differ between them — every other page of
 * `after` has the data it had in `before`, so a partial build need not compute it. Exactly sitePages()'s
 * pages for those URLs (the same functions compute them); the unit tests compare the two on random changes.
 *
 * `lists` names changed authors and categories (documentIds): their listings are computed too; the
 * articles showing them must be among `changed` (refreshContent fetches them again).
 *
 * What an article shows of others: its own page (old and new address); the pages whose "Tin khác" may
 * hold it, which are its neighbours in its category's list (on either side, as far as "Tin khác" can
 * reach: PER_PAGE plus the longest curated list, whose links a neighbour may skip) and the articles that
 * chose it; every article of a category whose "1 2 3 4 5 …" count changed; the listings of its old and
 * new category (with their parents) and author; the home page, the feed and the sitemap.
 */
export function changedPages(
  before: SiteContent,
  after: SiteContent,
  changed: Iterable<string>,
  lists: { authors?: Iterable<string>; categories?: Iterable<string> } = {},
): ChangedPages {
  const ids = new Set(changed);
  const old = articleIndex(before);
  const next = derivedIndex(before, after, ids);
  const considered = new Set<string>();
  const pages = new Map<string, SitePage>();
  const add = (list: SitePage[]) => {
    for (const item of list) {
      pages.set(item.url, item);
      considered.add(item.url);
    }
  };

  let reach = PER_PAGE;
  for (const article of after.articles) reach = Math.max(reach, PER_PAGE + (article.relatedArticles?.length ?? 0));
  for (const article of before.articles) reach = Math.max(reach, PER_PAGE + (article.relatedArticles?.length ?? 0));

  const articles = new Set<string>();
  const categories = new Set<string>();
  const authors = new Set<string>();
  const neighbours = (index: ArticleIndex, article: Article) => {
    const list = article.category ? index.ownCategory.get(article.category.slug) : undefined;
    const at = list && positionIn(list, article.documentId);
    if (!list || at === undefined) return;
    for (let i = Math.max(0, at - reach); i <= Math.min(list.length - 1, at + reach); i++) articles.add(list[i].documentId);
  };
  const involve = (index: ArticleIndex, article: Article | undefined) => {
    if (!article) return;
    considered.add(paths.article(article.slug));
    articles.add(article.documentId);
    neighbours(index, article);
    if (article.category?.slug) categories.add(article.category.slug);
    if (article.category?.parent?.slug) categories.add(article.category.parent.slug);
    if (article.author?.slug) authors.add(article.author.slug);
  };
  for (const id of ids) {
    involve(old, old.byId.get(id));
    involve(next, next.byId.get(id));
  }
  // Changed authors and categories: their listings, under their old and new addresses, even when empty.
  const slugsOf = (records: Array<{ documentId: string; slug: string }>, changedIds: Iterable<string> | undefined, into: Set<string>) => {
    const wanted = new Set(changedIds ?? []);
    for (const record of records) if (wanted.has(record.documentId) && record.slug) into.add(record.slug);
  };
  for (const content of [before, after]) {
    slugsOf(content.authors, lists.authors, authors);
    slugsOf(content.categories, lists.categories, categories);
  }
  // Articles that chose a changed one ("Tin khác" curated by editors).
  for (const article of after.articles)
    for (const related of article.relatedArticles ?? []) if (related && ids.has(related.documentId)) articles.add(article.documentId);
  // A category whose listing gained or lost a page: every article of it shows the new count.
  for (const slug of categories)
    if (categoryPagesOf(slug, old) !== categoryPagesOf(slug, next))
      for (const article of next.ownCategory.get(slug) ?? []) articles.add(article.documentId);
  for (const id of articles) {
    const article = next.byId.get(id);
    if (article) add([articlePageOf(article, next)]);
  }

  // The listings, before (their pages may be gone) and after.
  const listings = (content: SiteContent, index: ArticleIndex) => [
    ...content.categories.filter((category) => categories.has(category.slug)).flatMap((category) => categoryListing(category, index)),
    ...content.authors.filter((author) => authors.has(author.slug)).flatMap((author) => authorListing(author, index)),
  ];
  for (const item of listings(before, old)) considered.add(item.url);
  add(listings(after, next));

  add([homePage(after, next), feedPage(after.articles)]);
  // The sitemap's files, before (a year's file may be gone) and after.
  for (const item of sitemapOf(before, old)) considered.add(item.url);
  add(sitemapOf(after, next));
  return { pages, considered };
}
