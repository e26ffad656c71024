import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FilterError, validateFilters, validatePopulate, type Model } from '../lib/filter-validation';
import { isContentApiRequest } from '../lib/request';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Content-API reads (REST and GraphQL) with a filter the model cannot answer — a number compared with
 * "abc", a text search on a date, a filter on a JSON field — get a 400 naming the filter, before the
 * database turns them into a 500.
 */
export function registerFilterValidation(strapi: Core.Strapi): void {
  const models = (uid: string): Model | undefined => strapi.contentTypes[uid as UID.ContentType] ?? strapi.components[uid as UID.Component];
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isContentApiRequest(strapi)) return next();
    const params = (context.params ?? {}) as { filters?: unknown; populate?: unknown };
    try {
      validateFilters(models, context.uid, params.filters);
      validatePopulate(models, context.uid, params.populate);
    } catch (error) {
      if (error instanceof FilterError) {
        throw new errors.ValidationError(error.message, { errors: [{ path: [error.path], message: error.message, name: 'ValidationError' }] });
      }
      throw error;
    }
    return next();
  });
}
