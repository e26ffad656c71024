import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { graphqlBodyLimit, readGraphqlBody } from '../lib/graphql-body';
import {
  apiSurface,
  clientAddress,
  graphqlCost,
  MemoryStore,
  rateLimitHeaders,
  rateLimitSettings,
  RedisStore,
  restCost,
  type Limits,
  type PageLimits,
  type RateLimitStore,
  tokenLimits,
} from '../lib/rate-limit';
import { requestCaller } from '../lib/api-caller';
import { proxySettings } from '../lib/rate-limit/address';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Compares two secrets in constant time. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
const QUOTA_NAMES = ['requests', 'cost'] as const;
const EXPOSED = 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After';

/**
 * A GraphQL request's operations, to estimate their cost before they run (the body read once for every
 * middleware: lib/graphql-body.ts). A body that cannot be read costs 1 here; the guard after this answers it.
 */
async function graphqlRequest(ctx: Context, maxBodyBytes: number): Promise<unknown> {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return ctx.query;
  const read = await readGraphqlBody(ctx, maxBodyBytes);
  return read.ok ? read.body : undefined;
}

function tooManyRequests(ctx: Context, surface: 'rest' | 'graphql', retryAfter: string) {
  const message = `Too many requests: try again in ${retryAfter} s. Quá nhiều yêu cầu: vui lòng thử lại sau ${retryAfter} giây.`;
  ctx.status = 429;
  ctx.body =
    surface === 'graphql'
      ? { errors: [{ message, extensions: { code: 'TOO_MANY_REQUESTS', retryAfter: Number(retryAfter) } }] }
      : { data: null, error: { status: 429, name: 'TooManyRequestsError', message, details: { retryAfter: Number(retryAfter) } } };
}

/**
 * Rate limits on the public content API (REST /api/*, GraphQL /graphql); see lib/rate-limit/ and
 * docs/api.md. Anonymous callers are counted per address, API tokens per token, each with a request quota
 * and a cost quota per window. The publisher's own token is exempt. Nothing else is counted: the dashboard
 * and its APIs pass straight through without touching the store.
 */
const rateLimit: Core.MiddlewareFactory = (_config, { strapi }) => {
  const settings = rateLimitSettings();
  const maxBodyBytes = graphqlBodyLimit(strapi);
  const store: RateLimitStore = settings.redisUrl
    ? new RedisStore({ url: settings.redisUrl, prefix: settings.redisPrefix, log: strapi.log })
    : new MemoryStore();
  strapi.server.httpServer.once('close', () => void store.close());
  const { proxied, trustedProxies } = proxySettings(strapi);
  const restPages: PageLimits = {
    defaultLimit: strapi.config.get<number>('api.rest.defaultLimit', 25),
    maxLimit: strapi.config.get<number>('api.rest.maxLimit', 100),
  };
  const graphqlPages: PageLimits = {
    defaultLimit: strapi.config.get<number>('plugin::graphql.defaultLimit', 25),
    maxLimit: strapi.config.get<number>('plugin::graphql.maxLimit', 100),
  };
  // The publisher's and the site build's own token (packages/cms-client sends CMS_TOKEN): exempt, identified
  // by its secret — which no header can fake — once the CMS knows it as a token.
  const publisherSecret = process.env.CMS_TOKEN?.trim() || undefined;
  strapi.log.info(
    `Rate limits: ${settings.anonymous.requests} requests and ${settings.anonymous.cost} cost units per ${settings.windowMs / 1000} s per address, ` +
      `${settings.token.requests}/${settings.token.cost} per API token; counted in ${store.kind}${proxied ? `; client address from X-Forwarded-For (${trustedProxies} trusted prox${trustedProxies === 1 ? 'y' : 'ies'})` : ''}`,
  );

  return async (ctx, next) => {
    const surface = apiSurface(ctx.path);
    if (!surface) {
      await next();
      return;
    }

    let key: string;
    let limits: Limits;
    // An unknown, revoked or expired token is counted under its address (Strapi answers it 401): making up
    // tokens gives no fresh bucket. Buckets are keyed by the token's id, never by its secret.
    const caller = await requestCaller(strapi, ctx);
    const token = caller.kind === 'token' ? caller : undefined;
    if (token && publisherSecret !== undefined && sameSecret(token.secret, publisherSecret)) {
      await next();
      return;
    }
    if (token) {
      key = `token:${token.id}`;
      limits = tokenLimits(token.description, settings.token);
    } else {
      const address = clientAddress({
        socketAddress: ctx.req.socket.remoteAddress,
        forwardedFor: ctx.req.headersDistinct['x-forwarded-for'],
        proxied,
        trustedProxies,
      });
      key = `address:${address}`;
      limits = settings.anonymous;
    }

    const cost = surface === 'graphql' ? graphqlCost(await graphqlRequest(ctx, maxBodyBytes), graphqlPages) : restCost(ctx.query, restPages);
    const decision = await store.take(key, settings.windowMs, [
      { limit: limits.requests, cost: 1 },
      { limit: limits.cost, cost },
    ]);
    const headers = rateLimitHeaders(decision, settings.windowMs, QUOTA_NAMES);
    ctx.set(headers);
    // Browsers on other sites may read these only when told so (the CORS policy ran before this).
    if (ctx.response.get('Access-Control-Allow-Origin')) ctx.set('Access-Control-Expose-Headers', EXPOSED);
    if (!decision.allowed) {
      tooManyRequests(ctx, surface, headers['Retry-After']);
      return;
    }
    await next();
  };
};

export default rateLimit;
