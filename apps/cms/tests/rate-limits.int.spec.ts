import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RATE_LIMIT_TEST_ENV, type Cms } from './helpers/cms';
import { send, type Reply } from './helpers/http';
import { dbKind, freePort } from './helpers/database';
import { startCmsProcess, type CmsProcess } from './helpers/process';
import { bootSeededCms } from './helpers/seeded';

/**
 * Rate limits over real HTTP on a real CMS: anonymous callers per address, API tokens per token, the
 * publisher's token exempt, the dashboard never counted, and one limit shared through Redis by several CMS
 * processes. Limits are per hour here (RATE_LIMIT_WINDOW_MS), so that no unit comes back while a test runs
 * and the counts are exact; one CMS has a 2-second window to show recovery. Each test calls from addresses
 * of its own: Linux answers the whole of 127.0.0.0/8 on loopback, so a request sent from 127.0.3.9 is
 * counted under 127.0.3.9.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOUR = '3600000';
const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
/** The secret the publisher and the site build would send (CMS_TOKEN). */
const PUBLISHER_SECRET = randomBytes(64).toString('hex');

let lastAddress = 0;
/** A loopback address no other test has used. */
const freshAddress = () => {
  lastAddress += 1;
  return `127.0.${10 + (lastAddress >> 8)}.${lastAddress & 255}`;
};

function gql(base: string, query: string, options: { from?: string; token?: string; path?: string } = {}) {
  return send(base, options.path ?? '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ query }),
    from: options.from,
  });
}

const articles = (base: string, from: string, headers: Record<string, string | string[]> = {}) => send(base, '/api/articles', { from, headers });

/** `count` requests one after the other; their statuses. */
async function statuses(count: number, call: () => Promise<Reply>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await call()).status);
  return result;
}

const times = (count: number, status: number) => new Array<number>(count).fill(status);

/** A header in whole seconds. */
const seconds = (reply: Reply, name: string) => Number(reply.headers[name]);

/** Twenty aliased reads of 100 articles: 20 × (4 + 1) = 100 cost units. */
const EXPENSIVE = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: articles(pagination: { pageSize: 100 }) { title }`).join(' ')} }`;

async function createToken(cms: Cms, description?: string): Promise<string> {
  const tokens = cms.strapi.service('admin::api-token') as { create(token: Record<string, unknown>): Promise<{ accessKey: string }> };
  const token = await tokens.create({
    name: `rate-limit-${randomBytes(4).toString('hex')}`,
    type: 'read-only',
    lifespan: null,
    ...(description ? { description } : {}),
  });
  return token.accessKey;
}

/** Deletes every Redis key under `prefix` (tests share the machine's Redis). */
async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** The limiter's keys under the portal's `prefix` (the response cache keeps its own beside them). */
async function redisKeys(prefix: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return await redis.keys(`${prefix}rate-limit:*`);
  } finally {
    redis.disconnect();
  }
}

/**
 * Waits until `base` counts in Redis (its first requests may fall back to memory while the connection is
 * new and the machine busy): a request from a new address each time, until that address has a key.
 */
async function untilCountedInRedis(base: string, prefix: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const from = freshAddress();
    await articles(base, from);
    if ((await redisKeys(prefix)).includes(`${prefix}rate-limit:address:${from}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${base} never counted in Redis`);
}

describe('one CMS, limits counted in memory', () => {
  let cms: Cms;

  beforeAll(async () => {
    cms = await bootSeededCms({
      RATE_LIMIT_WINDOW_MS: HOUR,
      RATE_LIMIT_ANON_PER_MINUTE: '10',
      RATE_LIMIT_ANON_COST_PER_MINUTE: '300',
      RATE_LIMIT_TOKEN_PER_MINUTE: '20',
      RATE_LIMIT_TOKEN_COST_PER_MINUTE: '1000',
      CMS_TOKEN: PUBLISHER_SECRET,
      ADMIN_EMAIL: EDITOR.email,
      ADMIN_PASSWORD: EDITOR.password,
    });
  });
  afterAll(async () => {
    await cms?.stop();
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
  });

  it('answers the request over the limit with 429, Retry-After and RateLimit-* headers', async () => {
    const from = freshAddress();
    for (let i = 0; i < 10; i += 1) {
      const reply = await articles(cms.url, from);
      expect(reply.status, `request ${i + 1}`).toBe(200);
      expect(reply.headers['ratelimit-limit']).toBe('10');
      expect(reply.headers['ratelimit-remaining']).toBe(String(9 - i));
      expect(Number(reply.headers['ratelimit-reset'])).toBeGreaterThan(0);
      expect(reply.headers['ratelimit-policy']).toBe('10;w=3600;comment="requests", 300;w=3600;comment="cost"');
      expect(reply.headers['retry-after']).toBeUndefined();
    }
    const refused = await send(cms.url, '/api/articles', { from, headers: { origin: 'https://so-noi-vu.binhan.gov.vn' } });
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-limit']).toBe('10');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // One unit comes back every 360 s with 10 an hour (less the time the ten requests took).
    expect(seconds(refused, 'retry-after')).toBeLessThanOrEqual(360);
    expect(seconds(refused, 'retry-after')).toBeGreaterThan(300);
    expect(seconds(refused, 'ratelimit-reset')).toBeLessThanOrEqual(3600);
    expect(seconds(refused, 'ratelimit-reset')).toBeGreaterThan(3500);
    expect(refused.headers['content-type']).toMatch(/application\/json/);
    const body = refused.json<{ data: null; error: { status: number; name: string; message: string } }>();
    expect(body.error).toMatchObject({ status: 429, name: 'TooManyRequestsError' });
    expect(body.error.message).toMatch(new RegExp(`Too many requests: try again in ${refused.headers['retry-after']} s.*Quá nhiều yêu cầu`));
    // Readable by the agencies' pages in browsers.
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    expect(refused.headers['access-control-expose-headers']).toMatch(/RateLimit-Remaining/);

    // GraphQL shares the address's quota and answers in GraphQL's error shape.
    const graphql = await gql(cms.url, '{ articles { title } }', { from });
    expect(graphql.status).toBe(429);
    expect(seconds(graphql, 'retry-after')).toBeGreaterThan(300);
    expect(graphql.json<{ errors: Array<{ message: string; extensions: { code: string } }> }>().errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
  });

  it('charges expensive queries against the cost budget, which runs out long before the request count', async () => {
    const from = freshAddress();
    // 100 units each, 300 in the budget: the fourth is refused after 4 of the 10 requests.
    for (let i = 0; i < 3; i += 1) {
      const reply = await gql(cms.url, EXPENSIVE, { from });
      expect(reply.status, `expensive ${i + 1}`).toBe(200);
      expect(reply.json<{ data: Record<string, unknown[]> }>().data.a0.length).toBeGreaterThan(0);
    }
    const refused = await gql(cms.url, EXPENSIVE, { from });
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-limit']).toBe('300');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // 100 units at 12 s each.
    expect(seconds(refused, 'retry-after')).toBeLessThanOrEqual(1200);
    expect(seconds(refused, 'retry-after')).toBeGreaterThan(1100);
    // Cheap requests from another address all pass until the request count stops them.
    const other = freshAddress();
    expect(await statuses(10, () => gql(cms.url, '{ articles { title } }', { from: other }))).toEqual(times(10, 200));
    const counted = await gql(cms.url, '{ articles { title } }', { from: other });
    expect(counted.status).toBe(429);
    expect(counted.headers['ratelimit-limit']).toBe('10');
  });

  it('still parses GraphQL bodies as before: a malformed one is a 400 without a stack trace, and counted', async () => {
    const from = freshAddress();
    const malformed = await send(cms.url, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ', from });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/stacktrace|"stack"|\s+at \S+ \(/);
    const form = await send(cms.url, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('{ articles { title } }')}`,
      from,
    });
    expect(form.status).toBe(400);
    const ok = await gql(cms.url, '{ articles(pagination: { pageSize: 2 }) { title } }', { from });
    expect(ok.status).toBe(200);
    expect(ok.json<{ data: { articles: unknown[] } }>().data.articles).toHaveLength(2);
    expect(ok.headers['ratelimit-remaining']).toBe('7');
  });

  it('gives each API token its own bucket and limit, keyed by the token, from any address', async () => {
    const from = freshAddress();
    expect(await statuses(10, () => articles(cms.url, from))).toEqual(times(10, 200));
    expect((await articles(cms.url, from)).status).toBe(429);

    const token = await createToken(cms);
    const withToken = () => send(cms.url, '/api/articles', { from: freshAddress(), headers: { authorization: `Bearer ${token}` } });
    const first = await withToken();
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('20');
    expect(first.headers['ratelimit-remaining']).toBe('19');
    // The same address, still over its anonymous limit, is not in the way of the token's requests.
    expect((await send(cms.url, '/api/articles', { from, headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await statuses(18, withToken)).toEqual(times(18, 200));
    const refused = await gql(cms.url, '{ articles { title } }', { token, from: freshAddress() });
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-limit']).toBe('20');

    // Another token is another bucket.
    expect((await gql(cms.url, '{ articles { title } }', { token: await createToken(cms) })).status).toBe(200);
  });

  it('takes a token’s own limit from `rate-limit: N/min` in its description', async () => {
    const token = await createToken(cms, 'Sở Nội vụ, cổng thông tin — rate-limit: 3/min');
    const call = () => send(cms.url, '/api/categories', { from: freshAddress(), headers: { authorization: `Bearer ${token}` } });
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(await statuses(2, call)).toEqual([200, 200]);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-limit']).toBe('3');
  });

  it('counts made-up tokens under the caller’s address: no fresh bucket per token', async () => {
    const from = freshAddress();
    for (let i = 0; i < 10; i += 1) {
      const reply = await send(cms.url, '/api/articles', { from, headers: { authorization: `Bearer ${randomBytes(32).toString('hex')}` } });
      expect(reply.status, `made-up token ${i + 1}`).toBe(401);
      expect(reply.headers['ratelimit-limit']).toBe('10');
      expect(reply.headers['ratelimit-remaining']).toBe(String(9 - i));
    }
    expect((await send(cms.url, '/api/articles', { from, headers: { authorization: `Bearer ${randomBytes(32).toString('hex')}` } })).status).toBe(
      429,
    );
    expect((await articles(cms.url, from)).status).toBe(429);
  });

  it('never limits the publisher’s own token (CMS_TOKEN), which the CMS created as a read-only token', async () => {
    const tokens = cms.strapi.service('admin::api-token-content-api') as { hash(key: string): string };
    const stored = (await cms.strapi.db.query('admin::api-token').findOne({ where: { accessKey: tokens.hash(PUBLISHER_SECRET) } })) as {
      type: string;
      name: string;
    } | null;
    expect(stored).toMatchObject({ type: 'read-only', name: 'Publisher and site build' });

    // More than an anonymous caller's 10 and another token's 20, as a full build of the site does.
    const from = freshAddress();
    for (let i = 0; i < 25; i += 1) {
      const reply =
        i % 2 === 0
          ? await gql(cms.url, '{ articles(pagination: { pageSize: 100 }) { title } }', { from, token: PUBLISHER_SECRET })
          : await send(cms.url, '/api/articles?pagination[pageSize]=100', { from, headers: { authorization: `Bearer ${PUBLISHER_SECRET}` } });
      expect(reply.status, `publisher request ${i + 1}`).toBe(200);
      expect(reply.headers['ratelimit-limit']).toBeUndefined();
    }
    // Its address is not spent by them either.
    expect((await articles(cms.url, from)).headers['ratelimit-remaining']).toBe('9');
  });

  it('counts every path shape that reaches the content API, in one bucket, and answers none of them uncounted', async () => {
    const from = freshAddress();
    const shapes = [
      '/API/articles',
      '/Api/Articles/',
      '/api/articles/',
      '//api/articles',
      '/api/../api/articles',
      '/api/%61rticles',
      '/%61pi/articles',
      '/api//articles',
    ];
    const remaining: string[] = [];
    for (const path of shapes) {
      const reply = await send(cms.url, path, { from });
      // Strapi serves the first three like /api/articles; the rest it refuses, but they are counted all the same.
      if (reply.status === 200) expect(reply.json<{ data: unknown[] }>().data.length, path).toBeGreaterThan(0);
      expect(reply.headers['ratelimit-limit'], path).toBe('10');
      remaining.push(reply.headers['ratelimit-remaining'] as string);
    }
    expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2']);
    for (const path of ['/graphql/', '/GRAPHQL']) {
      const reply = await gql(cms.url, '{ articles { title } }', { from, path });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['ratelimit-limit'], path).toBe('10');
    }
    for (const path of ['/API/articles', '/graphql/', '/api/articles']) {
      expect(
        (path.includes('graphql') ? await gql(cms.url, '{ articles { title } }', { from, path }) : await send(cms.url, path, { from })).status,
        path,
      ).toBe(429);
    }
  });

  it('ignores X-Forwarded-For when the CMS is not behind a proxy', async () => {
    const from = freshAddress();
    expect(await statuses(10, () => articles(cms.url, from))).toEqual(times(10, 200));
    for (const forwarded of ['198.51.100.7', '198.51.100.8, 198.51.100.9', randomBytes(4).join('.')]) {
      expect((await articles(cms.url, from, { 'x-forwarded-for': forwarded })).status, forwarded).toBe(429);
    }
  });

  it('never counts or slows the dashboard, even while an anonymous burst from the same address is refused', async () => {
    // Node's fetch comes from 127.0.0.1, as the editor's requests below do.
    expect(await statuses(11, () => articles(cms.url, '127.0.0.1'))).toEqual([...times(10, 200), 429]);

    const login = await send(cms.url, '/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
      from: '127.0.0.1',
    });
    expect(login.status).toBe(200);
    expect(login.headers['ratelimit-limit']).toBeUndefined();
    const { token } = login.json<{ data: { token: string } }>().data;
    const editor = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 15; i += 1) {
      for (const path of [
        '/admin/users/me',
        '/content-manager/collection-types/api::article.article?page=1&pageSize=10',
        '/upload/files',
        '/i18n/locales',
      ]) {
        const reply = await send(cms.url, path, { headers: editor, from: '127.0.0.1' });
        expect(reply.status, path).toBe(200);
        expect(reply.headers['ratelimit-limit'], path).toBeUndefined();
      }
    }
    expect((await send(cms.url, '/_health', { from: '127.0.0.1' })).status).toBe(204);
  });
});

describe('behind a proxy (IS_PROXIED=true), counted in Redis', () => {
  let cms: Cms;
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  /** Requests from the proxy (127.0.0.1) on behalf of `client`, as nginx's $proxy_add_x_forwarded_for sends them. */
  const viaProxy = (forwarded: string | string[]) => send(cms.url, '/api/articles', { from: '127.0.0.1', headers: { 'x-forwarded-for': forwarded } });

  beforeAll(async () => {
    cms = await bootSeededCms({
      IS_PROXIED: 'true',
      RATE_LIMIT_WINDOW_MS: HOUR,
      RATE_LIMIT_ANON_PER_MINUTE: '5',
      REDIS_URL,
      REDIS_PREFIX: prefix,
    });
    await untilCountedInRedis(cms.url, prefix);
    await dropKeys(prefix);
  });
  afterAll(async () => {
    await cms?.stop();
    await dropKeys(prefix);
  });

  it('counts each client by the address the proxy appended, whatever the client claimed before it', async () => {
    expect(await statuses(5, () => viaProxy('198.51.100.20'))).toEqual(times(5, 200));
    expect((await viaProxy('198.51.100.20')).status).toBe(429);
    // Claims the client added to the left change nothing.
    for (const claim of ['203.0.113.1', '203.0.113.2, 203.0.113.3', 'garbage']) {
      expect((await viaProxy(`${claim}, 198.51.100.20`)).status, claim).toBe(429);
    }
    // Another client has its own bucket.
    const other = await viaProxy('203.0.113.1, 198.51.100.21');
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('4');
    expect((await redisKeys(prefix)).sort()).toEqual([`${prefix}rate-limit:address:198.51.100.20`, `${prefix}rate-limit:address:198.51.100.21`]);
  });

  it('counts odd X-Forwarded-For shapes under the proxy itself, one bucket that changing the header cannot leave', async () => {
    const odd = [['198.51.100.30', '198.51.100.31'], '', ' ', 'garbage', '198.51.100.32:8080', '198.51.100.33, ', 'unknown'];
    const seen: string[] = [];
    for (const forwarded of odd) {
      const reply = await viaProxy(forwarded);
      seen.push(`${reply.status} ${String(reply.headers['ratelimit-remaining'])}`);
    }
    expect(seen).toEqual(['200 4', '200 3', '200 2', '200 1', '200 0', '429 0', '429 0']);
    // A request without the header comes straight from 127.0.0.1, which is that same bucket.
    expect((await articles(cms.url, '127.0.0.1')).status).toBe(429);
    expect((await viaProxy('198.51.100.34')).status).toBe(200);
  });
});

describe('a short window, with Redis unreachable', () => {
  let cms: Cms;

  beforeAll(async () => {
    cms = await bootSeededCms({
      RATE_LIMIT_WINDOW_MS: '2000',
      RATE_LIMIT_ANON_PER_MINUTE: '5',
      // Nothing listens there: the limiter falls back to memory (and logs it).
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('still limits each caller, in memory, and lets it in again once the window has passed', async () => {
    const from = freshAddress();
    let refused: Reply | undefined;
    // Five a window and one back every 400 ms: a burst of requests reaches the limit within a few more.
    for (let i = 0; i < 50 && !refused; i += 1) {
      const reply = await articles(cms.url, from);
      expect([200, 429]).toContain(reply.status);
      if (reply.status === 429) refused = reply;
    }
    expect(refused?.headers['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const back = await articles(cms.url, from);
    expect(back.status).toBe(200);
    expect(back.headers['ratelimit-remaining']).toBe('4');
  });
});

describe('several CMS processes', () => {
  const kind = dbKind();

  it('share one limit through one Redis', async () => {
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const env = { ...RATE_LIMIT_TEST_ENV, REDIS_URL, REDIS_PREFIX: prefix, RATE_LIMIT_WINDOW_MS: HOUR, RATE_LIMIT_ANON_PER_MINUTE: '10' };
    const processes: CmsProcess[] = await Promise.all([
      startCmsProcess(inject('cmsTemplate'), kind, env),
      startCmsProcess(inject('cmsTemplate'), kind, env),
    ]);
    try {
      for (const cms of processes) await untilCountedInRedis(cms.url, prefix);
      const from = freshAddress();
      const seen: number[] = [];
      for (let i = 0; i < 6; i += 1) for (const cms of processes) seen.push((await articles(cms.url, from)).status);
      expect(seen).toEqual([...times(10, 200), 429, 429]);
      expect(await redisKeys(prefix)).toContain(`${prefix}rate-limit:address:${from}`);
    } finally {
      await Promise.all(processes.map((cms) => cms.stop()));
      await dropKeys(prefix);
    }
  });

  it('each count on their own without Redis', async () => {
    const env = { ...RATE_LIMIT_TEST_ENV, RATE_LIMIT_WINDOW_MS: HOUR, RATE_LIMIT_ANON_PER_MINUTE: '10' };
    const processes: CmsProcess[] = await Promise.all([
      startCmsProcess(inject('cmsTemplate'), kind, env),
      startCmsProcess(inject('cmsTemplate'), kind, env),
    ]);
    try {
      const from = freshAddress();
      const seen: number[] = [];
      for (let i = 0; i < 6; i += 1) for (const cms of processes) seen.push((await articles(cms.url, from)).status);
      expect(seen).toEqual(times(12, 200));
      expect((await articles(processes[0].url, from)).headers['ratelimit-remaining']).toBe('3');
    } finally {
      await Promise.all(processes.map((cms) => cms.stop()));
    }
  });
});
