import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // Strapi insists on strapi::cors, whose default reflects any origin with credentials (admin API included).
  // It is kept inert here (no origin matches) and the portal's own policy answers instead: src/lib/cors.ts.
  { name: 'strapi::cors', config: { origin: () => [], credentials: false } },
  'global::cors-policy',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // After the body is parsed (GraphQL queries are keys), before anything else works on the request.
  'global::response-cache',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
