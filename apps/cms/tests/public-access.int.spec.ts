import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { fullAccessToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';
import { plantDrafts, type DraftFixtures } from './fixtures/drafts';

const ARTICLE = 'api::article.article';

type Article = {
  documentId: string;
  title: string;
  slug: string;
  author: { name: string; slug: string } | null;
  category: { name: string; slug: string } | null;
  cover: { url: string; alternativeText: string | null } | null;
  relatedArticles: Array<{ documentId: string; title: string }>;
};

const ARTICLE_FIELDS = `documentId title slug
  author { name slug }
  category { name slug }
  cover { url alternativeText }
  relatedArticles { documentId title }`;

let cms: Cms;
let token: string;
let draftOnly: DraftFixtures['draftOnly'];
let edited: DraftFixtures['edited'];
let linking: DraftFixtures['linking'];

beforeAll(async () => {
  cms = await bootSeededCms();
  token = await fullAccessToken(cms);
  ({ draftOnly, edited, linking } = await plantDrafts(cms));
});

afterAll(async () => {
  await cms?.stop();
});

function allText(value: unknown): string {
  return JSON.stringify(value);
}

describe('anonymous GraphQL readers', () => {
  it('see published articles with author, category, cover and related articles', async () => {
    const result = await graphql<{ articles: Article[] }>(
      cms,
      `query { articles(sort: "publishedAt:desc", pagination: { pageSize: 100 }) { ${ARTICLE_FIELDS} } }`,
    );
    expect(result.errors).toBeUndefined();
    const articles = result.data!.articles;
    expect(articles.length).toBeGreaterThanOrEqual(60);
    for (const article of articles) {
      expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(article.author?.name).toBeTruthy();
      expect(article.category?.name).toBeTruthy();
      expect(article.cover?.url).toMatch(/^\/uploads\/.+\.(jpg|png)$/);
      expect(article.cover?.alternativeText).toBeTruthy();
    }
    expect(articles.some((article) => article.relatedArticles.length > 0)).toBe(true);
  });

  it('never see a draft in lists', async () => {
    const result = await graphql<{ articles: Article[] }>(
      cms,
      `
        {
          articles(pagination: { pageSize: 100 }) {
            documentId
            title
          }
        }
      `,
    );
    const text = allText(result.data);
    expect(text).not.toContain(draftOnly.documentId);
    expect(text).not.toContain(edited.draftTitle);
    expect(text).toContain(edited.publishedTitle);
  });

  it('never see a draft by slug or by id', async () => {
    const bySlug = await graphql<{ articles: Article[] }>(
      cms,
      `
        query ($slug: String!) {
          articles(filters: { slug: { eq: $slug } }) {
            title
          }
        }
      `,
      {
        slug: draftOnly.slug,
      },
    );
    expect(bySlug.data!.articles).toEqual([]);
    const byId = await graphql<{ article: Article | null }>(
      cms,
      `
        query ($id: ID!) {
          article(documentId: $id) {
            title
          }
        }
      `,
      {
        id: draftOnly.documentId,
      },
    );
    expect(byId.data!.article).toBeNull();
  });

  it('never see a draft through a relation', async () => {
    const result = await graphql<{ article: Article & { author: { articles: Array<{ documentId: string }> } } }>(
      cms,
      `
        query ($id: ID!) {
          article(documentId: $id) {
            relatedArticles {
              documentId
              title
            }
            author {
              articles(pagination: { pageSize: 100 }) {
                documentId
              }
            }
            category {
              articles(pagination: { pageSize: 100 }) {
                documentId
                title
              }
            }
          }
        }
      `,
      { id: linking.documentId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.article.relatedArticles.map((a) => a.title)).toEqual([linking.relatedTitle]);
    const text = allText(result.data);
    expect(text).not.toContain(draftOnly.documentId);
    expect(text).not.toContain(edited.draftTitle);
  });

  it('get no draft when they ask for drafts', async () => {
    for (const query of [
      `{ articles(status: DRAFT) { documentId title } }`,
      `{ articles_connection(status: DRAFT) { nodes { documentId title } } }`,
      `query($id: ID!) { article(documentId: $id, status: DRAFT) { title } }`,
      `{ authors(status: DRAFT) { name articles { title } } }`,
    ]) {
      const result = await graphql(cms, query, { id: draftOnly.documentId });
      const text = allText(result.data ?? null);
      expect(text).not.toContain(draftOnly.title);
      expect(text).not.toContain(edited.draftTitle);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('anonymous REST readers', () => {
  it('see published articles and no draft, even when they ask for drafts', async () => {
    const list = await rest<Array<{ documentId: string; title: string }>>(cms, 'GET', '/api/articles?pagination[pageSize]=100');
    expect(list.status).toBe(200);
    expect(list.body.data!.length).toBeGreaterThanOrEqual(60);
    expect(list.raw).not.toContain(draftOnly.documentId);
    expect(list.raw).not.toContain(edited.draftTitle);

    for (const path of [
      '/api/articles?status=draft',
      `/api/articles/${draftOnly.documentId}?status=draft`,
      `/api/articles/${draftOnly.documentId}`,
      `/api/authors?status=draft&populate=articles`,
    ]) {
      const response = await rest(cms, 'GET', path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.raw).not.toContain(draftOnly.title);
      expect(response.raw).not.toContain(edited.draftTitle);
    }
  });

  it('cannot read drafts even with an API token', async () => {
    const response = await rest(cms, 'GET', '/api/articles?status=draft', { token });
    expect(response.status).toBe(403);
    expect(response.raw).not.toContain(draftOnly.title);
  });
});

describe('errors returned to anonymous callers', () => {
  it('carry no stack traces', async () => {
    const responses = [
      (
        await graphql(
          cms,
          `
            {
              articles {
                nonexistent
              }
            }
          `,
        )
      ).raw,
      (
        await graphql(
          cms,
          `
            {
              articles(filters: { title: { eq: 5 } }) {
                title
              }
            }
          `,
        )
      ).raw,
      (
        await graphql(
          cms,
          `
            {
              articles(pagination: { pageSize: -3 }) {
                title
              }
            }
          `,
        )
      ).raw,
      (
        await graphql(
          cms,
          `
            mutation {
              deleteArticle(documentId: "x") {
                documentId
              }
            }
          `,
        )
      ).raw,
      (await rest(cms, 'GET', '/api/articles?filters[nope][$eq]=1')).raw,
      (await rest(cms, 'GET', '/api/articles?sort=%00')).raw,
      (await rest(cms, 'POST', '/api/articles', { body: { data: { title: 1 } } })).raw,
    ];
    for (const raw of responses) {
      expect(raw).not.toMatch(/stacktrace|"stack"|\s+at \S+ \(|node_modules/);
    }
  });
});

describe('anonymous writes', () => {
  it('are refused over REST', async () => {
    const [article] = (await rest<Array<{ documentId: string }>>(cms, 'GET', '/api/articles?pagination[pageSize]=1')).body.data!;
    const create = await rest(cms, 'POST', '/api/articles', { body: { data: { title: 'Tin giả', lead: 'x' } } });
    const update = await rest(cms, 'PUT', `/api/articles/${article.documentId}`, { body: { data: { title: 'Sửa trái phép' } } });
    const views = await rest(cms, 'PUT', `/api/articles/${article.documentId}`, { body: { data: { views: 999999 } } });
    const remove = await rest(cms, 'DELETE', `/api/articles/${article.documentId}`);
    const author = await rest(cms, 'POST', '/api/authors', { body: { data: { name: 'Ai đó' } } });
    const settings = await rest(cms, 'PUT', '/api/site-setting', { body: { data: { portalName: 'Giả mạo' } } });
    for (const response of [create, update, views, remove, author, settings]) {
      expect(response.status).toBe(403);
      expect(response.body.error?.name).toBe('ForbiddenError');
    }
    const after = await rest<{ title: string; views: number }>(cms, 'GET', `/api/articles/${article.documentId}`);
    expect(after.body.data!.title).not.toBe('Sửa trái phép');
    expect(after.body.data!.views).not.toBe(999999);
  });

  it('are refused over GraphQL', async () => {
    for (const mutation of [
      `mutation { createArticle(data: { title: "Tin giả", lead: "x" }) { documentId } }`,
      `mutation { deleteArticle(documentId: "${linking.documentId}") { documentId } }`,
      `mutation { updateSiteSetting(data: { portalName: "Giả mạo" }) { portalName } }`,
    ]) {
      const result = await graphql(cms, mutation);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('cannot register users', async () => {
    const response = await rest(cms, 'POST', '/api/auth/local/register', {
      body: { username: 'khach', email: 'khach@example.com', password: 'MatKhau123' },
    });
    expect(response.status).toBe(403);
    expect(await cms.strapi.db.query('plugin::users-permissions.user').count()).toBe(0);
  });
});

describe('views', () => {
  it('cannot be written through the content API, even with a full-access token', async () => {
    const publishedViews = async () =>
      (
        (await cms.strapi.db.query(ARTICLE).findOne({ where: { documentId: linking.documentId, publishedAt: { $notNull: true } } })) as {
          views: number;
        }
      ).views;
    const before = await publishedViews();
    const put = await rest(cms, 'PUT', `/api/articles/${linking.documentId}`, { token, body: { data: { views: 123456 } } });
    expect(put.status).toBe(400);
    expect(put.body.error?.name).toBe('ValidationError');
    const post = await rest(cms, 'POST', '/api/articles', { token, body: { data: { title: 'Có lượt xem', lead: 'x', views: 5 } } });
    expect(post.status).toBe(400);
    const mutation = await graphql(
      cms,
      `
        mutation ($id: ID!) {
          updateArticle(documentId: $id, data: { views: 5 }) {
            views
          }
        }
      `,
      { id: linking.documentId },
      token,
    );
    expect(mutation.status).toBe(400);
    expect(await publishedViews()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  it('are readable by everyone and shown read-only to editors', async () => {
    const result = await graphql<{ article: { views: number } }>(
      cms,
      `
        query ($id: ID!) {
          article(documentId: $id) {
            views
          }
        }
      `,
      {
        id: linking.documentId,
      },
    );
    expect(result.data!.article.views).toBeGreaterThan(0);
    const contentTypes = cms.strapi.plugin('content-manager').service<{
      findContentType(uid: string): unknown;
      findConfiguration(contentType: unknown): Promise<{ metadatas: Record<string, { edit: { editable: boolean } }> }>;
    }>('content-types');
    const configuration = await contentTypes.findConfiguration(contentTypes.findContentType(ARTICLE));
    expect(configuration.metadatas.views.edit.editable).toBe(false);
  });
});
