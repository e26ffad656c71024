import { describe, expect, it } from 'vitest';
import {
  addressBucket,
  apiSurface,
  bearerToken,
  clientAddress,
  gcra,
  graphqlCost,
  MemoryStore,
  pageWeight,
  rateLimitHeaders,
  rateLimitSettings,
  restCost,
  tokenLimits,
  UNKNOWN_COST,
  type Quota,
} from '../src/lib/rate-limit';

const PAGES = { defaultLimit: 25, maxLimit: 100 };
const MINUTE = 60_000;

describe('gcra', () => {
  const quotas = (limit: number, cost = 1): Quota[] => [{ limit, cost }];

  it('allows a burst of exactly the limit, then refuses with the wait for one unit', () => {
    let tats: (number | undefined)[] = [];
    for (let i = 0; i < 120; i += 1) {
      const step = gcra(1_000, MINUTE, quotas(120), tats);
      expect(step.allowed, `request ${i + 1}`).toBe(true);
      expect(step.quotas[0].remaining).toBe(119 - i);
      tats = step.tats;
    }
    const refused = gcra(1_000, MINUTE, quotas(120), tats);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(500);
    expect(refused.quotas[0]).toMatchObject({ remaining: 0, resetMs: MINUTE, refused: true });
    // A refused request changes nothing.
    expect(refused.tats).toEqual(tats);
  });

  it('refills one unit per window / limit, and is full again after one window', () => {
    let tats = gcra(0, 2_000, quotas(10, 10), []).tats;
    expect(gcra(199, 2_000, quotas(10), tats).allowed).toBe(false);
    const one = gcra(200, 2_000, quotas(10), tats);
    expect(one.allowed).toBe(true);
    expect(one.quotas[0].remaining).toBe(0);
    tats = one.tats;
    const full = gcra(2_200, 2_000, quotas(10), tats);
    expect(full.quotas[0].remaining).toBe(9);
    expect(gcra(10_000, 2_000, quotas(10), tats).quotas[0]).toMatchObject({ remaining: 9, resetMs: 200 });
  });

  it('allows only when every quota has room, and charges all of them', () => {
    const both: Quota[] = [
      { limit: 120, cost: 1 },
      { limit: 300, cost: 100 },
    ];
    let tats: (number | undefined)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const step = gcra(0, MINUTE, both, tats);
      expect(step.allowed).toBe(true);
      tats = step.tats;
    }
    const refused = gcra(0, MINUTE, both, tats);
    expect(refused.allowed).toBe(false);
    expect(refused.quotas.map((quota) => quota.refused)).toEqual([false, true]);
    expect(refused.quotas[0].remaining).toBe(117);
    // 100 units at 200 ms each.
    expect(refused.retryAfterMs).toBe(20_000);
  });

  it('counts a cost above the whole budget as the whole budget', () => {
    const step = gcra(0, MINUTE, quotas(300, UNKNOWN_COST), []);
    expect(step.allowed).toBe(true);
    expect(step.quotas[0].remaining).toBe(0);
    expect(gcra(0, MINUTE, quotas(300, UNKNOWN_COST), step.tats).retryAfterMs).toBe(MINUTE);
  });
});

describe('MemoryStore', () => {
  it('expires callers whose quotas are full again, and keeps at most maxKeys', () => {
    let now = 0;
    const store = new MemoryStore(3, () => now);
    for (const key of ['a', 'b', 'c', 'd']) store.takeNow(key, 1_000, [{ limit: 10, cost: 1 }]);
    expect(store.size).toBe(3);
    // 'a' was least recently seen and went first: it starts again full.
    expect(store.takeNow('a', 1_000, [{ limit: 10, cost: 1 }]).quotas[0].remaining).toBe(9);
    now = 5_000;
    store.takeNow('e', 1_000, [{ limit: 10, cost: 1 }]);
    expect(store.size).toBe(1);
  });
});

describe('apiSurface', () => {
  it('counts every shape that may reach the content API', () => {
    for (const path of [
      '/api',
      '/api/',
      '/api/articles',
      '/API/articles',
      '/Api/Articles/',
      '//api/articles',
      '/api//articles',
      '/api/../api/articles',
      '/x/../api/articles',
      '/./api/articles',
      '/%61pi/articles',
      '/%2561pi/articles',
      '/api%2Farticles',
      '/%2Fapi/articles',
      '\\api\\articles',
      '/api/%E0%A4%A',
      '/%ZZ',
    ]) {
      expect(apiSurface(path), path).toBe('rest');
    }
    for (const path of [
      '/graphql',
      '/graphql/',
      '/GRAPHQL',
      '/GraphQL/',
      '//graphql',
      '/%67raphql',
      '/x/../graphql',
      '/graphql;x'.replace(';x', ''),
    ]) {
      expect(apiSurface(path), path).toBe('graphql');
    }
  });

  it('never counts the dashboard, its APIs, media or health checks', () => {
    for (const path of [
      '/',
      '/admin',
      '/admin/login',
      '/admin/users/me',
      '/content-manager/collection-types/api::article.article',
      '/upload',
      '/upload/files',
      '/i18n/locales',
      '/content-type-builder',
      '/users-permissions/roles',
      '/uploads/anh.jpg',
      '/uploads/api/x.jpg',
      '/_health',
      '/favicon.ico',
      '/apix',
      '/graphqlx',
      '/api/../admin/login',
      '/admin/api/articles',
    ]) {
      expect(apiSurface(path), path).toBeUndefined();
    }
  });
});

describe('clientAddress', () => {
  const base = { socketAddress: '203.0.113.7', forwardedFor: undefined, proxied: false, trustedProxies: 1 };

  it('ignores X-Forwarded-For unless the CMS is behind a proxy', () => {
    expect(clientAddress({ ...base, forwardedFor: ['198.51.100.1'] })).toBe('203.0.113.7');
  });

  it('behind proxies, takes the entry the nearest trusted proxy appended', () => {
    const proxied = { ...base, socketAddress: '127.0.0.1', proxied: true };
    expect(clientAddress({ ...proxied, forwardedFor: ['198.51.100.1'] })).toBe('198.51.100.1');
    expect(clientAddress({ ...proxied, forwardedFor: ['6.6.6.6, 198.51.100.1'] })).toBe('198.51.100.1');
    expect(clientAddress({ ...proxied, forwardedFor: ['6.6.6.6, 198.51.100.1, 10.0.0.2'], trustedProxies: 2 })).toBe('198.51.100.1');
    expect(clientAddress({ ...proxied, forwardedFor: undefined })).toBe('127.0.0.1');
  });

  it('counts odd shapes under the proxy itself', () => {
    const proxied = { ...base, socketAddress: '127.0.0.1', proxied: true };
    for (const forwardedFor of [
      ['1.1.1.1', '2.2.2.2'],
      [''],
      [' '],
      ['garbage'],
      ['1.1.1.1, '],
      ['1.1.1.1:8080'],
      ['1.1.1.1,,'],
      ['999.1.1.1'],
      ['unknown'],
    ]) {
      expect(clientAddress({ ...proxied, forwardedFor }), JSON.stringify(forwardedFor)).toBe('127.0.0.1');
    }
    expect(clientAddress({ ...proxied, forwardedFor: ['198.51.100.1'], trustedProxies: 2 })).toBe('127.0.0.1');
    expect(clientAddress({ ...base, socketAddress: undefined })).toBe('unknown');
  });

  it('counts IPv6 per /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressBucket('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressBucket('2001:db8:aaaa:bbbb:1:2:3:4')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(addressBucket('2001:DB8:AAAA:BBBB::9')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('1.2.3')).toBeUndefined();
  });
});

describe('cost', () => {
  it('weighs a page by 25 documents a unit, capped at the largest page', () => {
    expect([undefined, 1, 25, 26, 50, 100, 1000, -1, 0, 2.5, 'x'].map((size) => pageWeight(size, PAGES))).toEqual([1, 1, 1, 2, 2, 4, 4, 4, 4, 4, 4]);
  });

  it('REST: by pagination[pageSize] or [limit]', () => {
    expect(restCost({}, PAGES)).toBe(1);
    expect(restCost({ pagination: { pageSize: '100' } }, PAGES)).toBe(4);
    expect(restCost({ pagination: { limit: '50', start: '0' } }, PAGES)).toBe(2);
    expect(restCost({ pagination: { page: '3' } }, PAGES)).toBe(1);
    expect(restCost({ pagination: { pageSize: ['1', '100'] } }, PAGES)).toBe(4);
    expect(restCost({ pagination: { pageSize: 'abc' } }, PAGES)).toBe(4);
    expect(restCost({ pagination: 'x' }, PAGES)).toBe(4);
  });

  it('GraphQL: top-level reads, nested pages and aliases', () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) => graphqlCost({ query, variables }, PAGES);
    expect(cost('{ articles { title } }')).toBe(1);
    expect(cost('{ __typename }')).toBe(1);
    expect(cost('{ articles { title } categories { name } }')).toBe(2);
    expect(cost('{ articles(pagination: { pageSize: 100 }) { title } }')).toBe(4);
    expect(cost('{ articles(pagination: { limit: 100 }) { relatedArticles(pagination: { limit: 20 }) { title } } }')).toBe(5);
    expect(cost('query($n: Int) { articles(pagination: { pageSize: $n }) { title } }', { n: 100 })).toBe(4);
    expect(cost('query($n: Int = 75) { articles(pagination: { pageSize: $n }) { title } }')).toBe(3);
    expect(cost('query($p: PaginationArg) { articles(pagination: $p) { title } }', { p: { pageSize: 50 } })).toBe(2);
    expect(cost('query($n: Int) { articles(pagination: { pageSize: $n }) { title } }')).toBe(1);
    expect(cost('{ a: articles { title } b: articles { title } }')).toBe(4);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: articles(pagination: { pageSize: 100 }) { title }`).join(' ');
    expect(cost(`{ ${aliases} }`)).toBe(100);
  });

  it('GraphQL: counts fragments where they are spread, and charges what it cannot read the most', () => {
    const fragment = 'fragment F on Article { relatedArticles(pagination: { limit: 100 }) { title } }';
    expect(graphqlCost({ query: `{ a: articles { ...F } b: articles { ...F } } ${fragment}` }, PAGES)).toBe(2 * (1 + 1 + 4));
    expect(graphqlCost({ query: '{ articles { ... on Article { relatedArticles(pagination: { limit: 50 }) { title } } } }' }, PAGES)).toBe(3);
    // 2^20 fields once spread: not walked.
    const bomb = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Article { ...F${i + 1} ...F${i + 1} }`).join(' ');
    expect(graphqlCost({ query: `{ articles { ...F0 } } ${bomb} fragment F20 on Article { title }` }, PAGES)).toBe(UNKNOWN_COST);
    expect(graphqlCost({ query: `{ ${'a '.repeat(60_000)} }` }, PAGES)).toBe(UNKNOWN_COST);
    expect(graphqlCost({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }, PAGES)).toBe(UNKNOWN_COST);
    expect(graphqlCost({ query: '{ articles(pagination: { pageSize: "x" }) { title } }' }, PAGES)).toBe(4);
    // Apollo refuses these without running anything.
    expect(graphqlCost({ query: '{ articles {' }, PAGES)).toBe(1);
    expect(graphqlCost({}, PAGES)).toBe(1);
    expect(graphqlCost('x', PAGES)).toBe(1);
    // GET: variables as JSON text; batches add up.
    expect(graphqlCost({ query: 'query($n: Int) { articles(pagination: { pageSize: $n }) { title } }', variables: '{"n":100}' }, PAGES)).toBe(4);
    expect(graphqlCost([{ query: '{ articles { title } }' }, { query: '{ a: articles { title } }' }], PAGES)).toBe(3);
  });
});

describe('tokens', () => {
  const defaults = { requests: 1200, cost: 3000 };

  it('reads the bearer token as Strapi does', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    for (const header of [undefined, '', 'abc', 'Basic abc', 'Bearer', 'Bearer a b']) expect(bearerToken(header), header).toBeUndefined();
  });

  it('takes a token’s own limit from its description, its cost budget in proportion', () => {
    expect(tokenLimits('Sở Nội vụ — rate-limit: 5000/min', defaults)).toEqual({ requests: 5000, cost: 12500, custom: true });
    expect(tokenLimits('RATE-LIMIT:60 / MIN', defaults)).toEqual({ requests: 60, cost: 150, custom: true });
    for (const description of [null, undefined, '', 'rate-limit: lots', 'rate-limit: 0/min', 'rate-limit: 5000/h', 'rate-limit: 99999999/min']) {
      expect(tokenLimits(description, defaults), String(description)).toEqual({ ...defaults, custom: false });
    }
  });
});

describe('settings and headers', () => {
  it('reads defaults, and refuses values that are not limits with the variable’s name', () => {
    expect(rateLimitSettings({})).toMatchObject({
      windowMs: 60_000,
      anonymous: { requests: 120, cost: 300 },
      token: { requests: 1200, cost: 3000 },
      redisUrl: undefined,
    });
    expect(rateLimitSettings({ REDIS_URL: ' redis://127.0.0.1:6379 ', RATE_LIMIT_ANON_PER_MINUTE: '10' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      anonymous: { requests: 10 },
    });
    for (const [name, value] of [
      ['RATE_LIMIT_ANON_PER_MINUTE', '0'],
      ['RATE_LIMIT_ANON_PER_MINUTE', 'ten'],
      ['RATE_LIMIT_TOKEN_COST_PER_MINUTE', '-5'],
      ['RATE_LIMIT_WINDOW_MS', '10'],
      ['REDIS_URL', 'http://127.0.0.1:6379'],
      ['REDIS_URL', 'localhost'],
      ['REDIS_PREFIX', 'a b'],
    ]) {
      expect(() => rateLimitSettings({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });

  it('shows the quota closest to running out, and Retry-After only on a refusal', () => {
    const allowed = gcra(
      0,
      MINUTE,
      [
        { limit: 120, cost: 1 },
        { limit: 300, cost: 200 },
      ],
      [],
    );
    expect(rateLimitHeaders(allowed, MINUTE, ['requests', 'cost'])).toEqual({
      'RateLimit-Limit': '300',
      'RateLimit-Remaining': '100',
      'RateLimit-Reset': '40',
      'RateLimit-Policy': '120;w=60;comment="requests", 300;w=60;comment="cost"',
    });
    const refused = gcra(
      0,
      MINUTE,
      [
        { limit: 120, cost: 1 },
        { limit: 300, cost: 200 },
      ],
      allowed.tats,
    );
    expect(rateLimitHeaders(refused, MINUTE, ['requests', 'cost'])).toMatchObject({
      'RateLimit-Limit': '300',
      'RateLimit-Remaining': '100',
      'Retry-After': '20',
    });
  });
});
