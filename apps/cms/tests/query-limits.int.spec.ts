import { gzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { graphql, rest, type GraphqlResponse } from './helpers/http';
import { clientQueries, documentedQueries, type PublishedQuery } from './helpers/published-queries';
import { bootSeededCms } from './helpers/seeded';

/**
 * Abusive queries are refused before anything runs, each with an error naming the limit and its value,
 * while every query the portal publishes (the client's, the docs' examples, introspection) still answers.
 */

let cms: Cms;
/** Reads of the document service since the CMS started: a refused query must not add any. */
let reads = 0;

beforeAll(async () => {
  // Behind a proxy, so that a request may come from an address of its own (see fromFreshAddress).
  cms = await bootSeededCms({ IS_PROXIED: 'true' });
  cms.strapi.documents.use((context, next) => {
    reads++;
    return next();
  });
});
afterAll(async () => {
  await cms?.stop();
});

type Answer = { status: number; raw: string; body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown } };

/** A raw request to a GraphQL path, for bodies and paths the graphql() helper does not send. */
async function post(
  body: string | ReadableStream<Uint8Array>,
  { path = '/graphql', type = 'application/json' }: { path?: string; type?: string } = {},
): Promise<Answer> {
  // `duplex` lets fetch send a stream (chunked, without Content-Length); Node's types do not list it yet.
  const init: Parameters<typeof fetch>[1] & { duplex: 'half' } = { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' };
  const response = await fetch(`${cms.url}${path}`, init);
  const raw = await response.text();
  return { status: response.status, raw, body: JSON.parse(raw) as Answer['body'] };
}

/**
 * A query from an address no other request used. What the rate limiter cannot estimate it charges a whole
 * budget, which runs only on a full one: such a query is sent from its own address, as nginx would tell it.
 */
async function fromFreshAddress(query: string): Promise<GraphqlResponse<unknown>> {
  const response = await fetch(`${cms.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++freshAddresses}` },
    body: JSON.stringify({ query }),
  });
  const raw = await response.text();
  const body = JSON.parse(raw) as { data?: unknown; errors?: GraphqlResponse<unknown>['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, raw };
}
let freshAddresses = 0;

async function get(query: string, path = '/graphql'): Promise<Answer> {
  const response = await fetch(`${cms.url}${path}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': '1' } });
  const raw = await response.text();
  return { status: response.status, raw, body: JSON.parse(raw) as Answer['body'] };
}

/** Asserts that `answer` refused `limit` at `allowed` with a 400 (or 413), and that nothing was read. */
function expectRefused(answer: Answer | GraphqlResponse<unknown>, limit: string, allowed: number, status = 400): void {
  const errors = 'body' in answer ? answer.body.errors : answer.errors;
  expect(answer.status, answer.raw.slice(0, 300)).toBe(status);
  expect(errors, answer.raw.slice(0, 300)).toHaveLength(1);
  expect(errors?.[0].extensions, answer.raw.slice(0, 300)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit, allowed });
  expect(errors?.[0].message).toContain(`at most ${allowed} `);
  expect(answer.raw).not.toContain('"data"');
}

/** Runs `send` and asserts that it read nothing from the content. */
async function withoutReads<T>(send: () => Promise<T>): Promise<T> {
  const before = reads;
  const answer = await send();
  expect(reads - before, 'documents read by a refused query').toBe(0);
  return answer;
}

/** `articles { relatedArticles { … { title } } }` with `levels` levels of fields in all. */
const nested = (levels: number) => `articles { ${'relatedArticles { '.repeat(levels - 2)}title${' }'.repeat(levels - 2)} }`;

describe('the queries the portal publishes', () => {
  let ids: string[];
  let slug: string;
  beforeAll(async () => {
    const articles = await cms.strapi
      .documents('api::article.article')
      .findMany({ status: 'published', fields: ['documentId', 'slug'], limit: 100 } as never);
    ids = articles.map((article) => article.documentId);
    slug = (articles[0] as unknown as { slug: string }).slug;
  });

  /** Variables for each published operation: at the largest page, as the site's full build asks. */
  const variables = (query: PublishedQuery): Record<string, unknown> => {
    const known: Record<string, Record<string, unknown>> = {
      ArticlesPage: { page: 1, pageSize: 100 },
      ArticlesByIds: { ids, pageSize: 100 },
      AuthorsPage: { page: 1, pageSize: 100 },
      CategoriesPage: { page: 1, pageSize: 100 },
      SiteSettings: {},
      MostRead: { limit: 20, days: 31 },
      Newest: {},
      Page: { page: 1 },
      BySlug: { slug },
      ArticlesMatching: { filters: { category: { slug: { eq: 'tin-tuc' } } }, sort: ['publishedAt:asc', 'documentId:asc'], page: 1, pageSize: 100 },
      SearchArticles: { filters: { searchText: { containsi: 'tinh' } }, page: 1, pageSize: 100 },
      Section: { section: 'tin-tuc' },
      AuthorYear: { author: 'minh-khoa', since: '2025-12-31T17:00:00Z', until: '2026-12-31T17:00:00Z' },
      SyncSection: { section: 'kinh-te', since: '2026-01-01T00:00:00Z', page: 1 },
    };
    // docs/api.md gives an example's variables in its `# Variables: {…}` line.
    const documented = /^# Variables: (.+)$/m.exec(query.source)?.[1];
    if (documented) return JSON.parse(documented) as Record<string, unknown>;
    const found = known[query.name] ?? (query.source.includes('$') ? undefined : {});
    // A new operation with variables needs its values here, so that it is run rather than skipped.
    if (!found) throw new Error(`No variables for ${query.name} (${query.origin}): add them to this test`);
    return found;
  };

  it('answer every query of the client (packages/cms-client/src), with data and no error', async () => {
    const queries = clientQueries();
    expect(queries.map((query) => query.name).sort()).toEqual([
      'ArticlesByIds',
      'ArticlesMatching',
      'ArticlesPage',
      'AuthorsPage',
      'CategoriesPage',
      'MostRead',
      'SearchArticles',
      'SiteSettings',
    ]);
    for (const query of queries) {
      const result = await graphql<Record<string, unknown>>(cms, query.source, variables(query));
      expect(result.errors, `${query.name}: ${result.raw.slice(0, 300)}`).toBeUndefined();
      expect(result.status, query.name).toBe(200);
      expect(
        Object.values(result.data ?? {}).every((value) => value !== null),
        query.name,
      ).toBe(true);
    }
    const page = await graphql<{ articles_connection: { nodes: unknown[] } }>(cms, queries.find((q) => q.name === 'ArticlesPage')!.source, {
      page: 1,
      pageSize: 100,
    });
    expect(page.data!.articles_connection.nodes.length).toBeGreaterThan(50);
  });

  it('answer every example of docs/api.md, with data and no error', async () => {
    const queries = documentedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(4);
    for (const query of queries) {
      const result = await graphql(cms, query.source, variables(query));
      expect(result.errors, `${query.name}: ${result.raw.slice(0, 300)}`).toBeUndefined();
      expect(result.status, query.name).toBe(200);
    }
  });

  it('answer the standard introspection query (the schema export and codegen send it), with every option', async () => {
    const all = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true };
    for (const query of [getIntrospectionQuery(), getIntrospectionQuery({ ...all, oneOf: true })]) {
      const result = await graphql<{ __schema: { types: Array<{ name: string }> } }>(cms, query);
      expect(result.status, result.raw.slice(0, 300)).toBe(200);
      expect(result.errors).toBeUndefined();
      expect(result.data!.__schema.types.map((type) => type.name)).toContain('Article');
    }
  });

  it('answer the same over GET, reading documents (which refused queries never do)', async () => {
    const before = reads;
    const answer = await get('{ articles(pagination: { pageSize: 3 }) { title } }');
    expect(answer.status, answer.raw.slice(0, 300)).toBe(200);
    expect((answer.body.data as { articles: unknown[] }).articles).toHaveLength(3);
    expect(reads).toBeGreaterThan(before);
  });
});

describe('GraphQL limits', () => {
  const field = 'articles(pagination: {pageSize: 100}) { title body relatedArticles { title } }';

  it('refuse the alias bomb (101 aliases of a 100-article list), reading nothing', async () => {
    const bomb = `query { ${Array.from({ length: 101 }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    const answer = await withoutReads(() => graphql(cms, bomb));
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    // 2,023 tokens: the cheapest check, before parsing, is the one that refuses it.
    expectRefused(answer, 'tokens', 2000);
    expect(answer.errors![0].message).toBe('Query has 2023 tokens; at most 2000 are allowed');
  });

  it('refuse 101 aliases of a short field by the alias limit, and 30 heavy aliases by cost', async () => {
    const short = await withoutReads(() => graphql(cms, `query { ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`));
    expectRefused(short, 'aliases', 30);
    expect(short.errors![0].message).toBe('Query has 101 aliases; at most 30 are allowed');

    const heavy = await withoutReads(() => graphql(cms, `query { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${field}`).join(' ')} }`));
    expectRefused(heavy, 'cost', 50000);
    expect(heavy.errors![0].message).toMatch(/^Query costs 159000 .*; at most 50000 is allowed$/);
    expect(heavy.errors![0].extensions?.found).toBe(159_000);
  });

  it('refuse a single query without aliases whose lists multiply past the cost limit', async () => {
    const pages = 'articles(pagination: {pageSize: 100}) { relatedArticles { author { articles(pagination: {pageSize: 100}) { title } } } }';
    const answer = await withoutReads(() => graphql(cms, `query { ${pages} }`));
    expectRefused(answer, 'cost', 50000);
    expect(answer.errors![0].extensions?.found).toBe(505_100);
    // The page size comes in a variable as often as not.
    const byVariable = await withoutReads(() =>
      graphql(
        cms,
        'query($n: Int) { articles(pagination: {pageSize: $n}) { relatedArticles(pagination: {limit: $n}) { title slug lead source publishedAt } } }',
        { n: 100 },
      ),
    );
    expectRefused(byVariable, 'cost', 50000);
    const small = await graphql(
      cms,
      'query($n: Int) { articles(pagination: {pageSize: $n}) { relatedArticles(pagination: {limit: $n}) { title slug lead source publishedAt } } }',
      {
        n: 10,
      },
    );
    expect(small.status).toBe(200);
    // The largest shape that fits: a page of 100 with a list of 100 inside, a few fields each (37,800).
    const largest = await graphql(
      cms,
      '{ categories(pagination: { pageSize: 100 }) { name publishedAt articles(pagination: { pageSize: 100 }) { title publishedAt } children { name publishedAt } } }',
    );
    expect(largest.status, largest.raw.slice(0, 300)).toBe(200);
    expect(largest.errors).toBeUndefined();
  });

  it('refuse depth over 10 levels, and answer 10', async () => {
    expectRefused(await withoutReads(() => graphql(cms, `{ ${nested(11)} }`)), 'depth', 10);
    const twenty = await withoutReads(() => graphql(cms, `{ ${nested(20)} }`));
    expectRefused(twenty, 'depth', 10);
    expect(twenty.errors![0].message).toBe('Query is 20 levels deep; at most 10 are allowed');
    // One item a level, so that cost stays low: 10 levels are allowed.
    const ten = `{ articles(pagination: {pageSize: 1}) { ${'relatedArticles(pagination: {limit: 1}) { '.repeat(8)}title${' }'.repeat(8)} } }`;
    const answer = await graphql(cms, ten);
    expect(answer.status, answer.raw.slice(0, 300)).toBe(200);
    expect(answer.errors).toBeUndefined();
  });

  // The 2025 advisories of graphql-armor (GHSA-hmfr-rx46-4jx2, GHSA-733v-p3h5-qpq7, GHSA-224p-v68g-5g8f):
  // naming an operation or fragment __schema skipped depth and cost; a fragment counted at its first depth.
  it('refuse deep or costly queries named __schema, aliased __schema, or in a fragment named __schema', async () => {
    const deep = nested(12);
    for (const query of [
      `query __schema { ${deep} }`,
      `{ __schema: ${deep} }`,
      `{ ...__schema } fragment __schema on Query { ${deep} }`,
      `{ articles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { ...__schema } } } } } } } fragment __schema on Article { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { title } } } } } }`,
      `{ a: articles { ...T } b: articles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { ...T } } } } } } } } } fragment T on Article { relatedArticles { relatedArticles { title } } }`,
    ]) {
      expectRefused(await withoutReads(() => graphql(cms, query)), 'depth', 10);
    }
    const costly = 'articles(pagination: {pageSize: 100}) { relatedArticles(pagination: {limit: 100}) { title slug lead source publishedAt } }';
    for (const query of [`query __schema { ${costly} }`, `{ __schema: ${costly} }`, `{ ...__schema } fragment __schema on Query { ${costly} }`]) {
      expectRefused(await withoutReads(() => graphql(cms, query)), 'cost', 50000);
    }
  });

  it('refuse introspection that nests lists past the standard query (types → fields → args)', async () => {
    for (const query of [
      '{ __schema { types { fields { args { type { fields { name } } } } } } }',
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      '{ __type(name: "Article") { fields { type { fields { args { type { enumValues { name } } } } } } } }',
      '{ __schema { ...S } } fragment S on __Schema { types { ...T } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { args { name } } }',
    ]) {
      const answer = await graphql(cms, query);
      expectRefused(answer, 'introspectionLists', 3);
    }
  });

  it('refuse more than 20 directives', async () => {
    const fields = Array.from({ length: 21 }, (_, i) => `f${i}: title @include(if: true)`).join(' ');
    expectRefused(await withoutReads(() => graphql(cms, `{ articles(pagination: {pageSize: 1}) { ${fields} } }`)), 'directives', 20);
  });

  it('refuse more than 2000 tokens and more than 2000 fields once fragments are expanded', async () => {
    expectRefused(await withoutReads(() => graphql(cms, `{ ${'a '.repeat(2001)}}`)), 'tokens', 2000);
    // Each fragment spreads the next twice: 2^26 fields from 1 KB (this held the server for 30 s before).
    let fanOut = 'query { ...F0 } ';
    for (let i = 0; i < 26; i++) fanOut += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} } `;
    fanOut += 'fragment F26 on Query { __typename }';
    const answer = await withoutReads(() => fromFreshAddress(fanOut));
    expectRefused(answer, 'fields', 2000);
    expect(answer.errors![0].extensions?.found).toBe(2 ** 26);
  });

  it('refuse a document over 16 KB, and a body over 64 KB unread (413)', async () => {
    const long = await withoutReads(() => graphql(cms, `# ${'x'.repeat(16 * 1024)}\n{ __typename }`));
    expectRefused(long, 'documentBytes', 16384);

    const variables = { ids: Array.from({ length: 3000 }, (_, i) => `document-${i}-xxxxxxxxxxxxxx`) };
    const big = await withoutReads(() => graphql(cms, 'query($ids: [ID]) { articles(filters: { documentId: { in: $ids } }) { title } }', variables));
    expectRefused(big, 'bodyBytes', 65536, 413);
    expect(big.errors![0].message).toMatch(/^Request body has \d+ bytes; at most 65536 are allowed$/);

    // Without a Content-Length (a streamed, chunked body) it is cut off once it passes the limit.
    const chunks = [JSON.stringify({ query: '{ __typename }', variables }).slice(0, 40_000), ' '.repeat(40_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const streamed = await post(stream);
    expectRefused(streamed, 'bodyBytes', 65536, 413);

    // A compressed body is measured as it inflates: 1 MB of JSON that gzips to about 1 KB.
    const inflating = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024)}` })),
    });
    const raw = await inflating.text();
    expectRefused({ status: inflating.status, raw, body: JSON.parse(raw) as Answer['body'] }, 'bodyBytes', 65536, 413);
  });

  it('apply on every spelling of the endpoint the router accepts', async () => {
    const cycle = JSON.stringify({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' });
    const bomb = JSON.stringify({ query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }` });
    for (const path of ['/graphql', '/GRAPHQL', '/graphql/', '/GraphQL/', '/graphql?x=1']) {
      const refused = await post(cycle, { path });
      expect(refused.status, `${path}: ${refused.raw.slice(0, 200)}`).toBe(400);
      expect(refused.body.errors?.[0].message).toBe('Cannot spread fragment "A" within itself via "B".');
      expectRefused(await post(bomb, { path }), 'aliases', 30);
    }
    expectRefused(await get(`{ ${nested(12)} }`, '/GraphQL'), 'depth', 10);
  });
});

describe('documents that are not valid', () => {
  it('are a 400 with a validation error, never a 500: fragment cycles', async () => {
    const cycles: Array<[string, string]> = [
      ['query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'Cannot spread fragment "A" within itself via "B".'],
      ['{ ...A } fragment A on Query { ...A }', 'Cannot spread fragment "A" within itself.'],
      [
        '{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }',
        'Cannot spread fragment "A" within itself via "B", "C".',
      ],
      ['{ articles { ...A } } fragment A on Article { title relatedArticles { ...A } }', 'Cannot spread fragment "A" within itself.'],
      ['{ articles { ...A } } fragment A on Article { ... on Article { ...A } }', 'Cannot spread fragment "A" within itself.'],
    ];
    for (const [query, message] of cycles) {
      for (const answer of [await withoutReads(() => graphql(cms, query)), await withoutReads(() => get(query))]) {
        const errors = 'body' in answer ? answer.body.errors : answer.errors;
        expect(answer.status, `${query}: ${answer.raw.slice(0, 200)}`).toBe(400);
        expect(errors?.[0].message).toBe(message);
        expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    }
  });

  it('are a 400: unknown fields, arguments, fragments and syntax errors', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['{ articles { nope } }', 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope" on type "Article"/],
      ['{ articles(nope: 1) { title } }', 'GRAPHQL_VALIDATION_FAILED', /Unknown argument "nope"/],
      // Strapi's depth rule threw on these (a 500) before the guard refused them.
      ['{ ...Missing }', 'GRAPHQL_VALIDATION_FAILED', /^Unknown fragment "Missing"\.$/],
      ['{ articles { ...constructor } }', 'GRAPHQL_VALIDATION_FAILED', /^Unknown fragment "constructor"\.$/],
      ['{ articles { ', 'GRAPHQL_PARSE_FAILED', /^Syntax Error: Expected Name, found <EOF>\.$/],
      ['{ articles { title "unterminated } }', 'GRAPHQL_PARSE_FAILED', /^Syntax Error: Unterminated string\.$/],
      ['', 'BAD_REQUEST', /non-empty `query`/],
    ];
    for (const [query, code, message] of cases) {
      const answer = await withoutReads(() => graphql(cms, query));
      expect(answer.status, `${query}: ${answer.raw.slice(0, 200)}`).toBe(400);
      expect(answer.errors?.[0].extensions?.code, query).toBe(code);
      expect(answer.errors?.[0].message, query).toMatch(message);
    }
  });

  it('are a 400 with a message: bodies that are not JSON, and query or variables of the wrong type', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"query": ', /^Request body is not valid JSON: /],
      ['not json', /^Request body is not valid JSON: /],
      ['null', /^Request body is not valid JSON: invalid JSON, only supports object and array$/],
      ['"{ articles { title } }"', /^Request body is not valid JSON: /],
      ['42', /^Request body is not valid JSON: /],
      ['{"query": ["{ articles { title } }"]}', /^GraphQL queries must be strings\.$/],
      ['{"query": 42}', /^GraphQL queries must be strings\.$/],
      ['{"query": {"kind": "Document"}}', /^GraphQL queries must be strings\. /],
      ['{"query": null}', /non-empty `query`/],
      ['{"query": "{ __typename }", "variables": "{}"}', /`variables` in a POST body should be provided as an object/],
      ['{"query": "{ __typename }", "variables": [1]}', /`variables` in a POST body must be an object if provided/],
      ['{"query": "{ __typename }", "variables": 5}', /`variables` in a POST body must be an object if provided/],
      ['{"query": "{ __typename }", "operationName": 5}', /`operationName` in a POST body must be a string if provided/],
      ['[{"query": "{ __typename }"}]', /^Operation batching disabled\.$/],
      ['{}', /POST body missing/],
    ];
    for (const [body, message] of cases) {
      const answer = await withoutReads(() => post(body));
      expect(answer.status, `${body}: ${answer.raw.slice(0, 200)}`).toBe(400);
      expect(answer.body.errors?.[0].message, body).toMatch(message);
      expect(['BAD_REQUEST', 'BAD_USER_INPUT']).toContain(answer.body.errors?.[0].extensions?.code);
    }
    const wrongType = await withoutReads(() => graphql(cms, 'query($n: Int!) { articles(pagination: { pageSize: $n }) { title } }', { n: 'abc' }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0].message).toMatch(/Variable "\$n" got invalid value "abc"/);
  });

  it('sent as something other than JSON are refused without being read as a document', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await withoutReads(() => post('query={ articles { title } }', { type }));
      expect(answer.status, `${type}: ${answer.raw.slice(0, 200)}`).toBe(400);
      expect(answer.raw).not.toContain('"data"');
    }
  });
});

describe('REST limits', () => {
  it('refuse pagination out of range, naming the parameter and the range', async () => {
    const cases: Array<[string, string, string]> = [
      ['pagination[pageSize]=101', 'pagination[pageSize]', 'from 1 to 100'],
      ['pagination[pageSize]=1000000', 'pagination[pageSize]', 'from 1 to 100'],
      ['pagination[pageSize]=-1', 'pagination[pageSize]', 'got "-1"'],
      ['pagination[pageSize]=0', 'pagination[pageSize]', 'got "0"'],
      ['pagination[pageSize]=abc', 'pagination[pageSize]', 'got "abc"'],
      ['pagination[pageSize][]=5', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize][0]=5&pagination[pageSize][1]=7', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize]=5&pagination[pageSize]=7', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[limit]=101', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[limit]=-1', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[limit]=abc', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[page]=1e300', 'pagination[page]', 'from 1 to 1000000'],
      ['pagination[start]=-5', 'pagination[start]', 'from 0 to 100000000'],
      ['pagination=5', 'pagination', 'expected pagination[page]'],
      ['pagination[foo]=1', 'pagination[foo]', 'expected one of'],
    ];
    for (const [query, parameter, detail] of cases) {
      for (const path of ['/api/articles', '/api/authors', '/API/categories']) {
        const response = await withoutReads(() => rest(cms, 'GET', `${path}?${query}`));
        expect(response.status, `${path}?${query} → ${response.raw.slice(0, 200)}`).toBe(400);
        expect(response.body.error?.name).toBe('ValidationError');
        expect(response.body.error?.message).toContain(`Invalid ${parameter}: `);
        expect(response.body.error?.message).toContain(detail);
      }
    }
  });

  it('answer pagination in range, up to 100 a page', async () => {
    for (const [query, count] of [
      ['pagination[pageSize]=100', 64],
      ['pagination[limit]=100', 64],
      ['pagination[page]=2&pagination[pageSize]=10', 10],
      ['pagination[start]=10&pagination[limit]=5', 5],
      ['pagination[pageSize]=10&pagination[withCount]=false', 10],
    ] as const) {
      const response = await rest<unknown[]>(cms, 'GET', `/api/articles?${query}&fields[0]=title`);
      expect(response.status, `${query} → ${response.raw.slice(0, 200)}`).toBe(200);
      expect(response.body.data!.length, query).toBeGreaterThanOrEqual(Math.min(count, 10));
    }
    const all = await rest<unknown[]>(cms, 'GET', '/api/articles?pagination[pageSize]=100&fields[0]=title');
    expect(all.body.data!.length).toBe(await cms.strapi.documents('api::article.article').count({ status: 'published' } as never));
  });

  it('refuse populate deeper than 3 levels, in every form, and answer 3', async () => {
    const deep = (levels: number) => `populate${'[relatedArticles][populate]'.repeat(levels - 1)}[relatedArticles]=true`;
    for (const query of [
      deep(4),
      deep(12),
      'populate=author.articles.author.articles',
      'populate[0]=author.articles.author.articles',
      'populate[author][populate][articles][populate][author][populate]=*',
      'populate[relatedArticles][populate][0]=author.articles.relatedArticles',
      'populate=*&populate[author][populate][articles][populate][author][populate][articles]=true',
    ]) {
      const response = await withoutReads(() => rest(cms, 'GET', `/api/articles?${query}`));
      expect(response.status, `${query} → ${response.raw.slice(0, 200)}`).toBe(400);
      expect(response.body.error?.message).toMatch(/^populate reaches \d+ levels of relations; at most 3 are allowed$/);
    }
    for (const query of [
      deep(3),
      'populate=*',
      'populate[author][populate][articles][populate]=*',
      'populate=category.parent,seo.shareImage',
      'populate[relatedArticles][fields][0]=title',
    ]) {
      const response = await rest(cms, 'GET', `/api/articles?${query}&pagination[pageSize]=2`);
      expect(response.status, `${query} → ${response.raw.slice(0, 200)}`).toBe(200);
    }
    const settings = await rest(cms, 'GET', '/api/site-setting?populate=*');
    expect(settings.status).toBe(200);
  });
});
