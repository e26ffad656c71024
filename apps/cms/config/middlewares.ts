import type { Core } from '@strapi/strapi';
import { securityMiddleware } from '../src/uploads/security';
import { uploadSettings } from '../src/uploads/settings';

/** A function, so that each start reads the environment anew (tests boot several CMSs in one process). */
const config = (): Core.Config.Middlewares => [
  // The counters' endpoints (POST /counter, GET /counter/stats) answer before anything else: they need no
  // session, body parser or log line per hit, and do their own CORS, limits and errors (src/middlewares/counter.ts).
  'global::counter',
  'strapi::logger',
  'strapi::errors',
  // The dashboard's wordless 403s given their reason (src/middlewares/dashboard-refusals.ts).
  'global::dashboard-refusals',
  // Helmet's headers; with UPLOAD_PROVIDER=s3 the CSP lets the dashboard show media from the bucket.
  securityMiddleware(uploadSettings(process.env)),
  // Strapi insists on strapi::cors, whose default reflects any origin with credentials (admin API included).
  // It is kept inert here (no origin matches) and the portal's own policy answers instead: src/lib/cors.ts.
  { name: 'strapi::cors', config: { origin: () => [], credentials: false } },
  'global::cors-policy',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // Rate limits on /api and /graphql (src/middlewares/rate-limit.ts): after the CORS policy, so that a 429
  // carries its CORS headers, and after the query and body parsers, whose results give a request's cost;
  // before every other check, so that no request is worked on for free.
  'global::rate-limit',
  // GraphQL requests over a limit are refused here, before Apollo parses them: src/middlewares/graphql-guard.ts.
  'global::graphql-guard',
  // REST pagination out of range and populate deeper than 3 levels: src/lib/rest-query-limits.ts.
  'global::rest-query-limits',
  // Answers repeated public reads; only requests within the limits get here (GraphQL queries are keys).
  'global::response-cache',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
