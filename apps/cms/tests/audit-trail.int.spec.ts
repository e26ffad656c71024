import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TABLE } from '../src/audit/trail';
import type { Cms } from './helpers/cms';
import { dashboard } from './helpers/dashboard';
import { adminLogin, apiToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * The audit trail (src/audit): each step of an article, author, category and the site settings recorded with
 * who took it, readable by signed-in editors on the admin API only, never through /api or /graphql, and kept
 * after the document is deleted.
 */

const ARTICLE = 'api::article.article';
const ADMIN = { email: 'nhatky@binhan.gov.vn', password: 'NhatKy2026!', firstname: 'Minh', lastname: 'Trần' };
const EDITOR = `${ADMIN.firstname} ${ADMIN.lastname} <${ADMIN.email}>`;

let cms: Cms;
let cm: ReturnType<typeof dashboard>;
let jwt: string;
const tokenName = `Cổng tỉnh ${randomBytes(3).toString('hex')}`;
let token: string;
let readOnly: string;

beforeAll(async () => {
  cms = await bootSeededCms({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_FIRSTNAME: ADMIN.firstname,
    ADMIN_LASTNAME: ADMIN.lastname,
  });
  jwt = await adminLogin(cms.url, ADMIN);
  cm = dashboard(cms.url, jwt);
  const tokens = cms.strapi.service('admin::api-token') as { create(token: Record<string, unknown>): Promise<{ accessKey: string }> };
  token = (await tokens.create({ name: tokenName, type: 'full-access', lifespan: null })).accessKey;
  readOnly = await apiToken(cms, 'read-only');
});

afterAll(async () => {
  await cms?.stop();
});

const steps = async (documentId: string) =>
  ((await cm.audit(`documentId=${documentId}`)).body.data ?? []).map((entry) => [entry.action, entry.actor, entry.label, entry.detail]).reverse();

describe('the audit trail', () => {
  it('records each step of an article from the dashboard with the editor, and keeps them after it is deleted', async () => {
    const title = `Nhật ký ${randomBytes(3).toString('hex')}`;
    const created = await cm.create(ARTICLE, { title, lead: 'Tóm tắt' });
    expect(created.status).toBe(201);
    const documentId = created.body.data!.documentId;
    expect((await cm.update(ARTICLE, documentId, { title: `${title} (sửa)`, lead: 'Tóm tắt' })).status).toBe(200);
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect((await cm.update(ARTICLE, documentId, { scheduledPublishAt: at })).status).toBe(200);
    expect((await cm.publish(ARTICLE, documentId)).status).toBe(200);
    expect((await cm.unpublish(ARTICLE, documentId)).status).toBe(200);
    expect((await cm.remove(ARTICLE, documentId)).status).toBe(200);

    const recorded = await steps(documentId);
    expect(recorded.map(([action, actor]) => `${action} ${actor}`)).toEqual([
      `created ${EDITOR}`,
      `edited ${EDITOR}`,
      `scheduled ${EDITOR}`,
      `published ${EDITOR}`,
      `unpublished ${EDITOR}`,
      `deleted ${EDITOR}`,
    ]);
    expect(recorded[0][2]).toBe(title);
    expect(recorded[1][3]).toBe('title');
    expect(recorded[2][3]).toMatch(/^Xuất bản lúc .+ \(giờ Việt Nam\)$/);
    expect(recorded[5][2]).toBe(`${title} (sửa)`);
    // Nothing of the article is left but its trail.
    expect(await cms.strapi.db.query(ARTICLE).count({ where: { documentId } })).toBe(0);
  });

  it('names the API token of a write through the content API', async () => {
    const created = await rest<{ documentId: string }>(cms, 'POST', '/api/articles', {
      token,
      body: { data: { title: `Từ API ${randomBytes(3).toString('hex')}`, lead: 'Tóm tắt' } },
    });
    expect(created.status).toBe(201);
    const recorded = await steps(created.body.data!.documentId);
    // REST creates published: one write, two steps.
    expect(recorded.map(([action, actor]) => `${action} ${actor}`)).toEqual([`created API token ${tokenName}`, `published API token ${tokenName}`]);
  });

  it('covers authors, categories and the site settings', async () => {
    const author = await cm.create('api::author.author', { name: `Tác giả ${randomBytes(3).toString('hex')}` });
    expect(author.status).toBe(201);
    const category = await cm.create('api::category.category', { name: `Chuyên mục ${randomBytes(3).toString('hex')}` });
    expect(category.status).toBe(201);
    const saved = await cm.single('api::site-setting.site-setting', { loginLinkText: `Đăng nhập ${randomBytes(2).toString('hex')}` });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await steps(author.body.data!.documentId)).map(([action, actor]) => `${action} ${actor}`)).toEqual([`created ${EDITOR}`]);
    expect((await steps(category.body.data!.documentId)).map(([action]) => action)).toEqual(['created']);
    const site = await cm.audit('contentType=api::site-setting.site-setting');
    expect(site.body.data![0]).toMatchObject({ action: 'edited', actor: EDITOR, label: 'Cài đặt trang' });
  });

  it('is read on the admin API by signed-in editors only, with a clear error for a bad query', async () => {
    for (const authorization of [undefined, `Bearer ${token}`, `Bearer ${readOnly}`, 'Bearer not-a-token']) {
      const response = await fetch(`${cms.url}/portal-audit/entries`, { headers: authorization ? { authorization } : {} });
      expect(response.status, String(authorization)).toBe(401);
    }
    const bad = await cm.audit('pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/pageSize must be a whole number from 1 to 100/);
    expect((await cm.audit('contentType=admin::user')).status).toBe(400);
    const written = await fetch(`${cms.url}/portal-audit/entries`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
    expect(written.status).toBe(405);
  });

  it('is in no public API: REST and GraphQL, anonymous or with tokens', async () => {
    for (const credential of [undefined, token, readOnly]) {
      for (const path of ['/api/portal-audit-trails', '/api/portal-audit/entries', '/api/audit-trail', `/api/${AUDIT_TABLE}`]) {
        const answer = await rest(cms, 'GET', path, { token: credential });
        expect([403, 404], `${path} ${String(credential)}`).toContain(answer.status);
        expect(answer.raw).not.toMatch(/scheduler|created|nhatky/);
      }
      const introspection = await graphql<{ __schema: { types: Array<{ name: string }> } }>(cms, '{ __schema { types { name } } }', {}, credential);
      const names = (introspection.data?.__schema.types ?? []).map((type) => type.name.toLowerCase());
      expect(names.length).toBeGreaterThan(10);
      expect(names.filter((name) => name.includes('audit'))).toEqual([]);
      const query = await graphql(cms, '{ portalAuditTrails { action } }', {}, credential);
      expect(query.status).toBe(400);
      expect(query.data).toBeUndefined();
    }
  });
});
