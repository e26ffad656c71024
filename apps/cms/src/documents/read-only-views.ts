import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiRequest, isHttpRequest } from '../lib/request';

const ARTICLE = 'api::article.article';

/**
 * Article.views is counted from readers' visits by the portal itself. A write through the content API is
 * refused with a validation error; the dashboard's edit form sends the field back unchanged, so there it is
 * dropped rather than refused. Code running outside a request (the counter, seeding) may write it.
 */
export function registerReadOnlyViews(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || (context.action !== 'create' && context.action !== 'update')) return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data || !('views' in data) || !isHttpRequest(strapi)) return next();
    if (isContentApiRequest(strapi)) {
      throw new errors.ValidationError('views is read-only: it is counted from readers’ visits', {
        errors: [{ path: ['views'], message: 'views is read-only', name: 'ValidationError' }],
      });
    }
    delete data.views;
    return next();
  });
}
