import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORBIDDEN_MESSAGES } from '../src/lib/dashboard-refusals';
import { MESSAGES, REFUSALS } from '../src/lib/review';
import type { Cms } from './helpers/cms';
import { adminApi, inviteEditor } from './helpers/dashboard';
import { adminLogin, fullAccessToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * Review before publishing through the dashboard's own admin API, as real accounts invited into the roles
 * the CMS keeps in code (SQLite, or PostgreSQL with TEST_POSTGRES_URL): what a writer may do to their
 * drafts and what is refused with a reason, what an editor does with the queue, and that none of it
 * reaches the public API.
 */

const ADMIN = { email: 'quantri@binhan.gov.vn', password: 'QuanTri2026!' };
const ARTICLES = '/content-manager/collection-types/api::article.article';

type Role = { id: number; code: string; name: string };
type Doc = { documentId: string; title: string; reviewState?: string; reviewNote?: string | null; publishedDate?: string | null; status?: string };

let cms: Cms;
let admin: string;
let roles: Role[];
let writerA: string;
let writerB: string;
let editor: string;
let stranger: string;

const as = (jwt: string, method: string, path = '', body?: unknown) =>
  adminApi<{ data: Doc; results: Doc[]; count: number }>(cms, jwt, method, `${ARTICLES}${path}`, body);
const rows = (documentId: string) =>
  cms.strapi.db
    .query('api::article.article')
    .findMany({ where: { documentId }, select: ['reviewState', 'reviewNote', 'publishedDate', 'publishedAt'] }) as Promise<
    Array<{ reviewState: string; reviewNote: string | null; publishedDate: string | null; publishedAt: string | null }>
  >;
let counter = 0;
async function draftBy(jwt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await as(jwt, 'POST', '', { title: `Bài thử duyệt ${++counter}`, lead: 'Sapo của bài thử.', ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.documentId;
}
const refusal = (reply: { status: number; body: { error?: { message: string } } }) => ({ status: reply.status, message: reply.body.error?.message });

beforeAll(async () => {
  cms = await bootSeededCms({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  admin = await adminLogin(cms.url, ADMIN);
  roles = (await adminApi<{ data: Role[] }>(cms, admin, 'GET', '/admin/roles')).body.data;
  const role = (code: string) => roles.find((r) => r.code === code)!.id;
  writerA = (await inviteEditor(cms, admin, 'phongvien.a@binhan.gov.vn', [role('strapi-author')])).jwt;
  writerB = (await inviteEditor(cms, admin, 'phongvien.b@binhan.gov.vn', [role('strapi-author')])).jwt;
  editor = (await inviteEditor(cms, admin, 'bientap@binhan.gov.vn', [role('strapi-editor')])).jwt;
  // A role made in the dashboard that the code does not know: edits articles, nothing about review.
  const made = await adminApi<{ data: Role }>(cms, admin, 'POST', '/admin/roles', { name: 'Cộng tác viên', description: 'thử' });
  expect(made.status).toBe(201);
  const granted = await adminApi(cms, admin, 'PUT', `/admin/roles/${made.body.data.id}/permissions`, {
    permissions: ['read', 'create', 'update'].map((action) => ({
      action: `plugin::content-manager.explorer.${action}`,
      subject: 'api::article.article',
      properties: { fields: ['title', 'lead', 'reviewState', 'reviewNote'] },
      conditions: [],
    })),
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  stranger = (await inviteEditor(cms, admin, 'congtac@binhan.gov.vn', [made.body.data.id])).jwt;
});

afterAll(async () => {
  await cms?.stop();
});

describe('the roles kept in code', () => {
  it('names the writer, editor and administrator roles in Vietnamese, with Strapi permissions and conditions', async () => {
    expect(roles.map((role) => role.name)).toEqual(expect.arrayContaining(['Phóng viên', 'Biên tập viên', 'Quản trị viên']));
    expect(roles.map((role) => role.name)).not.toContain('Author');
    const writer = roles.find((role) => role.code === 'strapi-author')!;
    const permissions = (
      await adminApi<{ data: Array<{ action: string; subject: string | null; conditions: string[]; properties: { fields?: string[] } }> }>(
        cms,
        admin,
        'GET',
        `/admin/roles/${writer.id}/permissions`,
      )
    ).body.data;
    const article = (action: string) =>
      permissions.find((p) => p.action === `plugin::content-manager.explorer.${action}` && p.subject === 'api::article.article');
    expect(article('update')?.conditions).toEqual(['admin::is-creator']);
    expect(article('delete')?.conditions).toEqual(['admin::is-creator']);
    expect(article('publish')).toBeUndefined();
    expect(article('update')?.properties.fields).toContain('reviewState');
    expect(article('update')?.properties.fields).not.toContain('reviewNote');
    expect(article('read')?.properties.fields).toContain('reviewNote');
    expect(permissions.some((p) => p.action === 'plugin::upload.assets.create')).toBe(true);
    expect(permissions.some((p) => p.subject === 'api::author.author' && p.action.endsWith('.read'))).toBe(true);
    expect(permissions.some((p) => p.subject === 'plugin::users-permissions.user')).toBe(false);
  });

  it('takes back at the next start a permission added in the dashboard (the role is what the code says)', async () => {
    const writer = roles.find((role) => role.code === 'strapi-author')!;
    const { enforceEditorRoles } = await import('../src/bootstrap/editor-roles');
    const current = (await adminApi<{ data: unknown[] }>(cms, admin, 'GET', `/admin/roles/${writer.id}/permissions`)).body.data;
    const widened = [
      ...(current as Array<Record<string, unknown>>).map(({ action, subject, properties, conditions }) => ({
        action,
        subject,
        properties,
        conditions,
      })),
      { action: 'plugin::content-manager.explorer.publish', subject: 'api::article.article', properties: {}, conditions: [] },
    ];
    expect((await adminApi(cms, admin, 'PUT', `/admin/roles/${writer.id}/permissions`, { permissions: widened })).status).toBe(200);
    await enforceEditorRoles(cms.strapi);
    const after = (await adminApi<{ data: Array<{ action: string }> }>(cms, admin, 'GET', `/admin/roles/${writer.id}/permissions`)).body.data;
    expect(after.some((p) => p.action === 'plugin::content-manager.explorer.publish')).toBe(false);
  });

  it('keeps the accounts type out of the editors’ way', async () => {
    for (const jwt of [writerA, editor]) {
      const users = await adminApi(cms, jwt, 'GET', '/content-manager/collection-types/plugin::users-permissions.user');
      expect(users.status).toBe(403);
      expect(users.body.error?.message).toBe(FORBIDDEN_MESSAGES.find);
    }
  });
});

describe('a writer', () => {
  it('creates and edits their own draft and marks it ready for review', async () => {
    const id = await draftBy(writerA);
    expect((await rows(id))[0].reviewState).toBe('writing');
    const marked = await as(writerA, 'PUT', `/${id}`, { title: 'Bài đã viết xong', reviewState: 'awaitingReview' });
    expect(marked.status).toBe(200);
    expect(marked.body.data).toMatchObject({ title: 'Bài đã viết xong', reviewState: 'awaitingReview' });
    expect((await as(writerA, 'PUT', `/${id}`, { reviewState: 'writing' })).body.data.reviewState).toBe('writing');
  });

  it('cannot edit, discard or delete another writer’s draft (403 with the reason)', async () => {
    const id = await draftBy(writerB);
    expect(refusal(await as(writerA, 'PUT', `/${id}`, { title: 'Chiếm bài' }))).toEqual({ status: 403, message: FORBIDDEN_MESSAGES.update });
    expect(refusal(await as(writerA, 'DELETE', `/${id}`))).toEqual({ status: 403, message: FORBIDDEN_MESSAGES.delete });
    const own = await draftBy(writerA);
    // An array of ids mixing one's own draft with another's is refused as a whole.
    expect(refusal(await as(writerA, 'POST', '/actions/bulkDelete', { documentIds: [own, id] }))).toEqual({
      status: 403,
      message: FORBIDDEN_MESSAGES.bulkDelete,
    });
    expect(await rows(id)).toHaveLength(1);
    expect(await rows(own)).toHaveLength(1);
  });

  it('cannot publish, by any path: one, in bulk, or on create-and-publish', async () => {
    const id = await draftBy(writerA, { reviewState: 'awaitingReview' });
    expect(refusal(await as(writerA, 'POST', `/${id}/actions/publish`, {}))).toEqual({ status: 403, message: REFUSALS.publish });
    expect(refusal(await as(writerA, 'POST', '/actions/bulkPublish', { documentIds: [id] }))).toEqual({ status: 403, message: REFUSALS.publish });
    expect(refusal(await as(writerA, 'POST', '/actions/publish', { title: 'Tự xuất bản', lead: 'Sapo.' }))).toEqual({
      status: 403,
      message: REFUSALS.publish,
    });
    // Shapes other than an array of ids: the writer is refused before they are read; the editor is told what is wrong.
    for (const documentIds of [id, { $in: [id] }, null]) {
      expect(refusal(await as(writerA, 'POST', '/actions/bulkPublish', { documentIds }))).toEqual({ status: 403, message: REFUSALS.publish });
      const malformed = await as(editor, 'POST', '/actions/bulkPublish', { documentIds });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error?.message).toBeTruthy();
    }
    expect((await rows(id)).every((row) => row.publishedAt === null)).toBe(true);
  });

  it('refuses review states that are not exactly one, and sending back (400 / 403)', async () => {
    const id = await draftBy(writerA);
    for (const value of ['Returned', 'AWAITINGREVIEW', '', ['awaitingReview'], { $eq: 'returned' }, null]) {
      expect(refusal(await as(writerA, 'PUT', `/${id}`, { reviewState: value })), JSON.stringify(value)).toEqual({
        status: 400,
        message: MESSAGES.badState,
      });
    }
    expect(refusal(await as(writerA, 'PUT', `/${id}`, { reviewState: 'returned' }))).toEqual({ status: 403, message: MESSAGES.onlyEditorsReturn });
    expect(refusal(await as(writerA, 'POST', '', { title: 'Tự trả lại', lead: 'Sapo.', reviewState: 'returned' }))).toEqual({
      status: 403,
      message: MESSAGES.onlyEditorsReturn,
    });
    expect(refusal(await as(writerA, 'PUT', `/${id}`, { reviewNote: 'Tự duyệt: đạt' }))).toEqual({ status: 403, message: MESSAGES.onlyEditorsNote });
    expect(await rows(id)).toEqual([expect.objectContaining({ reviewState: 'writing', reviewNote: null })]);
  });

  it('deletes their own never-published draft', async () => {
    const id = await draftBy(writerA);
    expect((await as(writerA, 'DELETE', `/${id}`)).status).toBe(200);
    expect(await rows(id)).toEqual([]);
  });
});

describe('an editor with the queue', () => {
  let id: string;

  it('finds the drafts awaiting review with a list filter, and sends one back with a note the writer reads', async () => {
    id = await draftBy(writerA, { reviewState: 'awaitingReview' });
    const other = await draftBy(writerB);
    const queue = await as(editor, 'GET', '?page=1&pageSize=100&filters[$and][0][reviewState][$eq]=awaitingReview');
    expect(queue.status).toBe(200);
    const ids = queue.body.results.map((doc) => doc.documentId);
    expect(ids).toContain(id);
    expect(ids).not.toContain(other);
    expect(queue.body.results.every((doc) => doc.reviewState === 'awaitingReview')).toBe(true);

    expect(refusal(await as(editor, 'PUT', `/${id}`, { reviewState: 'returned' }))).toEqual({ status: 400, message: MESSAGES.returnNeedsNote });
    const returned = await as(editor, 'PUT', `/${id}`, { reviewState: 'returned', reviewNote: 'Thiếu nguồn ảnh; sapo dài quá.' });
    expect(returned.status).toBe(200);
    const seen = await as(writerA, 'GET', `/${id}`);
    expect(seen.body.data).toMatchObject({ reviewState: 'returned', reviewNote: 'Thiếu nguồn ảnh; sapo dài quá.' });
    // The writer's edit form sends the note back unchanged: accepted; the draft goes back to the queue.
    const again = await as(writerA, 'PUT', `/${id}`, { ...seen.body.data, lead: 'Sapo ngắn hơn.', reviewState: 'awaitingReview' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.data).toMatchObject({ reviewState: 'awaitingReview', reviewNote: 'Thiếu nguồn ảnh; sapo dài quá.' });
  });

  it('publishes: the next edit starts at "Đang viết" without the note, and the list shows the publication date', async () => {
    const published = await as(editor, 'POST', `/${id}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const after = await rows(id);
    expect(after).toHaveLength(2);
    for (const row of after) expect(row).toMatchObject({ reviewState: 'writing', reviewNote: null });
    const publishedAt = after.find((row) => row.publishedAt !== null)!.publishedAt;
    for (const row of after) expect(new Date(row.publishedDate!).getTime()).toBe(new Date(publishedAt!).getTime());
    // PostgreSQL orders never-published drafts (no date) first in a descending sort: the filter leaves them out.
    const list = await as(editor, 'GET', '?page=1&pageSize=5&sort=publishedDate:DESC&filters[$and][0][publishedDate][$notNull]=true');
    expect(list.body.results[0]).toMatchObject({ documentId: id, status: 'published' });
  });

  it('leaves a published article to editors: the writer cannot unpublish or delete it, alone or in bulk', async () => {
    expect(refusal(await as(writerA, 'POST', `/${id}/actions/unpublish`, {}))).toEqual({ status: 403, message: REFUSALS.unpublish });
    expect(refusal(await as(writerA, 'POST', '/actions/bulkUnpublish', { documentIds: [id] }))).toEqual({ status: 403, message: REFUSALS.unpublish });
    expect(refusal(await as(writerA, 'DELETE', `/${id}`))).toEqual({ status: 403, message: REFUSALS.deletePublished });
    expect(refusal(await as(writerA, 'POST', '/actions/bulkDelete', { documentIds: [id] }))).toEqual({
      status: 403,
      message: REFUSALS.deletePublished,
    });
    expect(await rows(id)).toHaveLength(2);
  });

  it('lets the writer edit and discard their own published article’s draft, which keeps its review', async () => {
    expect((await as(writerA, 'PUT', `/${id}`, { lead: 'Sửa sau khi đăng.', reviewState: 'awaitingReview' })).status).toBe(200);
    const discarded = await as(writerA, 'POST', `/${id}/actions/discard`, {});
    expect(discarded.status, JSON.stringify(discarded.body)).toBe(200);
    const draft = (await rows(id)).find((row) => row.publishedAt === null)!;
    expect(draft.reviewState).toBe('awaitingReview');
  });

  it('unpublishes (the date is cleared) and deletes', async () => {
    expect((await as(editor, 'POST', `/${id}/actions/unpublish`, {})).status).toBe(200);
    expect(await rows(id)).toEqual([expect.objectContaining({ publishedAt: null, publishedDate: null })]);
    expect((await as(editor, 'DELETE', `/${id}`)).status).toBe(200);
    expect(await rows(id)).toEqual([]);
  });
});

describe('a role the code does not know', () => {
  it('gets what its Strapi permissions say and no review rights: no sending back, no note, no publishing', async () => {
    const created = await as(stranger, 'POST', '', { title: 'Bài cộng tác', lead: 'Sapo.' });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    expect(refusal(await as(stranger, 'PUT', `/${id}`, { reviewState: 'returned', reviewNote: 'x' }))).toEqual({
      status: 403,
      message: MESSAGES.onlyEditorsReturn,
    });
    expect(refusal(await as(stranger, 'PUT', `/${id}`, { reviewNote: 'Đạt' }))).toEqual({ status: 403, message: MESSAGES.onlyEditorsNote });
    expect(refusal(await as(stranger, 'POST', `/${id}/actions/publish`, {}))).toEqual({ status: 403, message: REFUSALS.publish });
    expect(refusal(await as(stranger, 'DELETE', `/${id}`))).toEqual({ status: 403, message: FORBIDDEN_MESSAGES.delete });
  });
});

describe('the public API', () => {
  it('does not show, filter on or accept the review fields (REST and GraphQL)', async () => {
    const list = await rest<Array<Record<string, unknown>>>(cms, 'GET', '/api/articles?pagination[pageSize]=3');
    expect(list.status).toBe(200);
    for (const field of ['reviewState', 'reviewNote', 'publishedDate']) expect(list.body.data![0]).not.toHaveProperty(field);
    const filtered = await rest(cms, 'GET', '/api/articles?filters[reviewState][$eq]=writing');
    expect(filtered.status).toBe(400);
    expect(filtered.body.error?.message).toBeTruthy();
    const query = await graphql(cms, '{ articles { documentId reviewState } }');
    expect(query.errors?.[0]?.message).toContain('reviewState');
    const token = await fullAccessToken(cms);
    const written = await rest(cms, 'POST', '/api/articles', { token, body: { data: { title: 'Qua API', lead: 'Sapo.', reviewState: 'returned' } } });
    expect(written.status).toBe(400);
    expect(written.raw).toMatch(/reviewState/);
  });
});
