import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { plantRelationCases, type RelationFixtures } from './fixtures/relations';
import type { Cms } from './helpers/cms';
import { apiToken, graphql, type GraphqlResponse } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * GraphQL relations read in batches (src/graphql/batched-relations.ts) answer exactly what Strapi's own
 * per-parent reads answer: every query here runs twice on the same CMS and database, once with
 * GRAPHQL_BATCH_RELATIONS=false (Strapi's resolvers as shipped) and once batched, and the two answers must be
 * equal — drafts and unpublished links included (see fixtures/relations.ts). Then the number of database
 * queries one request makes.
 */

let cms: Cms;
let fixtures: RelationFixtures;
let readOnly: string;

beforeAll(async () => {
  // Without the response cache: every query here is sent twice (batching off, then on) and must be answered twice.
  cms = await bootSeededCms({ RESPONSE_CACHE: 'off' });
  fixtures = await plantRelationCases(cms);
  readOnly = await apiToken(cms, 'read-only');
});
afterAll(async () => {
  await cms?.stop();
});
afterEach(() => {
  delete process.env.GRAPHQL_BATCH_RELATIONS;
});

/** Everything the site shows of an article (the client's ArticleFields), every relation kind in it. */
const ARTICLE_FIELDS = `
  documentId title slug lead source body publishedAt updatedAt views
  cover { url alternativeText width height formats caption }
  author { documentId name slug }
  category { documentId name slug parent { documentId name slug } }
  relatedArticles(pagination: { limit: 20 }) { documentId slug title publishedAt }
  seo { metaTitle metaDescription shareImage { url width height } }
`;
const SORT = 'sort: ["publishedAt:desc", "documentId:asc"]';

/** A GraphQL request, and the database queries it made (counted on the connection every Strapi query goes through). */
async function counted(query: string, variables: Record<string, unknown>, token?: string) {
  let queries = 0;
  const count = () => {
    queries += 1;
  };
  cms.strapi.db.connection.on('query', count);
  try {
    return { response: await graphql(cms, query, variables, token), queries };
  } finally {
    cms.strapi.db.connection.removeListener('query', count);
  }
}

/** The same request with Strapi's per-parent relation reads and with batched ones. */
async function bothWays(query: string, variables: Record<string, unknown> = {}, token?: string) {
  process.env.GRAPHQL_BATCH_RELATIONS = 'false';
  const stock = await counted(query, variables, token);
  process.env.GRAPHQL_BATCH_RELATIONS = 'true';
  const batched = await counted(query, variables, token);
  return { stock: stock.response, batched: batched.response, queries: { stock: stock.queries, batched: batched.queries } };
}

/**
 * The same status, data and errors. Errors are compared in order of their path: GraphQL lists them as
 * resolvers fail, and which sibling's read fails first is the database's timing, not part of the answer.
 */
function expectSameAnswer(stock: GraphqlResponse<unknown>, batched: GraphqlResponse<unknown>) {
  expect(batched.status).toBe(stock.status);
  const inPathOrder = (raw: string) => {
    const answer = JSON.parse(raw) as { errors?: Array<{ path?: unknown }> };
    answer.errors?.sort((a, b) => (JSON.stringify(a.path) < JSON.stringify(b.path) ? -1 : JSON.stringify(a.path) > JSON.stringify(b.path) ? 1 : 0));
    return answer;
  };
  expect(inPathOrder(batched.raw)).toEqual(inPathOrder(stock.raw));
}

type ArticleNode = {
  documentId: string;
  author: unknown;
  category: { parent: unknown } | null;
  relatedArticles: Array<{ documentId: string }>;
  seo: { shareImage: unknown } | null;
};

describe('batched relations answer as Strapi does', () => {
  it('for the client’s article pages, anonymously and with a token', async () => {
    const query = `query ($page: Int!, $pageSize: Int!) {
      articles_connection(pagination: { page: $page, pageSize: $pageSize }, ${SORT}) {
        nodes { ${ARTICLE_FIELDS} }
        pageInfo { total page pageSize pageCount }
      }
    }`;
    for (const token of [undefined, readOnly]) {
      for (const variables of [
        { page: 1, pageSize: 100 },
        { page: 3, pageSize: 7 },
      ]) {
        const { stock, batched } = await bothWays(query, variables, token);
        expect(stock.errors).toBeUndefined();
        expectSameAnswer(stock, batched);
      }
    }
    // The answer compared holds every case the fixtures planted, so the comparison covers them.
    const { batched } = await bothWays(query, { page: 1, pageSize: 100 });
    const nodes = (batched.data as { articles_connection: { nodes: ArticleNode[] } }).articles_connection.nodes;
    const byId = new Map(nodes.map((node) => [node.documentId, node]));
    expect(byId.get(fixtures.manyRelated.documentId)?.relatedArticles.map((article) => article.documentId)).toEqual(
      fixtures.manyRelated.related.slice(0, 20),
    );
    expect(byId.get(fixtures.draftLinks)).toMatchObject({ author: null, category: null });
    expect(byId.get(fixtures.draftLinks)?.relatedArticles).toHaveLength(1);
    expect(nodes.filter((node) => node.seo?.shareImage)).toHaveLength(3);
    expect(nodes.some((node) => node.seo && node.seo.shareImage === null)).toBe(true);
    expect(nodes.some((node) => node.category?.parent)).toBe(true);
    expect(nodes.some((node) => node.author === null)).toBe(true);
  });

  it('for articles by id, drafts and unknown ids among them', async () => {
    const { stock: all } = await bothWays(`{ articles(pagination: { pageSize: 100 }, ${SORT}) { documentId } }`);
    const ids = [
      ...(all.data as { articles: Array<{ documentId: string }> }).articles.map((article) => article.documentId).slice(0, 60),
      fixtures.draftOnly.documentId,
      fixtures.edited.documentId,
      'no-such-document',
    ];
    const query = `query ($ids: [ID!]!) { articles(filters: { documentId: { in: $ids } }, pagination: { pageSize: 100 }) { ${ARTICLE_FIELDS} } }`;
    const { stock, batched } = await bothWays(query, { ids });
    expect(stock.errors).toBeUndefined();
    expectSameAnswer(stock, batched);
  });

  it('for the client’s authors, categories and site settings', async () => {
    for (const query of [
      `{ authors_connection(pagination: { pageSize: 100 }, sort: ["name:asc", "documentId:asc"]) {
           nodes { documentId name slug bio avatar { url alternativeText width height formats } } } }`,
      `{ categories_connection(pagination: { pageSize: 100 }, sort: ["name:asc", "documentId:asc"]) {
           nodes { documentId name slug description parent { documentId slug name } } } }`,
      `{ siteSetting { portalName loginLinkText banner { url alternativeText width height formats }
           footer { agency address phone email licence } menu(pagination: { limit: 100 }) { documentId name slug } } }`,
    ]) {
      const { stock, batched } = await bothWays(query);
      expect(stock.errors).toBeUndefined();
      expectSameAnswer(stock, batched);
    }
  });

  it('for to-many relations with pagination, sort and filters', async () => {
    // One query per shape: all of them in one document would cost more than the public API allows.
    const shapes = [
      'all: relatedArticles(pagination: { limit: 100 }) { documentId }',
      'byDefault: relatedArticles { documentId }',
      'window: relatedArticles(pagination: { start: 2, limit: 3 }) { documentId }',
      'secondPage: relatedArticles(pagination: { page: 2, pageSize: 4 }) { documentId }',
      'byTitle: relatedArticles(sort: "title:asc", pagination: { limit: 5 }) { title }',
      'byViews: relatedArticles(sort: ["views:desc", "title:asc"]) { title views }',
      'containing: relatedArticles(filters: { title: { containsi: "n" } }) { title }',
      'inCategory: relatedArticles(filters: { category: { slug: { eq: "kinh-te" } } }) { title category { slug } }',
      'either: relatedArticles(filters: { or: [{ views: { gt: 2000 } }, { title: { startsWith: "K" } }] }) { title }',
      'connection: relatedArticles_connection(pagination: { limit: 2 }) { nodes { documentId } }',
    ];
    const counted = { stock: 0, batched: 0 };
    for (const shape of shapes) {
      const { stock, batched, queries } = await bothWays(`{ articles(pagination: { pageSize: 100 }, ${SORT}) { documentId ${shape} } }`);
      expect(stock.errors, shape).toBeUndefined();
      expectSameAnswer(stock, batched);
      counted.stock += queries.stock;
      counted.batched += queries.batched;
    }
    // Every one of these relations was batched: left to Strapi, a relation costs two queries per article. Each
    // of the ten requests also has fixed queries of its own (the page, its count; more on PostgreSQL), which
    // the test 'database queries per request' below measures apart.
    expect(counted.batched).toBeLessThan(counted.stock / 3);
  });

  it('for inverse and nested relations several levels deep', async () => {
    for (const query of [
      `{ authors(pagination: { pageSize: 100 }) {
           name avatar { url }
           articles(pagination: { start: 1, limit: 3 }, sort: "publishedAt:desc") { title }
           all: articles(pagination: { limit: 100 }) { documentId }
           inCategory: articles(filters: { category: { slug: { eq: "kinh-te" } } }, pagination: { limit: 100 }) { title }
         } }`,
      `{ categories(pagination: { pageSize: 100 }) {
           name parent { name }
           children { name articles(pagination: { limit: 2 }) { title } }
           articles(filters: { views: { gt: 100 } }, pagination: { limit: 5 }) { title views }
         } }`,
      `{ articles(pagination: { pageSize: 5 }, ${SORT}) {
           relatedArticles {
             title
             author { name articles(pagination: { limit: 3 }) { title relatedArticles { title cover { url } } } }
             category { name children { name } parent { name } }
             seo { shareImage { url } }
           }
         } }`,
      `{ article(documentId: "${fixtures.linking.documentId}") { relatedArticles { title publishedAt author { name } } } }`,
    ]) {
      const { stock, batched } = await bothWays(query);
      expect(stock.errors).toBeUndefined();
      expectSameAnswer(stock, batched);
    }
  });

  it('for publication arguments on the root query, and for refused ones', async () => {
    for (const args of ['hasPublishedVersion: true', 'publicationFilter: HAS_PUBLISHED_VERSION', 'status: PUBLISHED', 'status: DRAFT']) {
      const query = `{ articles(${args}, pagination: { pageSize: 100 }, ${SORT}) {
        title publishedAt author { name publishedAt } relatedArticles { title publishedAt } category { articles(pagination: { limit: 3 }) { title } }
      } }`;
      const { stock, batched } = await bothWays(query);
      expectSameAnswer(stock, batched);
    }
  });
});

describe('database queries per request', () => {
  /**
   * The fewest queries in three runs of the request. The connection also carries the CMS's own timers (the
   * scheduled-publishing poll, the view counters' flush), whose queries land in whichever request runs beside
   * them; they only ever add, so the smallest count is the request's own.
   */
  async function queriesOf(query: string, variables: Record<string, unknown>, batching: boolean): Promise<number> {
    process.env.GRAPHQL_BATCH_RELATIONS = String(batching);
    let fewest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const { response, queries } = await counted(query, variables);
      expect(response.errors).toBeUndefined();
      fewest = Math.min(fewest, queries);
    }
    return fewest;
  }

  const page = (fields: string) => `query ($pageSize: Int!) {
    articles_connection(pagination: { page: 1, pageSize: $pageSize }, ${SORT}) { nodes { ${fields} } pageInfo { total pageCount } }
  }`;
  /** The relations in ARTICLE_FIELDS: cover, author, category, category.parent, relatedArticles, seo, seo.shareImage. */
  const RELATIONS = 7;

  it('do not grow with the number of articles in a page', async () => {
    const published = await cms.strapi.documents('api::article.article').count({ status: 'published' } as never);
    expect(published).toBeGreaterThan(60);
    // What the page costs without relations: permissions, the page itself, its count.
    const scalarsOnly = await queriesOf(page('documentId title'), { pageSize: 100 }, true);
    const ten = await queriesOf(page(ARTICLE_FIELDS), { pageSize: 10 }, true);
    const hundred = await queriesOf(page(ARTICLE_FIELDS), { pageSize: 100 }, true);
    expect(hundred).toBe(ten);
    // At most three per relation: the parents, the relation, and for a to-many one the rows it keeps.
    expect(hundred - scalarsOnly).toBeLessThanOrEqual(3 * RELATIONS);

    // Strapi's own reads: at least two queries per article and relation, so they grow with the page.
    const stockTen = await queriesOf(page(ARTICLE_FIELDS), { pageSize: 10 }, false);
    const stockHundred = await queriesOf(page(ARTICLE_FIELDS), { pageSize: 100 }, false);
    expect(stockHundred - scalarsOnly).toBeGreaterThanOrEqual(2 * Math.min(published, 100));
    expect(stockHundred).toBeGreaterThan(stockTen);
  });
});

/**
 * The relation fields' own resolvers (src/graphql/relation-resolvers.ts) do Strapi's authorisation, query
 * validation and sanitising once per request, field, arguments and root query instead of once per parent:
 * refusals, errors and answers must stay Strapi's, whoever asks.
 */
describe('relation fields prepared once per batch', () => {
  const PERMISSION = 'plugin::users-permissions.permission';
  const pageOf = (fields: string) => `{ articles(pagination: { pageSize: 100 }, ${SORT}) { documentId ${fields} } }`;

  /** An API token allowed only `actions`, as an agency given a narrower token would hold. */
  async function customToken(actions: string[]): Promise<string> {
    const tokens = cms.strapi.service('admin::api-token') as { create(token: Record<string, unknown>): Promise<{ accessKey: string }> };
    const name = `test-custom-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    return (await tokens.create({ name, type: 'custom', lifespan: null, permissions: actions })).accessKey;
  }

  it('refuse a relation whose target the caller may not read, as Strapi does', async () => {
    const token = await customToken(['api::article.article.find']);
    const { stock, batched } = await bothWays(pageOf('title author { name } cover { url } relatedArticles { title }'), {}, token);
    expectSameAnswer(stock, batched);
    // `author` needs api::author.author.find, which this token lacks; the articles themselves and media are readable.
    expect(batched.errors?.length).toBeGreaterThan(0);
    expect(batched.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(batched.errors?.some((error) => (error as { path?: unknown[] }).path?.includes('author'))).toBe(true);
  });

  it('refuse it to anonymous readers once the public role loses the permission, and answer again when it is back', async () => {
    const publicRole = (await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number };
    const action = 'api::author.author.find';
    const permission = (await cms.strapi.db.query(PERMISSION).findOne({ where: { action, role: publicRole.id } })) as { id: number } | null;
    expect(permission).not.toBeNull();
    const query = pageOf('title author { name } category { name }');
    await cms.strapi.db.query(PERMISSION).delete({ where: { id: permission!.id } });
    try {
      const { stock, batched } = await bothWays(query);
      expectSameAnswer(stock, batched);
      expect(batched.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    } finally {
      await cms.strapi.db.query(PERMISSION).create({ data: { action, role: publicRole.id } });
    }
    const { stock, batched } = await bothWays(query);
    expect(batched.errors).toBeUndefined();
    expectSameAnswer(stock, batched);
  });

  it('answer refused arguments of a relation with Strapi’s errors', async () => {
    let refused = 0;
    for (const shape of [
      'relatedArticles(sort: "searchText:asc") { title }',
      'relatedArticles(filters: { searchText: { eq: "x" } }) { title }',
      'relatedArticles(filters: { category: { slug: { eq: "khong-co-chuyen-muc-nay" } } }) { title }',
      'author { articles(filters: { createdBy: { id: { eq: 1 } } }) { title } }',
    ]) {
      const { stock, batched } = await bothWays(pageOf(shape));
      expectSameAnswer(stock, batched);
      if (stock.errors) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('keep each alias, argument and root query apart within one request', async () => {
    const query = `{
      published: articles(status: PUBLISHED, pagination: { pageSize: 100 }, ${SORT}) {
        documentId one: relatedArticles(pagination: { limit: 1 }) { documentId publishedAt }
        three: relatedArticles(pagination: { limit: 3 }) { documentId publishedAt }
        author { name publishedAt }
      }
      byViews: articles(sort: ["views:desc", "documentId:asc"], pagination: { pageSize: 50 }) {
        documentId relatedArticles(pagination: { limit: 3 }) { documentId publishedAt } author { name publishedAt }
      }
      linking: article(documentId: "${fixtures.draftLinks}") { relatedArticles { documentId publishedAt } author { name } }
    }`;
    for (const token of [undefined, readOnly]) {
      const { stock, batched } = await bothWays(query, {}, token);
      expect(stock.errors).toBeUndefined();
      expectSameAnswer(stock, batched);
      const { published, linking } = batched.data as {
        published: Array<{ one: unknown[]; three: unknown[] }>;
        linking: { relatedArticles: Array<{ publishedAt: string | null }>; author: unknown };
      };
      expect(published.some((node) => node.one.length === 1 && node.three.length > 1)).toBe(true);
      // The draft it links to is not among its related articles, nor its draft author.
      expect(linking.author).toBeNull();
      expect(linking.relatedArticles.every((row) => row.publishedAt !== null)).toBe(true);
    }
  });

  it('send no-store, as Apollo’s cache policy did', async () => {
    const response = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: pageOf('title author { name }') }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
