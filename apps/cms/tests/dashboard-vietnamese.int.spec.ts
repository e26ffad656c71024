import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../src/bootstrap/dashboard-labels';
import type { Cms } from './helpers/cms';
import { adminApi, inviteEditor } from './helpers/dashboard';
import { adminLogin } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * The dashboard in Vietnamese, read through the admin API the dashboard itself calls (the tests run
 * without the built admin panel): labels and descriptions of every field, the article list, the accounts'
 * language.
 */

const ADMIN = { email: 'tiengviet@binhan.gov.vn', password: 'TiengViet2026!' };
const TYPES = ['api::article.article', 'api::author.author', 'api::category.category', 'api::site-setting.site-setting'];
const COMPONENTS = ['shared.seo', 'site.footer'];

type Metadata = { edit: { label?: string; description?: string; editable?: boolean }; list: { label?: string; sortable?: boolean } };
type Configuration = { contentType?: Layout; component?: Layout; components?: Record<string, Layout> };
type Layout = { metadatas: Record<string, Metadata>; layouts: { list: string[] }; settings: Record<string, unknown> };

let cms: Cms;
let jwt: string;

beforeAll(async () => {
  cms = await bootSeededCms({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  jwt = await adminLogin(cms.url, ADMIN);
});

afterAll(async () => {
  await cms?.stop();
});

/** The fields of a model's schema that editors meet: every attribute but the hidden ones (searchText) and Strapi's timestamps. */
function editableFields(uid: string): string[] {
  const model = (uid.includes('::') ? cms.strapi.contentTypes[uid as never] : cms.strapi.components[uid as never]) as {
    attributes: Record<string, { visible?: boolean }>;
  };
  return Object.entries(model.attributes)
    .filter(([, attribute]) => attribute.visible !== false)
    .map(([name]) => name)
    .filter((name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'locale'].includes(name));
}

describe('labels and descriptions', () => {
  it('gives every field of every content type a Vietnamese label and a one-line description', async () => {
    for (const uid of TYPES) {
      const reply = await adminApi<{ data: Configuration }>(cms, jwt, 'GET', `/content-manager/content-types/${uid}/configuration`);
      expect(reply.status).toBe(200);
      const { metadatas } = reply.body.data.contentType!;
      const shown = Object.keys(metadatas).filter((field) => !['id', 'documentId'].includes(field));
      expect(shown).toEqual(expect.arrayContaining(editableFields(uid)));
      for (const field of shown) {
        const expected = LABELS[uid][field];
        expect(expected, `${uid}.${field} has a label in dashboard-labels.ts`).toBeDefined();
        expect(metadatas[field].edit, `${uid}.${field}`).toMatchObject({ label: expected.label, description: expected.description });
        expect(metadatas[field].list.label).toBe(expected.label);
        expect(expected.description).not.toContain('\n');
      }
    }
  });

  it('labels the components’ fields too', async () => {
    for (const uid of COMPONENTS) {
      const reply = await adminApi<{ data: Configuration }>(cms, jwt, 'GET', `/content-manager/components/${uid}/configuration`);
      expect(reply.status).toBe(200);
      const { metadatas } = reply.body.data.component!;
      expect(Object.keys(metadatas)).toEqual(expect.arrayContaining(editableFields(uid)));
      for (const field of editableFields(uid)) expect(metadatas[field].edit).toMatchObject(LABELS[uid][field]);
    }
  });

  it('names the article fields editors know by name', async () => {
    const { metadatas } = (
      await adminApi<{ data: Configuration }>(cms, jwt, 'GET', '/content-manager/content-types/api::article.article/configuration')
    ).body.data.contentType!;
    const names = Object.fromEntries(Object.entries(metadatas).map(([field, metadata]) => [field, metadata.edit.label]));
    expect(names).toMatchObject({
      title: 'Tiêu đề',
      lead: 'Sapo',
      source: 'Nguồn',
      body: 'Nội dung',
      cover: 'Ảnh đại diện',
      author: 'Tác giả',
      category: 'Chuyên mục',
      relatedArticles: 'Tin khác',
      views: 'Lượt xem',
      reviewState: 'Trạng thái duyệt',
      reviewNote: 'Ghi chú biên tập',
      scheduledPublishAt: 'Xuất bản lúc',
      scheduledUnpublishAt: 'Gỡ xuống lúc',
    });
  });
});

describe('the article list', () => {
  it('shows title, category, author, review state, schedule, views and publication date, each sortable', async () => {
    const { layouts, metadatas } = (
      await adminApi<{ data: Configuration }>(cms, jwt, 'GET', '/content-manager/content-types/api::article.article/configuration')
    ).body.data.contentType!;
    expect(layouts.list).toEqual([
      'title',
      'category',
      'author',
      'reviewState',
      'scheduledPublishAt',
      'scheduledUnpublishAt',
      'views',
      'publishedDate',
    ]);
    for (const column of layouts.list) expect(metadatas[column].list.sortable, column).toBe(true);
    expect(metadatas.views.edit.editable).toBe(false);
  });

  it('sorts and filters on those columns', async () => {
    const list = (query: string) =>
      adminApi<{ results: Array<{ publishedDate: string | null; status: string; reviewState: string }> }>(
        cms,
        jwt,
        'GET',
        `/content-manager/collection-types/api::article.article?page=1&pageSize=20&${query}`,
      );
    const byDate = await list('sort=publishedDate:DESC&filters[$and][0][publishedDate][$notNull]=true');
    expect(byDate.status).toBe(200);
    const dates = byDate.body.results.map((row) => new Date(row.publishedDate!).getTime());
    expect(dates.length).toBeGreaterThan(5);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(byDate.body.results.every((row) => row.status !== 'draft')).toBe(true);
    const writing = await list('filters[$and][0][reviewState][$eq]=writing&sort=reviewState:ASC');
    expect(writing.status).toBe(200);
    expect(writing.body.results.length).toBeGreaterThan(0);
    expect(writing.body.results.every((row) => row.reviewState === 'writing')).toBe(true);
  });
});

describe('the dashboard’s language', () => {
  it('is Vietnamese for the first editor and for every account an administrator invites', async () => {
    const me = await adminApi<{ data: { preferedLanguage: string } }>(cms, jwt, 'GET', '/admin/users/me');
    expect(me.body.data.preferedLanguage).toBe('vi');
    const roles = (await adminApi<{ data: Array<{ id: number; code: string }> }>(cms, jwt, 'GET', '/admin/roles')).body.data;
    const writer = await inviteEditor(cms, jwt, 'moi@binhan.gov.vn', [roles.find((role) => role.code === 'strapi-author')!.id]);
    const theirs = await adminApi<{ data: { preferedLanguage: string; roles: Array<{ name: string }> } }>(cms, writer.jwt, 'GET', '/admin/users/me');
    expect(theirs.body.data).toMatchObject({ preferedLanguage: 'vi', roles: [{ name: 'Phóng viên' }] });
  });
});
