import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { listSize, queryCost, queryLimitRules } from '../src/lib/graphql-query-limits';
import { APP_DIR } from './helpers/database';
import { clientQueries, documentedQueries } from './helpers/published-queries';

/** The public schema as the client package commits it (`pnpm --filter @portal/cms-client generate`). */
const schema = buildSchema(readFileSync(path.join(APP_DIR, '..', '..', 'packages', 'cms-client', 'schema.graphql'), 'utf8'));
const SIZES = { defaultLimit: 25, maxLimit: 100 };
const LIMITS = { maxAliases: 30, maxDepth: 10, maxDirectives: 20 };
const MAX_COST = 50_000;

const cost = (source: string, variables: Record<string, unknown> = {}) => queryCost(schema, parse(source), SIZES, variables);
const limitErrors = (source: string): readonly GraphQLError[] => validate(schema, parse(source), queryLimitRules(LIMITS));

/** `articles { relatedArticles { relatedArticles … { title } } }` with `levels` levels of fields in all. */
const nested = (levels: number) => `articles { ${'relatedArticles { '.repeat(levels - 2)}title${' }'.repeat(levels - 2)} }`;

describe('listSize', () => {
  it('reads pageSize, then limit, else the default page, never past the maximum', () => {
    expect(listSize({}, SIZES)).toBe(25);
    expect(listSize({ pagination: {} }, SIZES)).toBe(25);
    expect(listSize({ pagination: { pageSize: 10 } }, SIZES)).toBe(10);
    expect(listSize({ pagination: { limit: 20 } }, SIZES)).toBe(20);
    expect(listSize({ pagination: { page: 3 } }, SIZES)).toBe(25);
    expect(listSize({ pagination: { pageSize: 1000 } }, SIZES)).toBe(100);
  });

  it('counts what Strapi reads as "everything" (limit -1), and anything below 1, as the maximum', () => {
    expect(listSize({ pagination: { limit: -1 } }, SIZES)).toBe(100);
    expect(listSize({ pagination: { pageSize: 0 } }, SIZES)).toBe(100);
    expect(listSize({ pagination: { pageSize: 5, limit: 50 } }, SIZES)).toBe(50);
  });
});

describe('queryCost', () => {
  it('counts each field once and a list field’s selections once per item', () => {
    expect(cost('{ articles(pagination: { pageSize: 10 }) { title slug } }')).toBe(10 * 3);
    expect(cost('{ articles { title } }')).toBe(25 * 2);
    expect(cost('{ articles(pagination: { pageSize: 10 }) { author { name } relatedArticles(pagination: { limit: 5 }) { title } } }')).toBe(
      10 * (1 + 2 + 5 * 2),
    );
  });

  it('takes page sizes from variables, as the client sends them', () => {
    const page = 'query($size: Int!) { articles(pagination: { pageSize: $size }) { title } }';
    expect(cost(page, { size: 100 })).toBe(200);
    expect(cost(page, { size: 5 })).toBe(10);
  });

  it('counts a connection’s nodes once, by the connection’s page', () => {
    expect(cost('{ articles_connection(pagination: { pageSize: 100 }) { nodes { title } pageInfo { total } } }')).toBe(100 * (1 + 2 + 2));
  });

  it('costs the client’s and the docs’ queries under the limit at the largest page', () => {
    const variables = {
      page: 1,
      pageSize: 100,
      ids: ['x'],
      slug: 'x',
      sort: ['publishedAt:desc'],
      filters: {},
      section: 'x',
      author: 'x',
      since: '2026-01-01T00:00:00Z',
      until: '2026-12-31T00:00:00Z',
      limit: 20,
      days: 31,
    };
    const costs = Object.fromEntries([...clientQueries(), ...documentedQueries()].map((query) => [query.name, cost(query.source, variables)]));
    expect(costs).toMatchObject({ ArticlesPage: 14_200, ArticlesByIds: 13_600, AuthorsPage: 1700, CategoriesPage: 1500, SiteSettings: 415 });
    for (const [name, value] of Object.entries(costs)) expect(value, name).toBeLessThanOrEqual(MAX_COST);
  });

  it('lets a page of 100 with a list of 100 inside through, with a few fields each', () => {
    expect(cost('{ categories(pagination: { pageSize: 100 }) { name articles(pagination: { pageSize: 100 }) { title publishedAt } } }')).toBe(30_200);
    const everything =
      '{ categories(pagination: { pageSize: 100 }) { name publishedAt articles(pagination: { pageSize: 100 }) { title publishedAt } children { name publishedAt } } }';
    expect(cost(everything)).toBe(37_800);
    expect(cost(everything)).toBeLessThanOrEqual(MAX_COST);
  });

  it('puts the alias bomb and pages of pages far over the limit', () => {
    const list = 'articles(pagination: {pageSize: 100}) { title body relatedArticles { title } }';
    expect(cost(`{ ${list} }`)).toBe(5300);
    expect(cost(`{ ${Array.from({ length: 101 }, (_, i) => `a${i}: ${list}`).join(' ')} }`)).toBe(101 * 5300);
    expect(cost('{ articles(pagination: {pageSize: 100}) { relatedArticles { author { articles(pagination: {pageSize: 100}) { title } } } } }')).toBe(
      505_100,
    );
  });

  it('costs introspection as 1, by the schema’s field and not by an alias or a name', () => {
    expect(cost(getIntrospectionQuery())).toBe(1);
    const heavy = 'articles(pagination: {pageSize: 100}) { relatedArticles(pagination: {limit: 100}) { title slug lead source publishedAt } }';
    expect(cost(`{ __schema: ${heavy} }`)).toBe(cost(`{ ${heavy} }`));
    expect(cost(`query __schema { ${heavy} }`)).toBe(cost(`{ ${heavy} }`));
    expect(cost(`{ ...__schema } fragment __schema on Query { ${heavy} }`)).toBe(cost(`{ ${heavy} }`));
    expect(cost(`{ ${heavy} }`)).toBeGreaterThan(MAX_COST);
  });

  it('skips what @include/@skip leave out, as execution does', () => {
    const query = 'query($all: Boolean!) { articles(pagination: { pageSize: 100 }) { title relatedArticles @include(if: $all) { title } } }';
    expect(cost(query, { all: false })).toBe(200);
    expect(cost(query, { all: true })).toBe(100 * (2 + 25 * 2));
  });
});

describe('queryLimitRules', () => {
  it('lets the client’s and the docs’ queries and the introspection query through', () => {
    for (const query of [...clientQueries(), ...documentedQueries()]) {
      expect(validate(schema, parse(query.source), [...specifiedRules, ...queryLimitRules(LIMITS)]), query.name).toEqual([]);
    }
    expect(limitErrors(getIntrospectionQuery())).toEqual([]);
  });

  it('refuses aliases, depth and directives over the limit, naming the limit and the count', () => {
    const aliases = limitErrors(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(aliases.map((error) => error.message)).toEqual(['Query has 31 aliases; at most 30 are allowed']);
    expect(aliases[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', allowed: 30, found: 31 });
    expect(limitErrors(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __typename`).join(' ')} }`)).toEqual([]);

    expect(limitErrors(`{ ${nested(10)} }`)).toEqual([]);
    expect(limitErrors(`{ ${nested(11)} }`).map((error) => error.message)).toEqual(['Query is 11 levels deep; at most 10 are allowed']);

    const directives = limitErrors(`{ articles { ${Array.from({ length: 21 }, (_, i) => `f${i}: title @include(if: true)`).join(' ')} } }`);
    expect(directives.map((error) => error.message)).toContain('Query has 21 directives; at most 20 are allowed');
  });

  it('counts depth through fragments, without counting the fragments themselves', () => {
    expect(limitErrors(`{ ...A } fragment A on Query { ${nested(10)} }`)).toEqual([]);
    expect(limitErrors(`{ articles { ...R } } fragment R on Article { ${nested(10).replace(/^articles/, 'relatedArticles')} }`)).toHaveLength(1);
  });

  // GHSA-hmfr-rx46-4jx2 (max-depth) and GHSA-733v-p3h5-qpq7 (cost-limit): naming an operation or a fragment
  // `__schema` skipped the count; GHSA-224p-v68g-5g8f: a fragment counted at the depth of its first use.
  it('does not skip a query named __schema, a fragment named __schema, or an alias __schema (2025 advisories)', () => {
    const deep = nested(12);
    const shapes = [
      `query __schema { ${deep} }`,
      `{ __schema: ${deep} }`,
      `{ ...__schema } fragment __schema on Query { ${deep} }`,
      `{ articles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { ...__schema } } } } } } fragment __schema on Article { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { title } } } } } } }`,
    ];
    for (const shape of shapes)
      expect(
        limitErrors(shape).map((error) => error.extensions.limit),
        shape,
      ).toEqual(['depth']);
  });

  it('counts a fragment at every depth it is used, not only its first (GHSA-224p-v68g-5g8f)', () => {
    const query = `{ a: articles { ...T } b: articles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { ...T } } } } } } } } }
      fragment T on Article { relatedArticles { relatedArticles { title } } }`;
    expect(limitErrors(query).map((error) => error.message)).toEqual(['Query is 11 levels deep; at most 10 are allowed']);
  });
});
