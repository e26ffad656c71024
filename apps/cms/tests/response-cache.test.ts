import { describe, expect, it } from 'vitest';
import { changesPublicAnswers } from '../src/bootstrap/cache-invalidation';
import { graphqlKey, responseCacheSettings, restKey } from '../src/lib/response-cache';
import { MemoryCacheStore, type CachedResponse } from '../src/lib/response-cache/store';

const QUERY = '{ articles(pagination: { pageSize: 5 }) { title } }';

describe('graphqlKey', () => {
  it('is the same for the same document however it is spelled, and differs by caller class', () => {
    const key = graphqlKey('anonymous', { query: QUERY });
    expect(key).toMatch(/^[\w-]{20,}$/);
    expect(graphqlKey('anonymous', { query: `query {\n  articles(pagination: {pageSize: 5}) {\n title # why\n } }` })).toBe(key);
    expect(graphqlKey('anonymous', { query: QUERY, variables: {} })).toBe(key);
    expect(graphqlKey('read-only', { query: QUERY })).not.toBe(key);
    expect(graphqlKey('anonymous', { query: QUERY.replace('5', '6') })).not.toBe(key);
  });

  it('keys variables by value, not by the order of their names', () => {
    const query = 'query($a: Int, $b: Int) { articles(pagination: { page: $a, pageSize: $b }) { title } }';
    expect(graphqlKey('anonymous', { query, variables: { a: 1, b: 2 } })).toBe(graphqlKey('anonymous', { query, variables: { b: 2, a: 1 } }));
    expect(graphqlKey('anonymous', { query, variables: { a: 1, b: 2 } })).not.toBe(graphqlKey('anonymous', { query, variables: { a: 2, b: 1 } }));
    expect(graphqlKey('anonymous', { query, operationName: null })).not.toBe(graphqlKey('anonymous', { query, operationName: 'X' }));
  });

  it('has no key for mutations, subscriptions, unparsable documents or bodies of another shape', () => {
    for (const body of [
      { query: 'mutation { createArticle(data: {}) { title } }' },
      { query: `${QUERY} mutation M { deleteArticle(documentId: "x") { documentId } }` },
      { query: 'subscription { x }' },
      { query: '{ articles { ' },
      { query: ['{ articles { title } }'] },
      { query: 42 },
      { query: QUERY, variables: [1] },
      { query: QUERY, variables: 'x' },
      { query: QUERY, operationName: 5 },
      [{ query: QUERY }],
      'query',
      null,
      undefined,
    ]) {
      expect(graphqlKey('anonymous', body), JSON.stringify(body)).toBeNull();
    }
  });
});

describe('restKey', () => {
  it('ignores the order of different parameters, keeps the order of repeated ones', () => {
    const key = restKey('anonymous', '/api/articles', 'sort=title&pagination[pageSize]=3');
    expect(restKey('anonymous', '/api/articles', 'pagination[pageSize]=3&sort=title')).toBe(key);
    expect(restKey('anonymous', '/api/articles', 'a=1&a=2')).not.toBe(restKey('anonymous', '/api/articles', 'a=2&a=1'));
    expect(restKey('anonymous', '/api/authors', 'sort=title&pagination[pageSize]=3')).not.toBe(key);
    expect(restKey('read-only', '/api/articles', 'sort=title&pagination[pageSize]=3')).not.toBe(key);
  });
});

const entry = (body: string): CachedResponse => ({ etag: '"e"', contentType: 'application/json', body });

describe('MemoryCacheStore', () => {
  const limits = { maxEntryBytes: 100, maxTotalBytes: 300, ttlMs: 60_000 };

  it('keeps answers under the generation they were computed in, until an invalidation', async () => {
    const store = new MemoryCacheStore(limits);
    const { generation } = await store.get('a');
    await store.set(generation, 'a', entry('1'));
    expect((await store.get('a')).hit?.body).toBe('1');
    await store.invalidate();
    expect((await store.get('a')).hit).toBeNull();
    // An answer computed before the invalidation arrives after it: dropped, never served.
    await store.set(generation, 'a', entry('stale'));
    expect((await store.get('a')).hit).toBeNull();
  });

  it('drops the least recently used answers beyond its size, and never keeps an answer over the entry cap', async () => {
    const store = new MemoryCacheStore(limits);
    const { generation } = await store.get('x');
    await store.set(generation, 'big', entry('x'.repeat(200)));
    expect((await store.get('big')).hit).toBeNull();
    for (const key of ['a', 'b', 'c']) await store.set(generation, key, entry(key.repeat(70)));
    expect(store.totalBytes).toBeLessThanOrEqual(300);
    await store.get('a'); // a is now the most recently used: b goes first
    await store.set(generation, 'd', entry('d'.repeat(70)));
    expect((await store.get('b')).hit).toBeNull();
    expect((await store.get('a')).hit).not.toBeNull();
    expect((await store.get('d')).hit).not.toBeNull();
    expect(store.totalBytes).toBeLessThanOrEqual(300);
  });

  it('forgets answers older than the TTL', async () => {
    const store = new MemoryCacheStore({ ...limits, ttlMs: 1 });
    const { generation } = await store.get('a');
    await store.set(generation, 'a', entry('1'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await store.get('a')).hit).toBeNull();
    expect(store.totalBytes).toBe(0);
  });
});

describe('responseCacheSettings', () => {
  it('has defaults, and refuses values it does not understand', () => {
    expect(responseCacheSettings({})).toMatchObject({ enabled: true, maxEntryBytes: 1024 * 1024, ttlMs: 300_000, redisUrl: undefined });
    expect(responseCacheSettings({ RESPONSE_CACHE: 'off' }).enabled).toBe(false);
    for (const env of [
      { RESPONSE_CACHE: 'no' },
      { RESPONSE_CACHE_TTL_SECONDS: '0' },
      { RESPONSE_CACHE_MAX_MB: '1.5' },
      { RESPONSE_CACHE_MAX_ENTRY_KB: '-1' },
      { REDIS_URL: 'http://127.0.0.1:6379' },
      { REDIS_PREFIX: 'a b' },
    ]) {
      expect(() => responseCacheSettings(env), JSON.stringify(env)).toThrow(Object.keys(env)[0]);
    }
  });
});

describe('changesPublicAnswers', () => {
  const article = { uid: 'api::article.article', attributes: { title: {}, publishedAt: {} } };
  it('counts every write of content, media and permissions, but not a saved draft or the dashboard’s own records', () => {
    expect(changesPublicAnswers({ action: 'afterCreate', model: article, result: { publishedAt: '2026-01-01' } })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterDelete', model: article, result: { publishedAt: null } })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterUpdateMany', model: article })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterUpdate', model: article, result: { publishedAt: null } })).toBe(false);
    expect(changesPublicAnswers({ action: 'afterCreate', model: article, result: { publishedAt: null } })).toBe(false);
    expect(changesPublicAnswers({ action: 'afterUpdate', model: article, result: null })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterUpdate', model: { uid: 'plugin::upload.file', attributes: {} }, result: {} })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterUpdate', model: { uid: 'plugin::users-permissions.permission', attributes: {} } })).toBe(true);
    expect(changesPublicAnswers({ action: 'afterUpdate', model: { uid: 'admin::api-token', attributes: {} } })).toBe(false);
    expect(changesPublicAnswers({ action: 'afterCreate', model: { uid: 'strapi::session', attributes: {} } })).toBe(false);
    expect(changesPublicAnswers({ action: 'beforeUpdate', model: article })).toBe(false);
  });
});
