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
