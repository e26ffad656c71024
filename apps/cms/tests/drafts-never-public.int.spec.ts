import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftMarkers, draftRows, plantDrafts, type DraftFixtures } from './fixtures/drafts';
import type { Cms } from './helpers/cms';
import { apiToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * An outsider's attempts at drafts: every shape the query string parser (qs) can make of `status`, on every
 * public content type, directly, by id and through populated relations, anonymously and with a read-only
 * token. Each answer is either a refusal or published rows only.
 */

/** What qs makes of these: '', whitespace, other cases, arrays, objects, repeats, encodings, NUL. */
const STATUS_SHAPES = [
  'status=',
  'status=%20',
  'status=%09',
  'status=+',
  'status=draft',
  'status=DRAFT',
  'status=Draft',
  'status=PUBLISHED',
  'status=Published',
  'status=published%20',
  'status=%20published',
  'status=published%00',
  'status=null',
  'status=undefined',
  'status=false',
  'status=0',
  'status[]=published',
  'status[]=draft',
  'status[]=',
  'status[0]=published',
  'status[1]=draft',
  'status[][]=draft',
  'status[a]=published',
  'status[status]=draft',
  'status[$eq]=published',
  'status%5B%5D=draft',
  'status=published&status=draft',
  'status=draft&status=published',
  'status=published&status=published',
  'status=published&status[]=draft',
  'status.draft=1',
  'hasPublishedVersion=false',
  'hasPublishedVersion=true',
  'publicationFilter=never-published-document',
  'publicationFilter=modified',
  'publicationFilter=has-published-version',
  'status=draft&hasPublishedVersion=false',
];

let cms: Cms;
let drafts: DraftFixtures;
let readOnly: string;

beforeAll(async () => {
  cms = await bootSeededCms();
  drafts = await plantDrafts(cms);
  readOnly = await apiToken(cms, 'read-only');
});
afterAll(async () => {
  await cms?.stop();
});

const callers = () => [
  { name: 'anonymous', token: undefined },
  { name: 'read-only token', token: readOnly },
];

/** The public paths, each with `{q}` where the status shape goes. */
const restPaths = () => [
  '/api/articles?{q}&fields[0]=title&fields[1]=publishedAt&pagination[pageSize]=100',
  `/api/articles/${drafts.draftOnly.documentId}?{q}`,
  `/api/articles/${drafts.edited.documentId}?{q}&fields[0]=title&fields[1]=publishedAt`,
  `/api/articles/${drafts.linking.documentId}?{q}&populate[relatedArticles][fields][0]=title&populate[relatedArticles][fields][1]=publishedAt&populate[author][fields][0]=name&populate[author][fields][1]=publishedAt`,
  '/api/authors?{q}&populate[articles][fields][0]=title&populate[articles][fields][1]=publishedAt&pagination[pageSize]=100',
  `/api/authors/${drafts.draftAuthor.documentId}?{q}`,
  '/api/categories?{q}&populate=*&pagination[pageSize]=100',
  `/api/categories/${drafts.draftCategory.documentId}?{q}`,
  '/api/site-setting?{q}&populate=*',
];

/** A public answer: a refusal, or published rows with no draft's text anywhere in them. */
function expectNoDraft(status: number, body: unknown, raw: string, where: string) {
  expect([200, 400, 403, 404], where).toContain(status);
  expect(draftRows(body), where).toEqual([]);
  for (const marker of draftMarkers(drafts)) expect(raw, `${where} leaks ${marker}`).not.toContain(marker);
}

describe('REST readers', () => {
  it('get published content without a status and with status=published', async () => {
    for (const caller of callers()) {
      for (const q of ['', 'status=published']) {
        const response = await rest<Array<{ publishedAt: string | null }>>(
          cms,
          'GET',
          `/api/articles?${q}&fields[0]=publishedAt&pagination[pageSize]=100`,
          caller,
        );
        expect(response.status).toBe(200);
        expect(response.body.data!.length).toBeGreaterThanOrEqual(60);
        expectNoDraft(response.status, response.body, response.raw, `${caller.name} ${q}`);
      }
    }
  });

  it('never get a draft, whatever shape of status they send', async () => {
    let refused = 0;
    for (const caller of callers()) {
      for (const path of restPaths()) {
        for (const shape of STATUS_SHAPES) {
          const url = path.replace('{q}', shape);
          const response = await rest(cms, 'GET', url, caller);
          expectNoDraft(response.status, response.body, response.raw, `${caller.name} GET ${url}`);
          if (response.status === 403) {
            refused += 1;
            expect(response.body.error?.message, url).toMatch(/published/);
          }
        }
      }
    }
    // The empty status that used to list every draft is refused, not silently answered.
    expect(refused).toBeGreaterThan(STATUS_SHAPES.length);
    const empty = await rest(cms, 'GET', '/api/articles?status=&fields[0]=title');
    expect(empty.status).toBe(403);
  });

  it('cannot reach a draft by id, even with an empty status', async () => {
    for (const caller of callers()) {
      for (const q of ['', 'status=', 'status=published']) {
        const response = await rest(cms, 'GET', `/api/articles/${drafts.draftOnly.documentId}?${q}`, caller);
        expect([403, 404]).toContain(response.status);
      }
    }
  });
});

describe('GraphQL readers', () => {
  const queries = () => [
    (args: string) =>
      `{ articles(${args} pagination: { pageSize: 100 }) { documentId title publishedAt relatedArticles { title publishedAt } author { name publishedAt } } }`,
    (args: string) => `{ articles_connection(${args} pagination: { pageSize: 100 }) { nodes { title publishedAt } pageInfo { total } } }`,
    (args: string) => `{ article(documentId: "${drafts.draftOnly.documentId}" ${args}) { title publishedAt } }`,
    (args: string) => `{ article(documentId: "${drafts.edited.documentId}" ${args}) { title publishedAt } }`,
    (args: string) =>
      `{ article(documentId: "${drafts.linking.documentId}" ${args}) { relatedArticles { title publishedAt } category { articles(pagination: { pageSize: 100 }) { title publishedAt } } } }`,
    (args: string) =>
      `{ authors(${args} pagination: { pageSize: 100 }) { name publishedAt articles(pagination: { pageSize: 100 }) { title publishedAt } } }`,
    (args: string) =>
      `{ categories(${args} pagination: { pageSize: 100 }) { name publishedAt articles(pagination: { pageSize: 100 }) { title publishedAt } children { name publishedAt } } }`,
    (args: string) => `{ siteSetting${args ? `(${args})` : ''} { portalName publishedAt menu { name publishedAt } } }`,
  ];
  const ARGS = [
    '',
    'status: PUBLISHED',
    'status: DRAFT',
    'status: null',
    'hasPublishedVersion: false',
    'hasPublishedVersion: true',
    'status: DRAFT hasPublishedVersion: false',
    ...[
      'HAS_PUBLISHED_VERSION',
      'HAS_PUBLISHED_VERSION_DOCUMENT',
      'MODIFIED',
      'NEVER_PUBLISHED',
      'NEVER_PUBLISHED_DOCUMENT',
      'PUBLISHED_WITHOUT_DRAFT',
      'PUBLISHED_WITH_DRAFT',
      'UNMODIFIED',
    ].map((filter) => `publicationFilter: ${filter}`),
    'status: "draft"',
    'status: draft',
  ];

  it('never get a draft, whatever status or publication filter they pass', async () => {
    for (const caller of callers()) {
      for (const query of queries()) {
        for (const args of ARGS) {
          const document = query(args);
          const result = await graphql(cms, document, {}, caller.token);
          expectNoDraft(result.status, result.data ?? null, result.raw, `${caller.name} ${document}`);
          if (/status: DRAFT/.test(args)) expect(result.errors?.[0]?.extensions?.code, document).toBe('FORBIDDEN');
        }
      }
    }
  });

  it('never get a draft through variables, null included', async () => {
    const document = `query($status: PublicationStatus) { articles(status: $status, pagination: { pageSize: 100 }) { title publishedAt } }`;
    for (const caller of callers()) {
      for (const status of [null, 'DRAFT', 'PUBLISHED', 'draft', '', ['DRAFT'], { status: 'DRAFT' }]) {
        const result = await graphql(cms, document, { status }, caller.token);
        expectNoDraft(result.status, result.data ?? null, result.raw, `${caller.name} status=${JSON.stringify(status)}`);
      }
      const published = await graphql<{ articles: unknown[] }>(cms, document, { status: null }, caller.token);
      expect(published.data!.articles.length).toBeGreaterThanOrEqual(60);
    }
  });

  it('see the published version of an edited article, never its draft', async () => {
    const result = await graphql<{ article: { title: string } }>(
      cms,
      `
        query ($id: ID!) {
          article(documentId: $id, status: null) {
            title
          }
        }
      `,
      {
        id: drafts.edited.documentId,
      },
    );
    expect(result.data!.article.title).toBe(drafts.edited.publishedTitle);
  });
});
