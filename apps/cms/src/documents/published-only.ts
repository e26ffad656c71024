import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiRequest } from '../lib/request';

/**
 * Only published content is ever public. Stock Strapi 5 answers `articles(status: DRAFT)` over GraphQL and
 * `/api/articles?status=draft` over REST with drafts whenever `find` is allowed; this refuses any
 * content-API read that asks for drafts, for every caller (anonymous or API token).
 * Editors see drafts in the dashboard, which goes through the admin API, not the content API.
 */
export function registerPublishedOnly(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const status = (context.params as { status?: string } | undefined)?.status;
    if (status && status !== 'published' && isContentApiRequest(strapi)) {
      throw new errors.ForbiddenError('Drafts are not available through the public API: ask for published content only');
    }
    return next();
  });
}
