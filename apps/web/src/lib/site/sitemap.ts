import { escapeHtml } from '../html-escape';
import type { SitePage } from './pages';

/**
 * The sitemap files of the site (https://www.sitemaps.org/protocol.html), computed from their entries alone.
 *
 * A sitemap file lists at most 50,000 URLs and weighs at most 50 MB. Up to 50,000 URLs, `/sitemap.xml` is
 * one `<urlset>`. Above, it is a `<sitemapindex>` of child files, each a `<urlset>` of at most 50,000:
 *
 *   /sitemap-trang.xml   the home page and the listings (`-2`, `-3`… if ever they pass 50,000)
 *   /sitemap-2025.xml    the articles published in 2025 (Vietnam time), oldest first; a year of more than
 *                        50,000 continues in /sitemap-2025-2.xml, counted from its oldest article
 *
 * Files by year keep a publish cheap: the publisher renders only the pages whose data changed, and a new
 * article changes the current year's file alone, an edit its own year's, an unpublished article its year's.
 * (Strapi 5 gives a re-published article a new `publishedAt`, so an edit can move an article to the
 * current year: two files.) Files counted over all the articles would all shift when one old article is
 * unpublished or re-published. A year's older files stay as they are, and so do their `<lastmod>` in the
 * index, so crawlers fetch again only the files that changed.
 */

/** sitemaps.org: "no more than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)". */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 52_428_800;

/** `/sitemap.xml` (a urlset or the index) and the index's children. */
export type SitemapRoute = 'sitemap' | 'sitemap-part';

/** One URL of a sitemap (a page of the site, a path) or one child of an index (a sitemap file). */
export type SitemapEntry = { url: string; lastmod: string | null };

/** An article's entry and when it was published: what decides the file it goes into. */
export type DatedEntry = { entry: SitemapEntry; publishedAt: string | null };

/** What a sitemap file shows: the URLs of a `<urlset>`, or the child files of a `<sitemapindex>`. */
export type SitemapProps = { kind: 'urlset'; entries: SitemapEntry[] } | { kind: 'index'; sitemaps: SitemapEntry[] };

/** Vietnam keeps UTC+7 all year: the year an article is dated with on the site. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The part of articles without a publication date ("khác": other), listed before the years. */
const UNDATED = 'khac';

/** The year an article was published in, Vietnam time. */
function yearOf(publishedAt: string | null): string {
  const time = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  return Number.isFinite(time) ? String(new Date(time + VIETNAM_OFFSET_MS).getUTCFullYear()) : UNDATED;
}

/**
 * The entries each file had when last computed here, by file name: a file whose entries are the same (URL
 * for URL, date for date) keeps its earlier array, so that the publisher, which remembers the digest of an
 * array it has seen, compares an unchanged year's 10,000 entries at no cost.
 */
const lastEntries = new Map<string, SitemapEntry[]>();

function sameEntries(a: readonly SitemapEntry[], b: readonly SitemapEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && (a[i].url !== b[i].url || a[i].lastmod !== b[i].lastmod)) return false;
  return true;
}

function steady(name: string, entries: SitemapEntry[]): SitemapEntry[] {
  const last = lastEntries.get(name);
  if (last && sameEntries(last, entries)) return last;
  lastEntries.set(name, entries);
  return entries;
}

/** Pieces of at most SITEMAP_MAX_URLS, named `name`, `name-2`, `name-3`… in order. */
function parts(name: string, entries: SitemapEntry[]): Array<[string, SitemapEntry[]]> {
  const pieces: Array<[string, SitemapEntry[]]> = [];
  for (let start = 0, n = 1; start < entries.length; start += SITEMAP_MAX_URLS, n++) {
    const part = n === 1 ? name : `${name}-${n}`;
    pieces.push([part, steady(part, entries.slice(start, start + SITEMAP_MAX_URLS))]);
  }
  return pieces;
}

/** The latest date of each entries' array, computed once per array. */
const latestOf = new WeakMap<readonly SitemapEntry[], string | null>();

/** The latest of the entries' dates, as written; null when none has one. */
function latest(entries: SitemapEntry[]): string | null {
  if (latestOf.has(entries)) return latestOf.get(entries)!;
  let found: string | null = null;
  let time = -Infinity;
  for (const { lastmod } of entries) {
    const t = lastmod ? Date.parse(lastmod) : Number.NaN;
    if (t > time) [found, time] = [lastmod, t];
  }
  latestOf.set(entries, found);
  return found;
}

/** The URL of a child sitemap file. */
export const sitemapPart = (part: string) => `/sitemap-${part}.xml`;

/**
 * The sitemap pages of the site: `/sitemap.xml`, and its children when the site has more URLs than one file
 * may list. `pages` are the home page and the listings; `articles` come in the site's order, newest first.
 */
export function sitemapPages(pages: SitemapEntry[], articles: DatedEntry[]): SitePage[] {
  if (pages.length + articles.length <= SITEMAP_MAX_URLS) {
    const props: SitemapProps = { kind: 'urlset', entries: steady('', [...pages, ...articles.map((article) => article.entry)]) };
    return [{ route: 'sitemap', url: '/sitemap.xml', params: {}, props }];
  }
  const years = new Map<string, SitemapEntry[]>();
  for (let i = articles.length - 1; i >= 0; i--) {
    const { entry, publishedAt } = articles[i];
    const year = yearOf(publishedAt);
    let list = years.get(year);
    if (!list) years.set(year, (list = []));
    list.push(entry);
  }
  const order = ([year]: [string, unknown]) => (year === UNDATED ? -Infinity : Number(year));
  const byYear = [...years].sort((a, b) => order(a) - order(b));
  const children = [...parts('trang', pages), ...byYear.flatMap(([year, entries]) => parts(year, entries))];
  const index: SitemapProps = { kind: 'index', sitemaps: children.map(([part, entries]) => ({ url: sitemapPart(part), lastmod: latest(entries) })) };
  return [
    { route: 'sitemap', url: '/sitemap.xml', params: {}, props: index },
    ...children.map(([part, entries]): SitePage => {
      const props: SitemapProps = { kind: 'urlset', entries };
      return { route: 'sitemap-part', url: sitemapPart(part), params: { part }, props };
    }),
  ];
}

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * The XML of a sitemap file, its paths made absolute on `siteUrl`. Throws when the file would pass
 * sitemaps.org's 50 MB, which crawlers refuse whole (slugs of at most 250 characters keep 50,000 URLs
 * near 20 MB).
 */
export function sitemapXml(props: SitemapProps, siteUrl: string): string {
  const item = (tag: string, { url, lastmod }: SitemapEntry) =>
    `<${tag}><loc>${escapeHtml(siteUrl + url)}</loc>${lastmod ? `<lastmod>${escapeHtml(lastmod)}</lastmod>` : ''}</${tag}>`;
  const [root, body] =
    props.kind === 'index'
      ? ['sitemapindex', props.sitemaps.map((entry) => item('sitemap', entry))]
      : ['urlset', props.entries.map((entry) => item('url', entry))];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${body.join('')}</${root}>\n`;
  const bytes = Buffer.byteLength(xml);
  if (bytes > SITEMAP_MAX_BYTES)
    throw new Error(`sitemap of ${body.length} entries is ${bytes} bytes, more than sitemaps.org's limit of ${SITEMAP_MAX_BYTES}`);
  return xml;
}
