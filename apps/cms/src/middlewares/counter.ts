import type { Core } from '@strapi/strapi';
import parse from 'co-body';
import { notAReader, runningCounters, type Answer, type Counters } from '../lib/counters';
import { clientAddress, MemoryStore, rateLimitHeaders, RedisStore, type RateLimitStore } from '../lib/rate-limit';
import { proxySettings } from '../lib/rate-limit/address';

type Context = Parameters<Core.MiddlewareHandler>[0];

const HIT_PATH = '/counter';
const STATS_PATH = '/counter/stats';
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
const WINDOW_MS = 60_000;

function fail(ctx: Context, status: number, message: string) {
  ctx.status = status;
  ctx.body = { error: { status, message } };
}

/** `{}` or `{ "article": "<documentId>" }`, nothing else; a string explaining what is wrong otherwise. */
export function readHit(body: unknown): { article?: string } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object: {} or {"article":"<documentId>"}';
  const unknown = Object.keys(body).filter((key) => key !== 'article');
  if (unknown.length > 0) return `unknown field ${JSON.stringify(unknown[0])}: only "article" is accepted`;
  const { article } = body as { article?: unknown };
  if (article === undefined) return {};
  if (typeof article !== 'string' || !DOCUMENT_ID.test(article)) return '"article" must be a documentId (1–64 lower-case letters and digits)';
  return { article };
}

function answer(ctx: Context, result: Answer) {
  if (result.status === 404) return fail(ctx, 404, result.message);
  ctx.status = 200;
  ctx.body = result.body;
}

/**
 * The counters' endpoints, ahead of every other middleware (they need no session, body parser or logger
 * line, and must stay cheap at thousands of hits a second):
 *   POST /counter        {"article":"<documentId>"} or {} — counts a page view, answers the numbers to show
 *   GET  /counter/stats  [?article=<documentId>] — the numbers, counting nothing
 * Browsers may call them only from the site's origins (COUNTER_ORIGINS); see docs/counters.md.
 */
const counter: Core.MiddlewareFactory = (_config, { strapi }) => {
  const { proxied, trustedProxies } = proxySettings(strapi);
  let limiter: RateLimitStore | undefined;
  strapi.server.httpServer.once('close', () => void limiter?.close());

  const limit = async (ctx: Context, counters: Counters, address: string): Promise<boolean> => {
    limiter ??= counters.settings.redisUrl
      ? new RedisStore({ url: counters.settings.redisUrl, prefix: `${counters.settings.redisPrefix}rate-limit:`, log: strapi.log })
      : new MemoryStore();
    const decision = await limiter.take(`counter:${address}`, WINDOW_MS, [{ limit: counters.settings.perMinute, cost: 1 }]);
    const headers = rateLimitHeaders(decision, WINDOW_MS, ['hits']);
    ctx.set(headers);
    if (decision.allowed) return true;
    fail(ctx, 429, `Too many hits from this address: try again in ${headers['Retry-After']} s`);
    return false;
  };

  return async (ctx, next) => {
    if (ctx.path !== HIT_PATH && ctx.path !== STATS_PATH) {
      await next();
      return;
    }
    const counters = runningCounters();
    if (!counters) return fail(ctx, 404, 'The counters are turned off (COUNTER=off)');
    ctx.set('Cache-Control', 'no-store');
    const origin = ctx.headers.origin === undefined ? undefined : ctx.get('Origin');
    if (origin !== undefined) {
      ctx.vary('Origin');
      if (!counters.settings.origins.has(origin)) return fail(ctx, 403, `Origin ${JSON.stringify(origin)} may not send hits (COUNTER_ORIGINS)`);
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
    }
    const method = ctx.method.toUpperCase();
    if (method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    const wanted = ctx.path === HIT_PATH ? 'POST' : 'GET';
    if (method !== wanted && !(wanted === 'GET' && method === 'HEAD')) {
      ctx.set('Allow', wanted === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS');
      return fail(ctx, 405, `${ctx.path} accepts ${wanted} only`);
    }
    if (!counters.enter()) {
      ctx.set('Connection', 'close');
      return fail(ctx, 503, 'The counter is shutting down: this hit was not counted');
    }
    try {
      const address = clientAddress({
        socketAddress: ctx.req.socket.remoteAddress,
        forwardedFor: ctx.req.headersDistinct['x-forwarded-for'],
        proxied,
        trustedProxies,
      });
      if (!(await limit(ctx, counters, address))) return;

      if (wanted === 'GET') {
        const article = ctx.query.article;
        if (article !== undefined && (typeof article !== 'string' || !DOCUMENT_ID.test(article))) {
          return fail(ctx, 400, '"article" must be one documentId (1–64 lower-case letters and digits)');
        }
        return answer(ctx, await counters.numbers(article));
      }

      const type = (ctx.get('Content-Type').split(';')[0] ?? '').trim().toLowerCase();
      if (type !== 'text/plain' && type !== 'application/json') return fail(ctx, 415, 'Send the hit as text/plain or application/json');
      const declared = Number(ctx.get('Content-Length') || 0);
      if (declared > counters.settings.maxBodyBytes) return fail(ctx, 413, `A hit is at most ${counters.settings.maxBodyBytes} bytes`);
      let text: string;
      try {
        text = (await parse.text(ctx, { limit: counters.settings.maxBodyBytes, encoding: 'utf8' })) as string;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 413) return fail(ctx, 413, `A hit is at most ${counters.settings.maxBodyBytes} bytes`);
        return fail(ctx, 400, 'The body could not be read');
      }
      let body: unknown;
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return fail(ctx, 400, 'The body is not JSON');
      }
      const hit = readHit(body);
      if (typeof hit === 'string') return fail(ctx, 400, hit);
      const reason = notAReader(ctx.headers);
      return answer(ctx, await counters.hit({ address, userAgent: ctx.get('User-Agent'), article: hit.article, countable: reason === undefined }));
    } catch (error) {
      strapi.log.error(`Counters: ${(error as Error).message}`);
      return fail(ctx, 503, 'The counter is unavailable: this hit was not counted');
    } finally {
      counters.leave();
    }
  };
};

export default counter;
