import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { fullAccessToken, graphql, rest } from './helpers/http';
import { bootEmptyCms } from './helpers/seeded';
import { TITLE_SLUGS } from './fixtures/vietnamese-titles';

let cms: Cms;
let token: string;

type Created = { documentId: string; slug: string; title: string };
/** The Content Manager's slug service, which the dashboard calls for the slug box. */
const uidService = () =>
  cms.strapi.plugin('content-manager').service<{
    generateUIDField(args: { contentTypeUID: string; field: string; data: Record<string, unknown> }): Promise<string>;
  }>('uid');

async function createArticle(data: Record<string, unknown>) {
  return rest<Created>(cms, 'POST', '/api/articles', { token, body: { data: { lead: 'Tóm tắt bài viết.', ...data } } });
}

beforeAll(async () => {
  cms = await bootEmptyCms();
  token = await fullAccessToken(cms);
});
afterAll(async () => {
  await cms?.stop();
});

describe('slugs generated from Vietnamese titles', () => {
  it.each(TITLE_SLUGS)('REST create "%s" → %s', async (title, slug) => {
    const response = await createArticle({ title });
    expect(response.status).toBe(201);
    expect(response.body.data!.slug).toBe(slug);
  });

  it('numbers clashes -2, -3 (REST and GraphQL alike)', async () => {
    const title = 'Hội nghị tổng kết công tác năm 2026';
    expect((await createArticle({ title })).body.data!.slug).toBe('hoi-nghi-tong-ket-cong-tac-nam-2026');
    expect((await createArticle({ title })).body.data!.slug).toBe('hoi-nghi-tong-ket-cong-tac-nam-2026-2');
    const third = await graphql<{ createArticle: Created }>(
      cms,
      `
        mutation ($title: String!) {
          createArticle(data: { title: $title, lead: "Tóm tắt." }) {
            slug
          }
        }
      `,
      { title },
      token,
    );
    expect(third.errors).toBeUndefined();
    expect(third.data!.createArticle.slug).toBe('hoi-nghi-tong-ket-cong-tac-nam-2026-3');
  });

  it('keeps a given slug, and keeps the slug when the title is edited', async () => {
    const created = await createArticle({ title: 'Tiêu đề ban đầu', slug: 'duong-dan-rieng' });
    expect(created.body.data!.slug).toBe('duong-dan-rieng');
    const updated = await rest<Created>(cms, 'PUT', `/api/articles/${created.body.data!.documentId}`, {
      token,
      body: { data: { title: 'Tiêu đề đã sửa' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data!.slug).toBe('duong-dan-rieng');
  });

  it('fills author and category slugs too', async () => {
    const author = await rest<Created>(cms, 'POST', '/api/authors', { token, body: { data: { name: 'Đặng Thị Hồng Nhung' } } });
    expect(author.body.data!.slug).toBe('dang-thi-hong-nhung');
    const category = await rest<Created>(cms, 'POST', '/api/categories', { token, body: { data: { name: 'Đối ngoại' } } });
    expect(category.body.data!.slug).toBe('doi-ngoai');
  });

  it('replaces the dashboard placeholder with the slug of the title', async () => {
    const created = await createArticle({ title: 'Khai trương chợ đêm Đông Hải', slug: 'tu-dong-tao-tu-tieu-de' });
    expect(created.body.data!.slug).toBe('khai-truong-cho-dem-dong-hai');
    expect(await uidService().generateUIDField({ contentTypeUID: 'api::article.article', field: 'slug', data: { title: '' } })).toBe(
      'tu-dong-tao-tu-tieu-de',
    );
  });

  it('proposes the same slug to editors in the dashboard', async () => {
    await createArticle({ title: 'Đón Tết an toàn' });
    const proposed = await uidService().generateUIDField({
      contentTypeUID: 'api::article.article',
      field: 'slug',
      data: { title: 'Đón Tết an toàn' },
    });
    expect(proposed).toBe('don-tet-an-toan-2');
  });
});

describe('bad input gets a clear validation error', () => {
  it('missing title', async () => {
    const response = await createArticle({});
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError' });
    expect(JSON.stringify(response.body.error)).toContain('title');
  });

  it('title over 250 characters', async () => {
    const response = await createArticle({ title: 'Tin '.repeat(70) });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toBe('title must be at most 250 characters');
  });

  it('lead over 1,000 characters', async () => {
    const response = await createArticle({ title: 'Tin ngắn', lead: 'ư'.repeat(1001) });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain('lead');
  });

  it('unknown author id', async () => {
    const response = await createArticle({ title: 'Tác giả không tồn tại', author: 'khongtontai000000000000' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError' });
    expect(response.body.error?.message).toContain('khongtontai000000000000');
  });

  it('leaves nothing behind', async () => {
    const titles = (await cms.strapi.db.query('api::article.article').findMany({ select: ['title'] })).map((row: { title: string }) => row.title);
    expect(titles).not.toContain('Tác giả không tồn tại');
    expect(titles).not.toContain('Tin ngắn');
  });
});
