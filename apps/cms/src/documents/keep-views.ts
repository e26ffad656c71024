import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { alignViews } from '../lib/counters';

const ARTICLE = 'api::article.article';
/** Actions that write a row from another row's data: an older count could be copied over a newer one. */
const COPYING = new Set(['publish', 'discardDraft', 'unpublish']);

/**
 * Article.views is counted on the draft and the published row alike (lib/counters/database.ts). Publishing
 * copies the draft into a new published row, from a draft read that a flush of the counters may have
 * overtaken; afterwards every row of the document takes the highest count, in the same transaction, so
 * that publishing from the dashboard never resets the count nor copies an older value over it.
 */
export function keepViewsOnPublish(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (context.uid !== ARTICLE || !COPYING.has(context.action)) return result;
    const documentId = (context.params as { documentId?: unknown }).documentId;
    if (typeof documentId !== 'string') return result;
    await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => alignViews(trx, strapi.db.getSchemaName() || undefined, documentId));
    return result;
  });
}
