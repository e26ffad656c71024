import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { apiToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/** An editor's paste with bidi overrides, isolates, marks, separators and controls, on every write path. */
const HOSTILE = 'Tin \u202Ecần đọc ngược\u202C, \u2066cô lập\u2069 \u200F\u061C\u200E dòng\u2028mới\u2029đoạn \u0007\u001B\uFEFF hết';
const CLEAN = 'Tin cần đọc ngược, cô lập  dòng mới đoạn  hết';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/;

let cms: Cms;
let token: string;

beforeAll(async () => {
  cms = await bootSeededCms();
  token = await apiToken(cms, 'full-access');
});
afterAll(async () => {
  await cms?.stop();
});

/** Every string stored in the row of `uid` with `documentId` (all versions), components included. */
async function storedStrings(uid: string, documentId: string): Promise<string[]> {
  const rows = await cms.strapi.db.query(uid).findMany({ where: { documentId }, populate: true });
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(rows);
  return strings;
}

describe('bidi controls, separators and control characters', () => {
  it('are stripped from an article written through REST, in every text field', async () => {
    const response = await rest<{ documentId: string; title: string; lead: string }>(cms, 'POST', '/api/articles?status=published', {
      token,
      body: {
        data: {
          title: HOSTILE,
          lead: `Sapo: ${HOSTILE}`,
          source: HOSTILE,
          body: [{ type: 'paragraph', children: [{ type: 'text', text: HOSTILE }] }],
          seo: { metaTitle: 'SEO \u202Engược', metaDescription: HOSTILE },
        },
      },
    });
    expect(response.status, response.raw.slice(0, 300)).toBe(201);
    expect(response.body.data!.title).toBe(CLEAN);
    expect(response.body.data!.lead).toBe(`Sapo: ${CLEAN}`);
    const stored = await storedStrings('api::article.article', response.body.data!.documentId);
    expect(stored).toContain(CLEAN);
    expect(stored.filter((text) => UNSAFE.test(text))).toEqual([]);
    expect(stored.join(' ')).toContain('SEO ngược');
  });

  it('are stripped through GraphQL and through the document service the dashboard uses', async () => {
    const mutation = await graphql<{ createAuthor: { documentId: string; name: string } }>(
      cms,
      'mutation($data: AuthorInput!) { createAuthor(data: $data) { documentId name bio } }',
      { data: { name: `Phóng viên ${HOSTILE}`, bio: HOSTILE } },
      token,
    );
    expect(mutation.errors).toBeUndefined();
    expect(mutation.data!.createAuthor.name).toBe(`Phóng viên ${CLEAN}`);
    expect((await storedStrings('api::author.author', mutation.data!.createAuthor.documentId)).filter((text) => UNSAFE.test(text))).toEqual([]);

    const category = await cms.strapi.documents('api::category.category').create({ data: { name: HOSTILE, description: HOSTILE } } as never);
    expect(category.name).toBe(CLEAN);
    const updated = await cms.strapi
      .documents('api::category.category')
      .update({ documentId: category.documentId, data: { description: `Mô tả ${HOSTILE}` } } as never);
    expect(updated!.description).toBe(`Mô tả ${CLEAN}`);

    const settings = await rest<{ portalName: string; footer: { agency: string } | null }>(cms, 'PUT', '/api/site-setting?populate=footer', {
      token,
      body: { data: { portalName: HOSTILE, footer: { agency: HOSTILE } } },
    });
    expect(settings.status, settings.raw.slice(0, 300)).toBe(200);
    expect(settings.body.data!.portalName).toBe(CLEAN);
    expect(settings.body.data!.footer?.agency).toBe(CLEAN);
  });

  it('are stripped from media captions and alternative texts', async () => {
    type File = { id: number; name: string; caption: string | null; alternativeText: string | null };
    const [file] = (await cms.strapi.db.query('plugin::upload.file').findMany({ limit: 1 })) as File[];
    const upload = cms.strapi.plugin('upload').service<{ updateFileInfo(id: number, info: Partial<File>): Promise<unknown> }>('upload');
    await upload.updateFileInfo(file.id, { caption: HOSTILE, alternativeText: `Ảnh ${HOSTILE}`, name: file.name });
    const after = (await cms.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } })) as File;
    expect(after.caption).toBe(CLEAN);
    expect(after.alternativeText).toBe(`Ảnh ${CLEAN}`);
  });

  it('leave ordinary Vietnamese text, tabs and newlines alone', async () => {
    const lead = 'Dòng một\nDòng hai\tcó tab — “ngoặc kép”, dấu: ắ ằ ẳ ẵ ặ ỗ ự.';
    const response = await rest<{ lead: string }>(cms, 'POST', '/api/articles', { token, body: { data: { title: 'Tiêu đề bình thường', lead } } });
    expect(response.status).toBe(201);
    expect(response.body.data!.lead).toBe(lead);
  });
});
