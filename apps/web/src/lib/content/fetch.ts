import {
  fetchAllArticles,
  fetchAllAuthors,
  fetchAllCategories,
  fetchArticlesByIds,
  fetchMostRead,
  fetchSiteSettings,
  type Article,
  type Author,
  type Category,
  type CmsClient,
  type MostReadArticle,
  type SiteSettings,
} from '@portal/cms-client';
import { cacheMedia } from '../media/cache';
import { mediaUrls, type CmsMedia } from '../media/images';
import type { MediaSources } from '../media/origins';
import { withoutUnsafeCharactersDeep } from '../untrusted';

/** Everything the site shows, as the CMS publishes it; articles newest first. */
export type SiteContent = {
  articles: Article[];
  authors: Author[];
  categories: Category[];
  settings: SiteSettings | null;
  /** "Đọc nhiều" when the content was fetched: the home page's list until the live one arrives. */
  mostRead: MostReadArticle[];
};

/** Where content comes from and where its media go: given by whoever builds (the static build, the publisher). */
export type ContentSource = {
  cms: CmsClient;
  /** The media cache: downloaded CMS media, kept between builds (see media/cache.ts). */
  mediaCacheDir: string;
  /**
   * Origins besides the CMS's own that media may be downloaded from (mediaOrigins(): the bucket of
   * UPLOAD_PROVIDER=s3); none by default. A media URL anywhere else stops the build (media/origins.ts).
   */
  mediaOrigins?: readonly string[];
};

/**
 * A media file's record: on the CMS (`/uploads/…`), or stored elsewhere (an absolute URL on S3_PUBLIC_URL)
 * with a file's fields. Rich-text links carry a `url` too, but neither size nor formats.
 */
function isMediaRecord(record: Record<string, unknown>): boolean {
  if (typeof record.url !== 'string') return false;
  return record.url.startsWith('/uploads/') || 'width' in record || 'formats' in record;
}

/** Media a CMS record refers to: covers, avatars, banners, share images and images inside rich text. */
export function referencedMedia(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) referencedMedia(item, found);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (isMediaRecord(record)) found.push(...mediaUrls(record as CmsMedia));
    for (const [key, child] of Object.entries(record)) if (key !== 'formats') referencedMedia(child, found);
  }
  return found;
}

/** Where a source's media may come from. */
const mediaSources = ({ cms, mediaOrigins = [] }: ContentSource): MediaSources => ({ cmsUrl: cms.url, origins: mediaOrigins });

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest first; ties (same second) by documentId, so every build orders alike. ISO dates and Strapi's
 * documentIds are ASCII: plain comparison orders them as collation would, many times faster.
 */
export function sortArticles(articles: Article[]): Article[] {
  return articles.sort((a, b) => compare(b.publishedAt ?? '', a.publishedAt ?? '') || compare(a.documentId, b.documentId));
}

/**
 * All published content, with every media file it uses downloaded into the media cache. Bidi controls are
 * removed from every text as it comes in (content written before the CMS refused them), so no page shows them.
 */
export async function fetchSiteContent(source: ContentSource): Promise<SiteContent> {
  const { cms, mediaCacheDir } = source;
  const [articles, authors, categories, settings, mostRead] = withoutUnsafeCharactersDeep(
    await Promise.all([fetchAllArticles(cms), fetchAllAuthors(cms), fetchAllCategories(cms), fetchSiteSettings(cms), fetchMostRead(cms)]),
  );
  await cacheMedia(mediaCacheDir, mediaSources(source), referencedMedia([articles, authors, categories, settings]));
  return { articles: sortArticles(articles), authors, categories, settings, mostRead };
}

/**
 * The content after some articles changed: those are fetched again (unpublished or deleted ones are
 * gone from the answer) and replace their old versions, and "Đọc nhiều" is read again; every other record
 * is kept as it was, object for object, so work keyed on unchanged records can be reused.
 */
export async function refreshArticles(content: SiteContent, documentIds: Iterable<string>, source: ContentSource): Promise<SiteContent> {
  const { cms, mediaCacheDir } = source;
  const ids = new Set(documentIds);
  // "Đọc nhiều" too: readers move it between builds; only the home page shows it before the live list.
  const [fetched, mostRead] = withoutUnsafeCharactersDeep(await Promise.all([fetchArticlesByIds(cms, [...ids]), fetchMostRead(cms)]));
  await cacheMedia(mediaCacheDir, mediaSources(source), referencedMedia(fetched));
  const articles = sortArticles([...content.articles.filter((article) => !ids.has(article.documentId)), ...fetched]);
  return { ...content, articles, mostRead };
}

/** What changed since some content was fetched: documentIds of articles, authors and categories. */
export type ContentChange = { articles: Iterable<string>; authors?: Iterable<string>; categories?: Iterable<string> };

/**
 * The articles that show a changed author or category (as their byline, their category or its parent):
 * a rename reaches every page of them, so they are fetched again with it.
 */
export function articlesShowing(content: SiteContent, authors: ReadonlySet<string>, categories: ReadonlySet<string>): string[] {
  if (authors.size === 0 && categories.size === 0) return [];
  return content.articles
    .filter(
      (article) =>
        (article.author && authors.has(article.author.documentId)) ||
        (article.category &&
          (categories.has(article.category.documentId) || (article.category.parent && categories.has(article.category.parent.documentId)))),
    )
    .map((article) => article.documentId);
}

/**
 * The content after some articles, authors or categories changed: the changed articles and every article
 * showing a changed author or category are fetched again (see refreshArticles), and the lists of authors
 * and categories too when one of them changed (they are short). Resolves with the new content and the
 * documentIds of every article fetched again.
 */
export async function refreshContent(
  content: SiteContent,
  change: ContentChange,
  source: ContentSource,
): Promise<{ content: SiteContent; articles: string[] }> {
  const authors = new Set(change.authors ?? []);
  const categories = new Set(change.categories ?? []);
  const articles = [...new Set([...change.articles, ...articlesShowing(content, authors, categories)])];
  const [refreshed, lists] = await Promise.all([
    refreshArticles(content, articles, source),
    authors.size || categories.size
      ? Promise.all([fetchAllAuthors(source.cms), fetchAllCategories(source.cms)]).then(async (fetched) => {
          const clean = withoutUnsafeCharactersDeep(fetched);
          await cacheMedia(source.mediaCacheDir, mediaSources(source), referencedMedia(clean));
          return clean;
        })
      : null,
  ]);
  const next = lists ? { ...refreshed, authors: lists[0], categories: lists[1] } : refreshed;
  return { content: next, articles };
}

/**
 * The content as it would be with `article` live (an editor's preview): its media downloaded into the media
 * cache, its text cleaned as fetched content is, and the article in place of its published version (or
 * added), in the site's order. `content` itself is not changed; every other record is kept object for object.
 */
export async function withArticle(content: SiteContent, article: Article, source: ContentSource): Promise<SiteContent> {
  const clean = withoutUnsafeCharactersDeep(article);
  await cacheMedia(source.mediaCacheDir, mediaSources(source), referencedMedia(clean));
  const articles = sortArticles([...content.articles.filter((other) => other.documentId !== clean.documentId), clean]);
  return { ...content, articles };
}
