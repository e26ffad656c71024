import { bootSeededCms, plantRelationCases, type Cms, type RelationFixtures } from 'cms/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createCmsClient,
  fetchAllArticles,
  fetchAllAuthors,
  fetchAllCategories,
  fetchArticlesByIds,
  fetchSiteSettings,
  type CmsClient,
} from '../src/index';

/**
 * What the site, the publisher and agencies get through this client is the same whether the CMS reads
 * relations in batches or one parent at a time (GRAPHQL_BATCH_RELATIONS=false: Strapi's resolvers as shipped),
 * on the demo content plus drafts, share images and long relation lists (cms/testing plantRelationCases).
 */

let cms: Cms;
let fixtures: RelationFixtures;

beforeAll(async () => {
  // Without the response cache: every query is sent twice (batching off, then on) and must be answered twice.
  cms = await bootSeededCms({ RESPONSE_CACHE: 'off' });
  fixtures = await plantRelationCases(cms);
});
afterAll(async () => {
  await cms?.stop();
});
afterEach(() => {
  delete process.env.GRAPHQL_BATCH_RELATIONS;
});

/** `read` against the CMS with Strapi's per-parent relation reads, then with batched ones. */
async function bothWays<T>(read: (client: CmsClient) => Promise<T>, pageSize?: number): Promise<{ stock: T; batched: T }> {
  const client = createCmsClient({ url: cms.url, retries: 0, ...(pageSize ? { pageSize } : {}) });
  process.env.GRAPHQL_BATCH_RELATIONS = 'false';
  const stock = await read(client);
  process.env.GRAPHQL_BATCH_RELATIONS = 'true';
  const batched = await read(client);
  return { stock, batched };
}

describe('with relations batched, the client reads what it read before', () => {
  it('fetchAllArticles, in pages of 100 and of 9', async () => {
    for (const pageSize of [undefined, 9]) {
      const { stock, batched } = await bothWays(fetchAllArticles, pageSize);
      expect(batched).toEqual(stock);
      expect(stock.length).toBeGreaterThan(60);
      // The planted cases are in what was compared.
      expect(stock.find((article) => article.documentId === fixtures.manyRelated.documentId)?.relatedArticles).toHaveLength(20);
      expect(stock.filter((article) => article.seo?.shareImage)).toHaveLength(3);
      expect(stock.find((article) => article.documentId === fixtures.draftLinks)).toMatchObject({ author: null, category: null });
    }
  });

  it('fetchArticlesByIds, drafts and unknown ids among them', async () => {
    const ids = (await fetchAllArticles(createCmsClient({ url: cms.url }))).map((article) => article.documentId).reverse();
    const wanted = [fixtures.draftOnly.documentId, ...ids.slice(0, 30), 'no-such-document', fixtures.edited.documentId, ...ids.slice(30)];
    const { stock, batched } = await bothWays((client) => fetchArticlesByIds(client, wanted));
    expect(batched).toEqual(stock);
    expect(stock).toHaveLength(ids.length);
  });

  it('fetchAllAuthors, fetchAllCategories and fetchSiteSettings', async () => {
    for (const read of [fetchAllAuthors, fetchAllCategories, fetchSiteSettings] as const) {
      const { stock, batched } = await bothWays<unknown>(read, 5);
      expect(batched).toEqual(stock);
    }
    const { stock } = await bothWays(fetchAllCategories);
    expect(stock.find((category) => category.documentId === fixtures.orphanCategory)).toMatchObject({ parent: null });
    expect(stock.some((category) => category.parent)).toBe(true);
  });
});
