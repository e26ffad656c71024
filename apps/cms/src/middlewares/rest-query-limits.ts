import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkRestQuery, DEFAULT_REST_LIMITS, RestQueryError, type RestLimits } from '../lib/rest-query-limits';

/**
 * Applies lib/rest-query-limits.ts to every request of the REST content API (`/api/...`, any case, as the
 * router matches it), before a controller reads the query. A refusal is Strapi's usual 400 ValidationError,
 * naming the parameter. The largest page is Strapi's own `api.rest.maxLimit` (config/api.ts); the other
 * bounds can be set in this middleware's config (config/middlewares.ts).
 */
const restQueryLimits: Core.MiddlewareFactory = (config: Partial<Omit<RestLimits, 'maxPageSize'>> | undefined, { strapi }) => {
  const maxPageSize = strapi.config.get<number>('api.rest.maxLimit');
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw new Error('api.rest.maxLimit must be set (config/api.ts)');
  const limits: RestLimits = { ...DEFAULT_REST_LIMITS, ...config, maxPageSize };
  const prefix = strapi.config.get<string>('api.rest.prefix', '/api').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const path = new RegExp(`^${prefix}(/|$)`, 'i');
  return async (ctx, next) => {
    if (path.test(ctx.path)) {
      try {
        checkRestQuery(ctx.query, limits);
      } catch (error) {
        if (error instanceof RestQueryError) {
          throw new errors.ValidationError(error.message, {
            limit: error.limit,
            errors: [{ path: [error.parameter], message: error.message, name: 'ValidationError' }],
          });
        }
        throw error;
      }
    }
    await next();
  };
};

export default restQueryLimits;
