import { clientAddress } from '../rate-limit/address';
import { rateLimitHeaders } from '../rate-limit/headers';
import { MemoryStore } from '../rate-limit/memory-store';
import { RedisStore } from '../rate-limit/redis-store';
import type { Log, RateLimitStore } from '../rate-limit/store';
import type { Counters, Answer } from './service';
import { notAReader } from './traffic';

/**
 * The counters' two endpoints, as plain data in and out, so that the counters' own server (thread.ts, on
 * COUNTER_PORT) and the CMS's `/counter` route (middlewares/counter.ts, which hands requests to that
 * thread) answer alike:
 *   POST /counter        {"article":"<documentId>"} or {} — counts a page view, answers the numbers to show
 *   GET  /counter/stats  [?article=<documentId>] — the numbers, counting nothing
 * Browsers may call them only from the site's origins (COUNTER_ORIGINS); see docs/counters.md.
 */

export const HIT_PATH = '/counter';
export const STATS_PATH = '/counter/stats';
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
const WINDOW_MS = 60_000;

export type CounterRequest = {
  method: string;
  path: string;
  /** The query string, without `?`. */
  query: string;
  /** Node's `req.headers` (lower-case names). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Every X-Forwarded-For header line as received (Node's `req.headersDistinct`). */
  forwardedFor: readonly string[] | undefined;
  socketAddress: string | undefined;
};

/** The hit's body as read by the server that received it, at most `maxBodyBytes`: its text or why not. */
export type BodyRead = { text: string } | { status: 400 | 413 };

export type CounterReply = { status: number; headers: Record<string, string>; body?: unknown };

export type ProxySettings = { proxied: boolean; trustedProxies: number };

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

/** One header's value as koa's `ctx.get` gives it: '' when absent, repeated ones joined. */
function header(request: CounterRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The handler of one process's counters. `limiter` is made on first use: the hits per address per minute
 * (COUNTER_RATE_LIMIT_PER_MINUTE), in this thread's memory or shared through Redis like the API's limits.
 */
export function counterRequests(counters: Counters, proxy: ProxySettings, log: Log) {
  let limiter: RateLimitStore | undefined;

  async function handle(request: CounterRequest, readBody: () => Promise<BodyRead>): Promise<CounterReply> {
    const headers: Record<string, string> = {};
    const replyWith = (status: number, body?: unknown): CounterReply => ({ status, headers, body });
    const failWith = (status: number, message: string) => replyWith(status, { error: { status, message } });
    const answerWith = (result: Answer) => (result.status === 404 ? failWith(404, result.message) : replyWith(200, result.body));
    headers['Cache-Control'] = 'no-store';
    const origin = request.headers.origin === undefined ? undefined : header(request, 'origin');
    if (origin !== undefined) {
      headers.Vary = 'Origin';
      if (!counters.settings.origins.has(origin)) return failWith(403, `Origin ${JSON.stringify(origin)} may not send hits (COUNTER_ORIGINS)`);
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After';
    }
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') {
      headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
      headers['Access-Control-Allow-Headers'] = 'Content-Type';
      headers['Access-Control-Max-Age'] = '600';
      return replyWith(204);
    }
    const wanted = request.path === HIT_PATH ? 'POST' : 'GET';
    if (method !== wanted && !(wanted === 'GET' && method === 'HEAD')) {
      headers.Allow = wanted === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS';
      return failWith(405, `${request.path} accepts ${wanted} only`);
    }
    if (!counters.enter()) {
      headers.Connection = 'close';
      return failWith(503, 'The counter is shutting down: this hit was not counted');
    }
    try {
      const address = clientAddress({ socketAddress: request.socketAddress, forwardedFor: request.forwardedFor, ...proxy });
      limiter ??= counters.settings.redisUrl
        ? new RedisStore({ url: counters.settings.redisUrl, prefix: `${counters.settings.redisPrefix}rate-limit:`, log })
        : new MemoryStore();
      // Two round trips at once with Redis: the address's limit, and the generation the answer needs.
      const [decision, generation] = await Promise.all([
        limiter.take(`counter:${address}`, WINDOW_MS, [{ limit: counters.settings.perMinute, cost: 1 }]),
        counters.currentGeneration(),
      ]);
      const limits = rateLimitHeaders(decision, WINDOW_MS, ['hits']);
      Object.assign(headers, limits);
      if (!decision.allowed) return failWith(429, `Too many hits from this address: try again in ${limits['Retry-After']} s`);

      if (wanted === 'GET') {
        const query = new URLSearchParams(request.query);
        // Only `article`, once: `article[$ne]=x`, `article[]=…` and the like are other names, refused.
        const unknown = [...query.keys()].find((name) => name !== 'article');
        if (unknown !== undefined) return failWith(400, `unknown parameter ${JSON.stringify(unknown)}: only "article" is accepted`);
        const articles = query.getAll('article');
        const article = articles[0];
        if (articles.length > 1 || (article !== undefined && !DOCUMENT_ID.test(article))) {
          return failWith(400, '"article" must be one documentId (1–64 lower-case letters and digits)');
        }
        return answerWith(await counters.numbers(article, generation));
      }

      const type = (header(request, 'content-type').split(';')[0] ?? '').trim().toLowerCase();
      if (type !== 'text/plain' && type !== 'application/json') return failWith(415, 'Send the hit as text/plain or application/json');
      const max = counters.settings.maxBodyBytes;
      if (Number(header(request, 'content-length') || 0) > max) return failWith(413, `A hit is at most ${max} bytes`);
      const read = await readBody();
      if ('status' in read) return read.status === 413 ? failWith(413, `A hit is at most ${max} bytes`) : failWith(400, 'The body could not be read');
      let parsed: unknown;
      try {
        parsed = read.text.trim() === '' ? {} : JSON.parse(read.text);
      } catch {
        return failWith(400, 'The body is not JSON');
      }
      const hit = readHit(parsed);
      if (typeof hit === 'string') return failWith(400, hit);
      const reason = notAReader(request.headers);
      return answerWith(
        await counters.hit({ address, userAgent: header(request, 'user-agent'), article: hit.article, countable: reason === undefined }, generation),
      );
    } catch (error) {
      log.error(`Counters: ${(error as Error).message}`);
      return failWith(503, 'The counter is unavailable: this hit was not counted');
    } finally {
      counters.leave();
    }
  }

  return {
    handle,
    close: async () => {
      await limiter?.close();
    },
  };
}
