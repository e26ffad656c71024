import type { Core } from '@strapi/strapi';

/**
 * True while Strapi serves a content-API request (REST under /api or GraphQL): the public surface
 * where only published content may be read and read-only fields may not be written.
 * Admin requests (Content Manager) and code running outside any request return false.
 */
export function isContentApiRequest(strapi: Core.Strapi): boolean {
  const route = strapi.requestContext.get()?.state?.route as { info?: { type?: string } } | undefined;
  return route?.info?.type === 'content-api';
}

/** True while Strapi serves any HTTP request (admin or content API), false for internal code. */
export function isHttpRequest(strapi: Core.Strapi): boolean {
  return strapi.requestContext.get() !== undefined;
}

/** The part of a dashboard user's ability (CASL, built by Strapi from the user's roles) used here. */
export type AdminAbility = { can(action: string, subject: string): boolean };

/**
 * The dashboard user's ability while Strapi serves an admin-API request (the Content Manager), an ability
 * that allows nothing for an admin request without one (fail closed), or null outside admin requests
 * (content API, code at start, the counters).
 */
export function adminAbility(strapi: Core.Strapi): AdminAbility | null {
  const state = strapi.requestContext.get()?.state as { route?: { info?: { type?: string } }; userAbility?: AdminAbility } | undefined;
  if (!state || state.route?.info?.type !== 'admin') return null;
  return typeof state.userAbility?.can === 'function' ? state.userAbility : { can: () => false };
}
