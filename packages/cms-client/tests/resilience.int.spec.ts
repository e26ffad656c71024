import { bootSeededCms, dbKind, startCmsProcess, type Cms } from 'cms/testing';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CmsRequestError, CmsUnreachableError, createCmsClient, fetchAllArticles, fetchAllAuthors, fetchSiteSettings } from '../src/index';
import { closedPort } from './helpers/ports';
import { startProxy, type Proxy } from './helpers/proxy';

/** Short backoff, so that the retry tests take milliseconds rather than seconds. */
const fast = { backoff: { baseMs: 10, maxMs: 40 } };

let cms: Cms;
let proxy: Proxy | undefined;

beforeAll(async () => {
  cms = await bootSeededCms();
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

afterAll(async () => {
  await cms?.stop();
});

describe('bounded concurrency', () => {
  it('fetches many pages, never more than `concurrency` at once', async () => {
    proxy = await startProxy(cms.url, { delayMs: 30 });
    const client = createCmsClient({ url: proxy.url, pageSize: 10, concurrency: 3 });
    const articles = await fetchAllArticles(client);
    expect(proxy.requests).toBe(Math.ceil(articles.length / 10));
    expect(proxy.requests).toBeGreaterThan(3);
    expect(proxy.maxInFlight).toBeGreaterThan(1);
    expect(proxy.maxInFlight).toBeLessThanOrEqual(3);
  });

  it('holds the limit across calls made at the same time', async () => {
    proxy = await startProxy(cms.url, { delayMs: 30 });
    const client = createCmsClient({ url: proxy.url, pageSize: 5, concurrency: 2 });
    await Promise.all([fetchAllArticles(client), fetchAllAuthors(client), fetchSiteSettings(client)]);
    expect(proxy.maxInFlight).toBe(2);
  });
});

describe('failures', () => {
  it('retries a CMS that answers 503 for a while, and succeeds', async () => {
    proxy = await startProxy(cms.url, { failFirst: 2, failStatus: 503 });
    const settings = await fetchSiteSettings(createCmsClient({ url: proxy.url, ...fast }));
    expect(settings?.portalName).toBeTruthy();
    expect(proxy.requests).toBe(3);
  });

  it('gives up after the retries on a gateway that keeps failing: the CMS is unreachable', async () => {
    proxy = await startProxy(cms.url, { failFirst: 100, failStatus: 502 });
    const request = fetchSiteSettings(createCmsClient({ url: proxy.url, retries: 2, ...fast }));
    await expect(request).rejects.toBeInstanceOf(CmsUnreachableError);
    expect(proxy.requests).toBe(3);
  });

  it('does not retry an invalid query, and names the operation and the GraphQL message', async () => {
    proxy = await startProxy(cms.url);
    const broken = parse('query BrokenArticles { articles { nope } }') as TypedDocumentNode<unknown, Record<string, never>>;
    const request = createCmsClient({ url: proxy.url, ...fast }).request(broken, {});
    await expect(request).rejects.toThrow(CmsRequestError);
    await expect(request).rejects.toThrow(/^CMS request BrokenArticles failed \(HTTP 400\): Cannot query field "nope" on type "Article"/);
    expect(proxy.requests).toBe(1);
  });

  it('reports a CMS that is not running with the exact message, in bounded time', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const request = fetchAllArticles(createCmsClient({ url, retries: 4, ...fast }));
    await expect(request).rejects.toBeInstanceOf(CmsUnreachableError);
    await expect(request).rejects.toThrow(`CMS at ${url} is unreachable: start it with \`pnpm start\` or set CMS_URL`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a rate-limited CMS', () => {
  it('waits as long as its 429s say (Retry-After) and gets everything, where the backoff alone would give up', async () => {
    // Three requests per 3 s per address: about one a second once the first three are spent.
    const limited = await startCmsProcess(inject('cmsTemplate'), dbKind(), { RATE_LIMIT_ANON_PER_MINUTE: '3', RATE_LIMIT_WINDOW_MS: '3000' });
    try {
      proxy = await startProxy(limited.url);
      const started = Date.now();
      // Thirteen pages or more against three requests per 3 s: 429s whatever the pace of the machine. Ten retries
      // of at most 40 ms would be spent in under half a second without Retry-After.
      const articles = await fetchAllArticles(createCmsClient({ url: proxy.url, pageSize: 5, concurrency: 1, retries: 10, ...fast }));
      expect(articles.length).toBeGreaterThan(60);
      expect(proxy.statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThan(900);
    } finally {
      await limited.stop();
    }
  });
});
