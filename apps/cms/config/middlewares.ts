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
  // Rate limits on /api and /graphql (src/middlewares/rate-limit.ts): after the CORS policy, so that a 429
  // carries its CORS headers, and after the query and body parsers, whose results give a request's cost.
  'global::rate-limit',
  // After the body is parsed (GraphQL queries are keys), before anything else works on the request.
  'global::response-cache',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
