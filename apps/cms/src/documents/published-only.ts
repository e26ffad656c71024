import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiRequest } from '../lib/request';

/** Document-service actions that read; writes keep the status their (authorised) caller gave. */
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

export const DRAFTS_REFUSED = 'Drafts are not available through the public API: ask for published content only (status=published, or no status)';

/**
 * The status a content-API read is allowed to run with: `published` when the caller asked for it exactly or
 * did not ask at all, otherwise null (refused). The document service reads drafts for every other value —
 * an empty string, ' published', 'PUBLISHED', an array from a repeated parameter, an object, null — so
 * anything but the one known value is refused rather than passed through.
 */
export function publicReadStatus(params: unknown): 'published' | null {
  if (params === undefined || params === null) return 'published';
  if (typeof params !== 'object') return null;
  if (!Object.prototype.hasOwnProperty.call(params, 'status')) return 'published';
  const { status } = params as { status?: unknown };
  if (status === undefined) return 'published';
  return status === 'published' ? 'published' : null;
}

/**
 * Only published content is ever public. Every content-API read (REST under /api, GraphQL) runs with
 * status `published`, whoever calls (anonymous or API token); a request for anything else is a 403 with
 * the reason (a PolicyError: Strapi replaces the message of any other 403 thrown inside a route by "Forbidden").
 * Relations follow: populated ones are read from the published version's links, and GraphQL's nested
 * resolvers inherit the root query's status. Editors see drafts in the dashboard, which goes through the
 * admin API, not the content API.
 */
export function registerPublishedOnly(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isContentApiRequest(strapi)) return next();
    if (publicReadStatus(context.params) === null) throw new errors.PolicyError(DRAFTS_REFUSED);
    context.params = { ...(context.params as object), status: 'published' };
    return next();
  });
}
