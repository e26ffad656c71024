import type { Core } from '@strapi/strapi';
import { stripFromRestOutput } from '../lib/hidden-fields';
import { ARTICLE, SCHEDULE_FIELDS } from './fields';

type ShadowCrud = { shadowCRUD(uid: string): { field(name: string): { disable(): void } } };

/**
 * The schedule is the newsroom's business: not in GraphQL at all (so the agencies' schema stays as it is) nor
 * in REST responses. A full-access token may still set it over REST, under the same checks as the dashboard.
 */
export function hideScheduleFromApi(strapi: Core.Strapi): void {
  const extensions = strapi.plugin('graphql')?.service('extension') as ShadowCrud | undefined;
  for (const field of Object.values(SCHEDULE_FIELDS)) extensions?.shadowCRUD(ARTICLE).field(field).disable();
  stripFromRestOutput(strapi, ARTICLE, Object.values(SCHEDULE_FIELDS));
}
