import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ACTIONS } from '../src/bootstrap/public-permissions';
import type { Cms } from './helpers/cms';
import { rest } from './helpers/http';
import { bootEmptyCms } from './helpers/seeded';

type Attribute = Record<string, unknown> & { type: string };

let cms: Cms;
const attributes = (uid: string) => cms.strapi.contentType(uid as 'api::article.article').attributes as unknown as Record<string, Attribute>;

beforeAll(async () => {
  // Production mode, as `pnpm start` runs it.
  cms = await bootEmptyCms({ NODE_ENV: 'production', ADMIN_EMAIL: 'bientap@binhan.gov.vn', ADMIN_PASSWORD: 'BinhAn2026!' });
});
afterAll(async () => {
  await cms?.stop();
  process.env.NODE_ENV = 'test';
});

describe('content types', () => {
  it('Article has every field of the model page', () => {
    const a = attributes('api::article.article');
    expect(a.title).toMatchObject({ type: 'string', required: true, maxLength: 250 });
    expect(a.slug).toMatchObject({ type: 'uid', targetField: 'title' });
    expect(a.lead).toMatchObject({ type: 'text', required: true, maxLength: 1000 });
    expect(a.source).toMatchObject({ type: 'string' });
    expect(a.body).toMatchObject({ type: 'blocks' });
    expect(a.cover).toMatchObject({ type: 'media', multiple: false });
    expect(a.author).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::author.author' });
    expect(a.category).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::category.category' });
    expect(a.relatedArticles).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'api::article.article' });
    expect(a.views).toMatchObject({ type: 'integer', default: 0, writable: false });
    expect(a.seo).toMatchObject({ type: 'component', component: 'shared.seo', repeatable: false });
    for (const field of ['publishedAt', 'createdAt', 'updatedAt']) expect(a[field]).toBeDefined();
    expect(cms.strapi.contentType('api::article.article').options?.draftAndPublish).toBe(true);
  });

  it('SEO, Author, Category and Site settings have their fields', () => {
    const seo = cms.strapi.components['shared.seo'].attributes as Record<string, Attribute>;
    expect(Object.keys(seo)).toEqual(expect.arrayContaining(['metaTitle', 'metaDescription', 'shareImage']));

    const author = attributes('api::author.author');
    expect(Object.keys(author)).toEqual(expect.arrayContaining(['name', 'slug', 'bio', 'avatar', 'articles']));
    expect(author.articles).toMatchObject({ relation: 'oneToMany', mappedBy: 'author' });

    const category = attributes('api::category.category');
    expect(Object.keys(category)).toEqual(expect.arrayContaining(['name', 'slug', 'description', 'parent', 'articles']));
    expect(category.parent).toMatchObject({ relation: 'manyToOne', target: 'api::category.category' });

    for (const uid of ['api::article.article', 'api::author.author', 'api::category.category']) {
      expect(cms.strapi.contentType(uid as 'api::article.article').options?.draftAndPublish).toBe(true);
    }

    const settings = cms.strapi.contentType('api::site-setting.site-setting');
    expect(settings.kind).toBe('singleType');
    expect(Object.keys(settings.attributes)).toEqual(expect.arrayContaining(['portalName', 'banner', 'footer', 'menu', 'loginLinkText']));
    const footer = cms.strapi.components['site.footer'].attributes as Record<string, Attribute>;
    expect(Object.keys(footer)).toEqual(expect.arrayContaining(['agency', 'address', 'phone', 'email', 'licence']));
  });

  it('are all exposed over GraphQL', async () => {
    const response = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }),
    });
    const body = (await response.json()) as { data: { __schema: { queryType: { fields: Array<{ name: string }> } } } };
    const names = body.data.__schema.queryType.fields.map((field) => field.name);
    expect(names).toEqual(
      expect.arrayContaining(['articles', 'articles_connection', 'article', 'authors', 'author', 'categories', 'category', 'siteSetting']),
    );
  });

  it('index articles by publication date, the order every full read pages in', async () => {
    const indexes = (await cms.strapi.db.dialect.schemaInspector.getIndexes('articles')) as Array<{ name: string; columns: string[] }>;
    expect(indexes).toContainEqual(expect.objectContaining({ name: 'articles_published_at_idx', columns: ['published_at'] }));
  });
});

describe('public role', () => {
  it('may only find and findOne the four public types', async () => {
    const role = (await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number };
    const permissions = (await cms.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })) as Array<{
      action: string;
    }>;
    expect(permissions.map((p) => p.action).sort()).toEqual([...PUBLIC_ACTIONS].sort());
  });

  it('reads the public types over REST', async () => {
    for (const path of ['/api/articles', '/api/authors', '/api/categories']) {
      expect((await rest(cms, 'GET', path)).status).toBe(200);
    }
    // The single type has no content yet on an empty database: 404, not 403.
    expect((await rest(cms, 'GET', '/api/site-setting')).status).toBe(404);
    expect((await rest(cms, 'GET', '/api/users')).status).toBe(403);
    expect((await rest(cms, 'GET', '/api/upload/files')).status).toBe(403);
  });
});

describe('database indexes', () => {
  it('cover the scheduler’s poll, the newest-first pages of articles and the dashboard’s list', async () => {
    // The columns in index order (which decides what the index can serve), as each database declares them.
    const knex = cms.strapi.db.connection;
    const raw = async <T>(sql: string, bindings: string[] = []): Promise<T> => (await knex.raw(sql, bindings)) as T;
    const columnsOf = async (name: string): Promise<string[]> => {
      if (cms.strapi.db.dialect.client === 'sqlite') {
        return (await raw<Array<{ seqno: number; name: string }>>(`PRAGMA index_info('${name}')`))
          .sort((a, b) => a.seqno - b.seqno)
          .map((column) => column.name);
      }
      const { rows } = await raw<{ rows: Array<{ indexdef: string }> }>('SELECT indexdef FROM pg_indexes WHERE indexname = ?', [name]);
      const list = /\(([^)]*)\)\s*$/.exec(rows[0]?.indexdef ?? '')?.[1] ?? '';
      return list
        .split(',')
        .map((column) => column.trim().replace(/"/g, ''))
        .filter(Boolean);
    };
    const names = [
      'articles_scheduled_publish_idx',
      'articles_scheduled_unpublish_idx',
      'articles_published_at_idx',
      'articles_list_updated_idx',
      'articles_list_views_idx',
    ];
    const indexes: Record<string, string[]> = Object.fromEntries(
      await Promise.all(names.map(async (name) => [name, await columnsOf(name)] as const)),
    );
    // Drafts due for publication or unpublication: published_at IS NULL and the time reached.
    expect(indexes.articles_scheduled_publish_idx).toEqual(['published_at', 'scheduled_publish_at']);
    expect(indexes.articles_scheduled_unpublish_idx).toEqual(['published_at', 'scheduled_unpublish_at']);
    // sort: ["publishedAt:desc", "id:desc"] reads pages straight from it (docs/api.md).
    expect(indexes.articles_published_at_idx).toEqual(['published_at']);
    // The dashboard's article list: newest edits first, or by views.
    expect(indexes.articles_list_updated_idx).toEqual(['published_at', 'updated_at']);
    expect(indexes.articles_list_views_idx).toEqual(['published_at', 'views']);
  });
});

describe('first editor account', () => {
  it('is created from ADMIN_EMAIL / ADMIN_PASSWORD and can log in', async () => {
    const response = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { user: { email: string; roles?: unknown } } };
    expect(body.data.user.email).toBe('bientap@binhan.gov.vn');
    expect(await cms.strapi.db.query('admin::user').count()).toBe(1);
  });
});

describe('production mode', () => {
  it('serves no GraphQL landing page or playground', async () => {
    const response = await fetch(`${cms.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/<html|sandbox|playground/i);
  });

  it('answers errors without stack traces', async () => {
    for (const body of ['{ articles { nope } }', '{ articles(pagination: { pageSize: "x" }) { title } }']) {
      const response = await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: body }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toMatch(/stacktrace|"stack"|\s+at \S+ \(/);
    }
    const malformed = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/stacktrace|"stack"|\s+at \S+ \(/);
  });
});
