import { bootSeededCms, searchTextOf, foldForSearch, type Cms } from 'cms/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmsRequestError, createCmsClient, fetchArticlesOfCategorySince, searchArticles } from '../src/index';

/** The agency helpers against a real seeded CMS; expected answers come from the CMS's own document service. */

type Published = {
  documentId: string;
  title: string;
  lead: string;
  publishedAt: string;
  category: { documentId: string; slug: string } | null;
  author: { slug: string } | null;
};
type PublishedCategory = { documentId: string; slug: string; parent: { documentId: string } | null };

let cms: Cms;
let published: Published[];
let categories: PublishedCategory[];

beforeAll(async () => {
  cms = await bootSeededCms();
  published = (await cms.strapi.documents('api::article.article').findMany({
    status: 'published',
    fields: ['title', 'lead', 'publishedAt'],
    populate: { category: { fields: ['slug'] }, author: { fields: ['slug'] } },
    limit: 10_000,
  } as never)) as unknown as Published[];
  categories = (await cms.strapi.documents('api::category.category').findMany({
    status: 'published',
    fields: ['slug'],
    populate: { parent: { fields: ['slug'] } },
  } as never)) as unknown as PublishedCategory[];
});

afterAll(async () => {
  await cms?.stop();
});

/** documentIds of a category and of the categories under it. */
function section(slug: string): Set<string> {
  const found = new Set(categories.filter((category) => category.slug === slug).map((category) => category.documentId));
  for (let size = 0; size !== found.size;) {
    size = found.size;
    for (const category of categories) if (category.parent && found.has(category.parent.documentId)) found.add(category.documentId);
  }
  return found;
}

const byDate = (order: 1 | -1) => (a: { publishedAt: string | null; documentId: string }, b: { publishedAt: string | null; documentId: string }) =>
  order * (Date.parse(a.publishedAt!) - Date.parse(b.publishedAt!)) || (a.documentId < b.documentId ? -1 : 1);

describe('fetchArticlesOfCategorySince', () => {
  it('pages through every article of the category and its sub-categories since the date, oldest first', async () => {
    const tree = section('tin-tuc');
    const dates = published.map((article) => article.publishedAt).sort();
    const since = new Date(dates[Math.floor(dates.length / 3)]);
    const expected = published
      .filter((article) => article.category && tree.has(article.category.documentId) && Date.parse(article.publishedAt) >= since.getTime())
      .sort(byDate(1));
    // Enough of them to need several pages of 7, from more than one sub-category.
    expect(expected.length).toBeGreaterThan(14);
    expect(new Set(expected.map((article) => article.category!.slug)).size).toBeGreaterThan(1);

    const articles = await fetchArticlesOfCategorySince(createCmsClient({ url: cms.url, pageSize: 7 }), 'tin-tuc', since);
    expect(articles.map((article) => article.documentId)).toEqual(expected.map((article) => article.documentId));
    for (const article of articles) {
      expect(Array.isArray(article.body)).toBe(true);
      expect(article.title).toBeTruthy();
      expect(tree.has(article.category!.documentId)).toBe(true);
    }
  });

  it('takes an ISO string as well as a Date, newest first when asked, and an end date', async () => {
    const client = createCmsClient({ url: cms.url, pageSize: 10 });
    const dates = published.map((article) => article.publishedAt).sort();
    const [since, until] = [dates[Math.floor(dates.length / 4)], dates[Math.floor((dates.length * 3) / 4)]];
    const tree = section('tin-tuc');
    const expected = published
      .filter((article) => tree.has(article.category!.documentId) && article.publishedAt >= since && article.publishedAt < until)
      .sort(byDate(-1));
    expect(expected.length).toBeGreaterThan(0);
    const articles = await fetchArticlesOfCategorySince(client, 'tin-tuc', since, { until, order: 'newest-first' });
    expect(articles.map((article) => article.documentId)).toEqual(expected.map((article) => article.documentId));
    const fromString = await fetchArticlesOfCategorySince(client, 'tin-tuc', new Date(since).toISOString().replace('Z', '+00:00'), {
      until: new Date(until),
    });
    expect(fromString.map((article) => article.documentId).sort()).toEqual(expected.map((article) => article.documentId).sort());
  });

  it('lists a category without sub-categories on its own, and nothing for a date after the newest article', async () => {
    const client = createCmsClient({ url: cms.url });
    const leaf = published.filter((article) => article.category?.slug === 'kinh-te');
    expect((await fetchArticlesOfCategorySince(client, 'kinh-te', '2000-01-01')).map((a) => a.documentId).sort()).toEqual(
      leaf.map((a) => a.documentId).sort(),
    );
    const newest = published
      .map((article) => article.publishedAt)
      .sort()
      .at(-1)!;
    expect(await fetchArticlesOfCategorySince(client, 'tin-tuc', new Date(Date.parse(newest) + 1))).toEqual([]);
  });

  it('fails on an unknown category with the CMS’s message, naming the slug', async () => {
    const failure = await fetchArticlesOfCategorySince(createCmsClient({ url: cms.url }), 'khong-co', '2020-01-01').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CmsRequestError);
    expect((failure as CmsRequestError).status).toBe(400);
    expect((failure as CmsRequestError).message).toContain('no published category has the slug "khong-co"');
  });
});

describe('searchArticles', () => {
  const matching = (text: string) => published.filter((article) => searchTextOf(article.title, article.lead).includes(foldForSearch(text)));

  it('finds title and lead words whatever their case and diacritics, newest first, with the total', async () => {
    const expected = matching('bảo vệ').sort(byDate(-1));
    expect(expected.length).toBeGreaterThan(1);
    const client = createCmsClient({ url: cms.url });
    for (const text of ['bao ve', 'BẢO VỆ', 'Bảo Vệ']) {
      const result = await searchArticles(client, text);
      expect(result.total, text).toBe(expected.length);
      expect(
        result.articles.map((article) => article.documentId),
        text,
      ).toEqual(expected.map((article) => article.documentId));
    }
    const [first] = (await searchArticles(client, 'bao ve')).articles;
    expect(first).not.toHaveProperty('body');
    expect(first.category?.slug).toBeTruthy();
  });

  it('pages, and narrows by category, author and dates', async () => {
    const client = createCmsClient({ url: cms.url });
    const all = matching('tỉnh').sort(byDate(-1));
    expect(all.length).toBeGreaterThan(4);
    const second = await searchArticles(client, 'tinh', { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: all.length, page: 2, pageCount: Math.ceil(all.length / 2) });
    expect(second.articles.map((article) => article.documentId)).toEqual(all.slice(2, 4).map((article) => article.documentId));

    const tree = section('tin-tuc');
    const inSection = await searchArticles(client, 'tinh', { category: 'tin-tuc', pageSize: 100 });
    expect(inSection.total).toBe(all.filter((article) => tree.has(article.category!.documentId)).length);
    const author = all[0].author!.slug;
    expect((await searchArticles(client, 'tinh', { author, pageSize: 100 })).total).toBe(
      all.filter((article) => article.author?.slug === author).length,
    );
    const since = all[Math.floor(all.length / 2)].publishedAt;
    expect((await searchArticles(client, 'tinh', { since, pageSize: 100 })).total).toBe(all.filter((article) => article.publishedAt >= since).length);
  });

  it('passes on the CMS’s refusal of a text with no letters or digits', async () => {
    const failure = await searchArticles(createCmsClient({ url: cms.url }), '?!').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CmsRequestError);
    expect((failure as CmsRequestError).status).toBe(400);
    expect((failure as CmsRequestError).message).toContain('the search text is empty');
  });
});
