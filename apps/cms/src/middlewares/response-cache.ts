import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { requestCaller } from '../lib/api-caller';
import { graphqlBodyLimit, readGraphqlBody } from '../lib/graphql-body';
import { graphqlKey, responseCache, restKey, type CachedResponse, type CallerClass } from '../lib/response-cache';

/**
 * Answers repeated public reads from the response cache (lib/response-cache): POST /graphql queries and
 * GET /api/… from anonymous callers and read-only API tokens, each class with its own entries. Everything
 * else — mutations, other tokens, the dashboard — goes to Strapi untouched. Answers say how they were
 * served (`X-Cache: hit|miss`) and carry an ETag (If-None-Match → 304). The cache forgets everything on
 * every change of content (bootstrap/cache-invalidation.ts), and every response waits for such an
 * invalidation to land before it is sent.
 */

type Candidate = { kind: 'graphql' } | { kind: 'rest' };

function candidate(method: string, path: string): Candidate | null {
  if (method === 'POST' && path === '/graphql') return { kind: 'graphql' };
  if (method === 'GET' && path.startsWith('/api/')) return { kind: 'rest' };
  return null;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** The answer as text when it may be kept: a 200 with a JSON body that carries no GraphQL errors. */
function cacheableBody(status: number, body: unknown, maxBytes: number): string | null {
  if (status !== 200 || body === null || body === undefined) return null;
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body)) text = body.toString('utf8');
  else if (typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') text = JSON.stringify(body);
  else return null; // a stream: not kept
  if (Buffer.byteLength(text) > maxBytes) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || 'errors' in parsed || 'error' in parsed) return null;
  } catch {
    return null;
  }
  return text;
}

const responseCacheMiddleware: Core.MiddlewareFactory = (_config, { strapi }) => {
  const cache = responseCache((message) => strapi.log.warn(message));
  const { enabled, maxEntryBytes } = cache.settings;
  const maxBodyBytes = graphqlBodyLimit(strapi);
  /** The body when it could be read; otherwise no key (the guard answers it). */
  const graphqlDocument = async (ctx: Parameters<Core.MiddlewareHandler>[0]) => {
    const read = await readGraphqlBody(ctx, maxBodyBytes);
    return read.ok ? read.body : undefined;
  };
  strapi.log.info(`Response cache: ${enabled ? (cache.settings.redisUrl ? 'in Redis' : 'in memory') : 'off'}`);

  const answer = (ctx: Parameters<Core.MiddlewareHandler>[0], entry: CachedResponse, how: 'hit' | 'miss') => {
    ctx.set('ETag', entry.etag);
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Cache', how);
    if (ctx.get('If-None-Match') === entry.etag) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.status = 200;
    ctx.type = entry.contentType;
    ctx.body = entry.body;
  };

  return async (ctx, next) => {
    const found = enabled ? candidate(ctx.method, ctx.path) : null;
    if (!found) {
      await next();
      await cache.settled();
      return;
    }
    const caller = await requestCaller(strapi, ctx);
    const callerClass: CallerClass | null =
      caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'token' && caller.type === 'read-only' ? 'read-only' : null;
    const key =
      callerClass &&
      (found.kind === 'graphql' ? graphqlKey(callerClass, await graphqlDocument(ctx)) : restKey(callerClass, ctx.path, ctx.querystring));
    if (!key) {
      await next();
      await cache.settled();
      return;
    }
    const { generation, hit } = await cache.store.get(key);
    if (hit) {
      answer(ctx, hit, 'hit');
      return;
    }
    await next();
    await cache.settled();
    const body = cacheableBody(ctx.status, ctx.body, maxEntryBytes);
    if (body === null) {
      ctx.set('X-Cache', 'bypass');
      return;
    }
    const entry: CachedResponse = { etag: etagOf(body), contentType: ctx.response.get('Content-Type') || 'application/json; charset=utf-8', body };
    await cache.store.set(generation, key, entry);
    answer(ctx, entry, 'miss');
  };
};

export default responseCacheMiddleware;
