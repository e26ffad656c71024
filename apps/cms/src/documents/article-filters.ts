import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CATEGORY, rewriteFilters, rewriteQuery, type PublishedCategory, type RewriteOptions } from '../lib/article-filters';
import { FilterError, type Model } from '../lib/filter-validation';
import { isContentApiRequest } from '../lib/request';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

type GraphqlResolver = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type GraphqlMiddleware = (next: GraphqlResolver, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => Promise<unknown>;
/** The parts of the GraphQL plugin's services used here. */
type GraphqlExtensions = { use(extension: { resolversConfig: Record<string, { middlewares: GraphqlMiddleware[] }> }): void };
type GraphqlNaming = { naming: { getTypeName(contentType: unknown): string } };
type Relation = { type: string; relation?: string; target?: string };
type ContentTypeSchema = { uid: string; attributes: Record<string, Relation> };

/** The published categories with their parents: the published row of a category links to its parent's published row. */
async function publishedCategories(strapi: Core.Strapi): Promise<PublishedCategory[]> {
  const rows = (await strapi.db.query(CATEGORY).findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['documentId', 'slug'],
    populate: { parent: { select: ['documentId'] } },
  })) as Array<{ documentId: string; slug: string | null; parent?: { documentId: string } | null }>;
  return rows.flatMap((row) => (row.slug ? [{ documentId: row.documentId, slug: row.slug, parentDocumentId: row.parent?.documentId ?? null }] : []));
}

/** A FilterError as the 400 Strapi answers a ValidationError with, over REST and GraphQL alike. */
function asValidationError(error: unknown): unknown {
  if (!(error instanceof FilterError)) return error;
  return new errors.ValidationError(error.message, { errors: [{ path: [error.path], message: error.message, name: 'ValidationError' }] });
}

/**
 * Article search (`searchText`) and sections with their sub-sections (`category.slug`), see
 * lib/article-filters.ts, wherever a content-API read can filter articles:
 * - the document service's reads (REST, and GraphQL's top-level queries), filters and populate filters;
 * - GraphQL's relation fields (`authors { articles(filters: …) }`), which the GraphQL plugin answers with the
 *   database layer directly, so that they would otherwise see the filters unrewritten.
 */
export function registerArticleFilters(strapi: Core.Strapi): void {
  const models = (uid: string): Model | undefined => strapi.contentTypes[uid as UID.ContentType] ?? strapi.components[uid as UID.Component];
  const options = (dialect: RewriteOptions['dialect']): RewriteOptions => ({ models, dialect, categories: () => publishedCategories(strapi) });

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isContentApiRequest(strapi)) return next();
    const params = (context.params ?? {}) as { filters?: unknown; populate?: unknown };
    if (params.filters === undefined && params.populate === undefined) return next();
    try {
      const rewritten = await rewriteQuery(options('strapi'), context.uid, params);
      // The rewritten filters keep the shapes Strapi's own filters have; only the values change.
      context.params = {
        ...(context.params as object),
        ...(params.filters === undefined ? {} : { filters: rewritten.filters }),
        ...(params.populate === undefined ? {} : { populate: rewritten.populate }),
      } as typeof context.params;
    } catch (error) {
      throw asValidationError(error);
    }
    return next();
  });

  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extensions = graphql.service<GraphqlExtensions>('extension');
  const { naming } = graphql.service<GraphqlNaming>('utils');
  const resolversConfig: Record<string, { middlewares: GraphqlMiddleware[] }> = {};
  for (const contentType of Object.values(strapi.contentTypes as unknown as Record<string, ContentTypeSchema>)) {
    if (!contentType.uid.startsWith('api::')) continue;
    for (const [name, attribute] of Object.entries(contentType.attributes)) {
      if (attribute.type !== 'relation' || !attribute.target || !attribute.relation?.endsWith('Many')) continue;
      const target = attribute.target;
      const middleware: GraphqlMiddleware = async (next, parent, args, context, info) => {
        if (args.filters === undefined || args.filters === null) return next(parent, args, context, info);
        let filters: unknown;
        try {
          filters = await rewriteFilters(options('graphql'), target, args.filters);
        } catch (error) {
          throw asValidationError(error);
        }
        return next(parent, { ...args, filters }, context, info);
      };
      const type = naming.getTypeName(contentType);
      resolversConfig[`${type}.${name}`] = { middlewares: [middleware] };
      resolversConfig[`${type}.${name}_connection`] = { middlewares: [middleware] };
    }
  }
  extensions.use({ resolversConfig });
}
