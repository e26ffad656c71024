import type { Core } from '@strapi/strapi';
import { corsSettings, decideCors } from '../lib/cors';

/**
 * Answers for `strapi::cors`, whose default reflects any origin with credentials (on the admin API too).
 * The policy itself is in lib/cors.ts; this applies it to each request.
 */
const corsPolicy: Core.MiddlewareFactory = (_config, { strapi }) => {
  const settings = corsSettings();
  strapi.log.debug(`CORS: public API open to ${settings.publicOrigins === '*' ? 'any origin' : [...settings.publicOrigins].join(', ')}`);
  return async (ctx, next) => {
    const decision = decideCors(
      {
        method: ctx.method,
        path: ctx.path,
        // Present but empty is an origin like any other (refused where origins are), not a request without one.
        origin: ctx.headers.origin === undefined ? undefined : ctx.get('Origin'),
        ownOrigin: `${ctx.protocol}://${ctx.host}`,
        preflight: ctx.method === 'OPTIONS' && Boolean(ctx.get('Access-Control-Request-Method')),
      },
      settings,
    );
    // Whatever the inert strapi::cors before this may have set (it answers requests without Origin with '*').
    for (const name of ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']) ctx.remove(name);
    ctx.set(decision.headers);
    if (decision.refuse) {
      ctx.status = 403;
      ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: decision.refuse, details: {} } };
      return;
    }
    if (decision.preflight) {
      ctx.status = 204;
      return;
    }
    await next();
  };
};

export default corsPolicy;
