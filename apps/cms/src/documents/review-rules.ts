import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MESSAGES, REFUSALS, REVIEW_FIELDS, reviewWriteProblem, type StoredReview } from '../lib/review';
import { adminAbility, isContentApiRequest, type AdminAbility } from '../lib/request';

const ARTICLE = 'api::article.article';
/** Publishing (and unpublishing, and sending back) is the editors': Strapi's publish permission on articles. */
export const PUBLISH = 'plugin::content-manager.explorer.publish';

/** The part of the GraphQL plugin's extension service used here. */
type GraphqlExtensions = { shadowCRUD(uid: string): { field(name: string): { disableInput(): void } } };
type Params = { documentId?: unknown; data?: unknown; status?: unknown };

export const canReview = (ability: AdminAbility): boolean => ability.can(PUBLISH, ARTICLE);

/** Throws the refusal of `problem` as Strapi answers it: 400 with the message, or 403 with the message (a PolicyError keeps it). */
export function refuse(problem: { status: 400 | 403; message: string }): never {
  if (problem.status === 400) throw new errors.ValidationError(problem.message);
  throw new errors.PolicyError(problem.message);
}

const draftReview = async (strapi: Core.Strapi, documentId: unknown): Promise<StoredReview> =>
  typeof documentId === 'string'
    ? ((await strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['reviewState', 'reviewNote'] })) as StoredReview)
    : null;

/** Refuses a dashboard user's write of the review fields that their permissions do not allow (see lib/review.ts). */
export async function checkReviewWrite(
  strapi: Core.Strapi,
  ability: AdminAbility,
  documentId: unknown,
  data: Record<string, unknown>,
): Promise<void> {
  if (!('reviewState' in data) && !('reviewNote' in data)) return;
  const problem = reviewWriteProblem(data, await draftReview(strapi, documentId), canReview(ability));
  if (problem) refuse(problem);
}

/** After a publish: the next edit starts over ("Đang viết", no note), and every row knows when it was published. */
async function afterPublish(strapi: Core.Strapi, documentId: string): Promise<void> {
  const published = (await strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['publishedAt'] })) as {
    publishedAt: string | Date;
  } | null;
  const data = { reviewState: 'writing', reviewNote: null, publishedDate: published?.publishedAt ?? null };
  await strapi.db.query(ARTICLE).updateMany({ where: { documentId }, data });
}

/**
 * Review before publishing, on every path of the document service:
 * - in the dashboard (admin requests), publishing and unpublishing an article need Strapi's publish
 *   permission on articles, and so does deleting one that is published; the review fields move as
 *   lib/review.ts allows (a writer: writing ⇄ awaitingReview on drafts they may edit; an editor: any, with a
 *   note to send back). An admin request without a user's ability gets nothing (fail closed);
 * - through the public API the review fields cannot be written;
 * - for every caller, a publish resets the review and sets publishedDate (the list's "Ngày xuất bản": the
 *   draft row has no publishedAt in Strapi 5), an unpublish clears it, and discarding a draft keeps the
 *   draft's review (an editor's note is not lost by a writer's "Discard changes").
 */
export function registerReviewRules(strapi: Core.Strapi): void {
  // Private fields are already out of GraphQL's types and filters; keep them out of its inputs too.
  const graphql = strapi.plugin('graphql')?.service('extension') as GraphqlExtensions | undefined;
  for (const field of REVIEW_FIELDS) graphql?.shadowCRUD(ARTICLE).field(field).disableInput();

  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE) return next();
    const params = (context.params ?? {}) as Params;
    const documentId = params.documentId;
    const data = typeof params.data === 'object' && params.data !== null ? (params.data as Record<string, unknown>) : null;
    const ability = adminAbility(strapi);

    if (data && isContentApiRequest(strapi) && REVIEW_FIELDS.some((field) => field in data)) refuse({ status: 400, message: MESSAGES.notPublic });
    if (data && ability) {
      // Read-only like Article.views: the edit form sends it back unchanged.
      delete data.publishedDate;
      await checkReviewWrite(strapi, ability, context.action === 'create' ? undefined : documentId, data);
    }
    if (ability && !canReview(ability)) {
      if (context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && params.status === 'published')) {
        refuse({ status: 403, message: REFUSALS.publish });
      }
      if (context.action === 'unpublish') refuse({ status: 403, message: REFUSALS.unpublish });
      if (context.action === 'delete' && typeof documentId === 'string') {
        const published = await strapi.db.query(ARTICLE).count({ where: { documentId, publishedAt: { $notNull: true } } });
        if (published > 0) refuse({ status: 403, message: REFUSALS.deletePublished });
      }
    }

    const kept = context.action === 'discardDraft' ? await draftReview(strapi, documentId) : null;
    const result = await next();
    const created = result as { documentId?: unknown } | null;
    const id = typeof documentId === 'string' ? documentId : created?.documentId;
    if (typeof id !== 'string') return result;
    if (context.action === 'publish' || (['create', 'update'].includes(context.action) && params.status === 'published'))
      await afterPublish(strapi, id);
    if (context.action === 'unpublish') await strapi.db.query(ARTICLE).updateMany({ where: { documentId: id }, data: { publishedDate: null } });
    if (kept) {
      const review = { reviewState: kept.reviewState ?? 'writing', reviewNote: kept.reviewNote ?? null };
      await strapi.db.query(ARTICLE).updateMany({ where: { documentId: id, publishedAt: null }, data: review });
    }
    return result;
  });
}

/** Fills publishedDate of articles published before the field existed (or seeded without the middleware), in one statement. */
export async function backfillPublishedDate(strapi: Core.Strapi): Promise<void> {
  const { tableName, attributes } = strapi.db.metadata.get(ARTICLE) as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = (name: string) => attributes[name]?.columnName ?? name;
  const [date, publishedAt, documentId] = [column('publishedDate'), column('publishedAt'), column('documentId')];
  const knex = strapi.db.connection;
  const latest = knex(`${tableName} as p`)
    .max(`p.${publishedAt}`)
    .whereRaw('?? = ??', [`p.${documentId}`, `${tableName}.${documentId}`])
    .whereNotNull(`p.${publishedAt}`);
  await knex(tableName)
    .whereNull(date)
    .whereExists(
      knex(`${tableName} as q`)
        .select(1)
        .whereRaw('?? = ??', [`q.${documentId}`, `${tableName}.${documentId}`])
        .whereNotNull(`q.${publishedAt}`),
    )
    .update({ [date]: latest });
}
