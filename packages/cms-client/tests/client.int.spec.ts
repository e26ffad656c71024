import { bootSeededCms, type Cms } from 'cms/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCmsClient,
  fetchAllArticles,
  fetchAllAuthors,
  fetchAllCategories,
  fetchArticlesByIds,
  fetchSiteSettings,
  type Article,
} from '../src/index';

const ARTICLE = 'api::article.article';

let cms: Cms;
let articles: Article[];

/** The documentIds of every published document of a content type, straight from Strapi. */
async function publishedIds(uid: 'api::article.article' | 'api::author.author' | 'api::category.category'): Promise<string[]> {
  const documents = await cms.strapi.documents(uid).findMany({ status: 'published', fields: ['documentId'] } as never);
  return documents.map((document) => document.documentId).sort();
}

beforeAll(async () => {
  cms = await bootSeededCms();
  articles = await fetchAllArticles(createCmsClient({ url: cms.url }));
});

afterAll(async () => {
  await cms?.stop();
});

describe('fetchAllArticles', () => {
  it('returns every published article once, and no draft', async () => {
    const published = await cms.strapi.documents(ARTICLE).count({ status: 'published' } as never);
    expect(published).toBeGreaterThan(50);
    expect(articles).toHaveLength(published);
    expect(new Set(articles.map((article) => article.documentId)).size).toBe(published);
    expect(articles.map((article) => article.documentId).sort()).toEqual(await publishedIds(ARTICLE));
  });

  it('lists the newest first', () => {
    const dates = articles.map((article) => Date.parse(article.publishedAt ?? ''));
    expect(dates.every(Number.isFinite)).toBe(true);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('brings author, category, cover, body and SEO along', () => {
    for (const article of articles) {
      expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(article.author?.name).toBeTruthy();
      expect(article.category?.slug).toBeTruthy();
      expect(article.cover?.url).toMatch(/^\/uploads\/.+\.(jpg|png)$/);
      expect(article.cover?.width).toBeGreaterThan(0);
      expect(Array.isArray(article.body)).toBe(true);
      expect(Array.isArray(article.relatedArticles)).toBe(true);
    }
    expect(articles.some((article) => article.relatedArticles.length > 0)).toBe(true);
    expect(articles.some((article) => article.category?.parent)).toBe(true);
  });
});

describe('fetchArticlesByIds', () => {
  it('returns the published ones among the ids, in the order asked, without unknown ids', async () => {
    const wanted = [articles[5], articles[0], articles[40]].map((article) => article.documentId);
    const found = await fetchArticlesByIds(createCmsClient({ url: cms.url }), [wanted[0], 'no-such-document', ...wanted.slice(1)]);
    expect(found.map((article) => article.documentId)).toEqual(wanted);
    expect(found[1]).toEqual(articles[0]);
  });

  it('asks in batches when there are more ids than fit in one page', async () => {
    const client = createCmsClient({ url: cms.url, pageSize: 7 });
    const ids = articles.map((article) => article.documentId).reverse();
    const found = await fetchArticlesByIds(client, ids);
    expect(found.map((article) => article.documentId)).toEqual(ids);
  });
});

describe('authors, categories and site settings', () => {
  it('fetchAllAuthors returns every published author with an avatar', async () => {
    const authors = await fetchAllAuthors(createCmsClient({ url: cms.url, pageSize: 4 }));
    expect(authors.map((author) => author.documentId).sort()).toEqual(await publishedIds('api::author.author'));
    for (const author of authors) {
      expect(author.name).toBeTruthy();
      expect(author.avatar?.url).toMatch(/^\/uploads\//);
    }
  });

  it('fetchAllCategories returns every published category, parents included', async () => {
    const categories = await fetchAllCategories(createCmsClient({ url: cms.url, pageSize: 3 }));
    expect(categories.map((category) => category.documentId).sort()).toEqual(await publishedIds('api::category.category'));
    const slugs = new Set(categories.map((category) => category.slug));
    for (const category of categories) if (category.parent) expect(slugs.has(category.parent.slug)).toBe(true);
  });

  it('fetchSiteSettings returns the portal name, banner, footer and menu', async () => {
    const settings = await fetchSiteSettings(createCmsClient({ url: cms.url }));
    expect(settings?.portalName).toBe('Cổng thông tin điện tử tỉnh Bình An');
    expect(settings?.banner?.url).toMatch(/^\/uploads\//);
    expect(settings?.footer?.agency).toBeTruthy();
    expect(settings?.menu.map((category) => category.slug)).toContain('kinh-te');
  });
});
