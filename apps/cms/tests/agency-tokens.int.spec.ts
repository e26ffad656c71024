import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantDrafts, type DraftFixtures } from './fixtures/drafts';
import type { Cms } from './helpers/cms';
import { graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * An agency's API token through its whole life, made and revoked as docs/api.md tells administrators to:
 * in the dashboard (Settings → API Tokens), whose own HTTP API is used here.
 */

const ADMIN = { email: 'quantri@binhan.gov.vn', password: 'QuanTri2026!' };
const ARTICLE = 'api::article.article';
const DAY = 24 * 60 * 60 * 1000;

type CreatedToken = { id: number; accessKey: string; expiresAt: string | null; type: string };

let cms: Cms;
let adminJwt: string;
let drafts: DraftFixtures;

beforeAll(async () => {
  cms = await bootSeededCms({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  drafts = await plantDrafts(cms);
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  adminJwt = ((await login.json()) as { data: { token: string } }).data.token;
});

afterAll(async () => {
  await cms?.stop();
});

/** Dashboard → Settings → API Tokens → Create new API Token. */
async function createToken(body: { name: string; type: 'read-only'; lifespan: number | null; description?: string }): Promise<CreatedToken> {
  const response = await fetch(`${cms.url}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminJwt}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { data: CreatedToken }).data;
}

/** The dashboard's delete button on a token: the only way to revoke one. */
async function deleteToken(id: number): Promise<void> {
  const response = await fetch(`${cms.url}/admin/api-tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminJwt}` } });
  expect(response.status).toBe(200);
}

const READ = '{ articles(pagination: { pageSize: 3 }) { documentId title } }';

describe('a read-only token', () => {
  let token: CreatedToken;

  beforeAll(async () => {
    token = await createToken({ name: 'So Tu phap - dong bo tin', description: 'Sở Tư pháp: đồng bộ tin bài', type: 'read-only', lifespan: null });
  });

  it('is read-only, with no expiry unless one is chosen', () => {
    expect(token.type).toBe('read-only');
    expect(token.expiresAt).toBeNull();
    expect(token.accessKey.length).toBeGreaterThan(32);
  });

  it('reads published content over REST and GraphQL', async () => {
    const response = await rest<Array<{ title: string }>>(cms, 'GET', '/api/articles?pagination[pageSize]=3', { token: token.accessKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(3);
    const result = await graphql<{ articles: Array<{ title: string }> }>(cms, READ, {}, token.accessKey);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data!.articles).toHaveLength(3);
  });

  it('cannot write: 403 on REST and on GraphQL mutations, and nothing is written', async () => {
    const before = await cms.strapi.db.query(ARTICLE).count();
    const [first] = (await rest<Array<{ documentId: string }>>(cms, 'GET', '/api/articles?pagination[pageSize]=1')).body.data!;
    const attempts = [
      await rest(cms, 'POST', '/api/articles', { token: token.accessKey, body: { data: { title: 'Tin giả mạo', lead: 'Không được đăng.' } } }),
      await rest(cms, 'PUT', `/api/articles/${first.documentId}`, { token: token.accessKey, body: { data: { title: 'Sửa trái phép' } } }),
      await rest(cms, 'DELETE', `/api/articles/${first.documentId}`, { token: token.accessKey }),
    ];
    for (const response of attempts) expect(response.status, response.raw).toBe(403);
    for (const mutation of [
      'mutation { createArticle(data: { title: "Tin giả mạo", lead: "Không được đăng." }) { documentId } }',
      `mutation { updateArticle(documentId: "${first.documentId}", data: { title: "Sửa trái phép" }) { documentId } }`,
      `mutation { deleteArticle(documentId: "${first.documentId}") { documentId } }`,
    ]) {
      const result = await graphql(cms, mutation, {}, token.accessKey);
      expect(result.status, mutation).toBe(403);
      expect(result.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
    }
    expect(await cms.strapi.db.query(ARTICLE).count()).toBe(before);
    expect(await cms.strapi.db.query(ARTICLE).count({ where: { title: { $in: ['Tin giả mạo', 'Sửa trái phép'] } } })).toBe(0);
  });

  it('cannot read drafts', async () => {
    const status = await rest(cms, 'GET', '/api/articles?status=draft', { token: token.accessKey });
    expect(status.status).toBe(403);
    const byId = await rest(cms, 'GET', `/api/articles/${drafts.draftOnly.documentId}`, { token: token.accessKey });
    expect(byId.status).toBe(404);
    const result = await graphql(cms, '{ articles(status: DRAFT) { title } }', {}, token.accessKey);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const edited = await graphql<{ article: { title: string } | null }>(
      cms,
      'query($id: ID!) { article(documentId: $id) { title } }',
      { id: drafts.edited.documentId },
      token.accessKey,
    );
    expect(edited.data?.article?.title).toBe(drafts.edited.publishedTitle);
    for (const answer of [status.raw, byId.raw, result.raw, edited.raw]) {
      expect(answer).not.toContain(drafts.draftOnly.title);
      expect(answer).not.toContain(drafts.edited.draftTitle);
    }
  });
});

describe('a token that is no longer valid', () => {
  it('is refused with 401 once revoked (deleted)', async () => {
    const token = await createToken({ name: 'Revoked agency', type: 'read-only', lifespan: null });
    expect((await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1', { token: token.accessKey })).status).toBe(200);
    await deleteToken(token.id);
    expect((await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1', { token: token.accessKey })).status).toBe(401);
    expect((await graphql(cms, READ, {}, token.accessKey)).status).toBe(401);
  });

  it('is refused with 401 once expired', async () => {
    const token = await createToken({ name: 'Expiring agency', type: 'read-only', lifespan: 7 * DAY });
    expect(Date.parse(token.expiresAt!)).toBeGreaterThan(Date.now() + 6 * DAY);
    expect((await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1', { token: token.accessKey })).status).toBe(200);
    // Seven days later, as far as the CMS can tell.
    await cms.strapi.db.query('admin::api-token').update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const response = await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1', { token: token.accessKey });
    expect(response.status).toBe(401);
    expect(response.raw).not.toContain('"title"');
    expect((await graphql(cms, READ, {}, token.accessKey)).status).toBe(401);
  });

  it('and a token that never existed is refused the same way, while no token at all still reads', async () => {
    expect((await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1', { token: 'x'.repeat(256) })).status).toBe(401);
    expect((await rest(cms, 'GET', '/api/articles?pagination[pageSize]=1')).status).toBe(200);
  });
});
