import type { Core } from '@strapi/strapi';
import type { PreviewArticle, PreviewStatus } from '../contract/preview-link';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const CATEGORY = 'api::category.category';
/** "Tin khác" as the site reads it: `relatedArticles(pagination: { limit: 20 })` of packages/cms-client. */
const RELATED_LIMIT = 20;

type Media = { url: string; alternativeText: string | null; width: number | null; height: number | null; formats: unknown; caption?: string | null };
type Link = { documentId: string };
type Row = {
  documentId: string;
  title: string | null;
  slug: string | null;
  lead: string | null;
  source: string | null;
  body: unknown;
  publishedAt: string | null;
  updatedAt: string | null;
  views: number | null;
  cover: Media | null;
  author: Link | null;
  category: Link | null;
  relatedArticles: Link[] | null;
  seo: { metaTitle: string | null; metaDescription: string | null; shareImage: Media | null } | null;
};
type Named = { documentId: string; name: string; slug: string };
type CategoryRow = Named & { parent: Named | null };
type RelatedRow = { documentId: string; slug: string; title: string; publishedAt: string | null };

const mediaFile = (file: Media) => ({
  url: file.url,
  alternativeText: file.alternativeText ?? null,
  width: file.width ?? null,
  height: file.height ?? null,
  formats: file.formats ?? null,
});

/** The document service's reads, as used here: the rows' shapes are the types above. */
type Reader = { findOne(params: object): Promise<unknown>; findMany(params: object): Promise<unknown> };
const documents = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as Parameters<Core.Strapi['documents']>[0]) as unknown as Reader;

/**
 * One article as the site will show it once the version `status` is live: its own fields from that
 * version, and its author, category and "Tin khác" as published (what publishing it links them to: a
 * draft's relations point at the drafts of other documents, which readers never see, and unpublished ones
 * drop out). A draft shown before publishing gets `publishedAt` = now, the date publishing would give it.
 * Null when the document (or that version of it) does not exist. Read by the document service, outside
 * the content API: only the draft route calls it.
 */
export async function articleForPreview(
  strapi: Core.Strapi,
  documentId: string,
  status: PreviewStatus,
  now = new Date(),
): Promise<PreviewArticle | null> {
  const link = { fields: ['documentId'] };
  const row = (await documents(strapi, ARTICLE).findOne({
    documentId,
    status,
    fields: ['title', 'slug', 'lead', 'source', 'body', 'publishedAt', 'updatedAt', 'views'],
    populate: { cover: true, author: link, category: link, relatedArticles: link, seo: { populate: { shareImage: true } } },
  })) as Row | null;
  if (!row) return null;

  const published = { status: 'published' } as const;
  const [author, category, related] = await Promise.all([
    row.author
      ? (documents(strapi, AUTHOR).findOne({ documentId: row.author.documentId, ...published, fields: ['name', 'slug'] }) as Promise<Named | null>)
      : null,
    row.category
      ? (documents(strapi, CATEGORY).findOne({
          documentId: row.category.documentId,
          ...published,
          fields: ['name', 'slug'],
          populate: { parent: { fields: ['name', 'slug'] } },
        }) as Promise<CategoryRow | null>)
      : null,
    row.relatedArticles?.length
      ? (documents(strapi, ARTICLE).findMany({
          filters: { documentId: { $in: row.relatedArticles.map((r) => r.documentId) } },
          ...published,
          fields: ['slug', 'title', 'publishedAt'],
        }) as Promise<RelatedRow[]>)
      : [],
  ]);
  const relatedById = new Map(related.map((r) => [r.documentId, r]));
  const pick = <T extends object, K extends keyof T>(value: T, keys: K[]) =>
    Object.fromEntries(keys.map((key) => [key, value[key] ?? null])) as Pick<T, K>;

  return {
    documentId: row.documentId,
    title: row.title ?? '',
    slug: row.slug ?? '',
    lead: row.lead ?? '',
    source: row.source ?? null,
    body: row.body ?? null,
    publishedAt: status === 'draft' ? now.toISOString() : row.publishedAt,
    updatedAt: row.updatedAt ?? null,
    views: row.views ?? null,
    cover: row.cover ? { ...mediaFile(row.cover), caption: row.cover.caption ?? null } : null,
    author: author ? pick(author, ['documentId', 'name', 'slug']) : null,
    category: category
      ? { ...pick(category, ['documentId', 'name', 'slug']), parent: category.parent ? pick(category.parent, ['documentId', 'name', 'slug']) : null }
      : null,
    relatedArticles: (row.relatedArticles ?? [])
      .flatMap((r) => {
        const found = relatedById.get(r.documentId);
        return found ? [pick(found, ['documentId', 'slug', 'title', 'publishedAt'])] : [];
      })
      .slice(0, RELATED_LIMIT),
    seo: row.seo
      ? {
          metaTitle: row.seo.metaTitle ?? null,
          metaDescription: row.seo.metaDescription ?? null,
          shareImage: row.seo.shareImage
            ? { url: row.seo.shareImage.url, width: row.seo.shareImage.width ?? null, height: row.seo.shareImage.height ?? null }
            : null,
        }
      : null,
  };
}
