import { describe, expect, it } from 'vitest';
import { rewriteFilters, rewriteQuery, subtree, type PublishedCategory, type RewriteOptions } from '../src/lib/article-filters';
import { FilterError, type Model } from '../src/lib/filter-validation';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const AUTHOR = 'api::author.author';

const MODELS: Record<string, Model> = {
  [ARTICLE]: {
    attributes: {
      title: { type: 'string' },
      searchText: { type: 'text' },
      category: { type: 'relation', target: CATEGORY },
      author: { type: 'relation', target: AUTHOR },
      relatedArticles: { type: 'relation', target: ARTICLE },
    },
  },
  [CATEGORY]: {
    attributes: {
      slug: { type: 'uid' },
      name: { type: 'string' },
      parent: { type: 'relation', target: CATEGORY },
      articles: { type: 'relation', target: ARTICLE },
    },
  },
  [AUTHOR]: { attributes: { slug: { type: 'uid' }, articles: { type: 'relation', target: ARTICLE } } },
};

/** tin-tuc ⊃ kinh-te ⊃ nong-nghiep; y-te stands alone. */
const CATEGORIES: PublishedCategory[] = [
  { documentId: 'TT', slug: 'tin-tuc', parentDocumentId: null },
  { documentId: 'KT', slug: 'kinh-te', parentDocumentId: 'TT' },
  { documentId: 'NN', slug: 'nong-nghiep', parentDocumentId: 'KT' },
  { documentId: 'YT', slug: 'y-te', parentDocumentId: null },
];

function options(dialect: RewriteOptions['dialect'], loads: { count: number } = { count: 0 }): RewriteOptions {
  return {
    models: (uid) => MODELS[uid],
    dialect,
    categories: () => {
      loads.count += 1;
      return Promise.resolve(CATEGORIES);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<FilterError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof FilterError)) throw new Error(`expected a FilterError, got ${String(error)}`);
  return error;
}

describe('subtree', () => {
  it('is the category and everything below it, and survives a cycle', () => {
    expect(subtree(CATEGORIES, 'TT').sort()).toEqual(['KT', 'NN', 'TT']);
    expect(subtree(CATEGORIES, 'NN')).toEqual(['NN']);
    const cycle: PublishedCategory[] = [
      { documentId: 'A', slug: 'a', parentDocumentId: 'B' },
      { documentId: 'B', slug: 'b', parentDocumentId: 'A' },
    ];
    expect(subtree(cycle, 'A').sort()).toEqual(['A', 'B']);
  });
});

describe('the search filter', () => {
  it('folds the text of every substring operator', async () => {
    const filters = { searchText: { $containsi: 'BẢO VỆ An ninh!', $notContains: 'Đà Nẵng' } };
    expect(await rewriteFilters(options('strapi'), ARTICLE, filters)).toEqual({
      searchText: { $containsi: 'bao ve an ninh', $notContains: 'da nang' },
    });
    expect(await rewriteFilters(options('graphql'), ARTICLE, { searchText: { containsi: 'Bảo vệ' } })).toEqual({
      searchText: { containsi: 'bao ve' },
    });
  });

  it('folds inside and, or, not and through relations to articles', async () => {
    const filters = {
      $or: [{ searchText: { $containsi: 'Tỉnh' } }, { $not: { searchText: { $contains: 'HUYỆN' } } }],
      relatedArticles: { searchText: { $containsi: 'Xã' } },
    };
    expect(await rewriteFilters(options('strapi'), ARTICLE, filters)).toEqual({
      $or: [{ searchText: { $containsi: 'tinh' } }, { $not: { searchText: { $contains: 'huyen' } } }],
      relatedArticles: { searchText: { $containsi: 'xa' } },
    });
    expect(await rewriteFilters(options('graphql'), AUTHOR, { articles: { searchText: { containsi: 'Đê' } } })).toEqual({
      articles: { searchText: { containsi: 'de' } },
    });
  });

  it('refuses an empty text, naming the filter', async () => {
    for (const text of ['', '   ', '?!…']) {
      const error = await failure(rewriteFilters(options('strapi'), ARTICLE, { searchText: { $containsi: text } }));
      expect(error.message).toBe('Invalid filter filters[searchText][$containsi]: the search text is empty: give at least one letter or digit');
    }
    const graphql = await failure(rewriteFilters(options('graphql'), ARTICLE, { searchText: { containsi: ' ' } }));
    expect(graphql.path).toBe('filters[searchText][$containsi]');
  });

  it('refuses every other operator, a bare value and a text that is not a string (fail closed)', async () => {
    for (const searchText of [{ $eq: 'x' }, { $startsWith: 'x' }, { $null: true }, { $not: { $containsi: 'x' } }, 'bao ve', {}, { $containsi: 5 }]) {
      const error = await failure(rewriteFilters(options('strapi'), ARTICLE, { searchText }));
      expect(error.path).toMatch(/^filters\[searchText\]/);
    }
  });

  it('means nothing special on other models (a category has no searchText)', async () => {
    expect(await rewriteFilters(options('strapi'), CATEGORY, { name: { $containsi: 'Tin tức' } })).toEqual({ name: { $containsi: 'Tin tức' } });
  });
});

describe('the category filter', () => {
  it('takes a section with its sub-sections, at every depth', async () => {
    const rewritten = await rewriteFilters(options('strapi'), ARTICLE, { category: { slug: { $eq: 'tin-tuc' } } });
    expect(rewritten).toEqual({ category: { $and: [{ documentId: { $in: ['TT', 'KT', 'NN'] } }] } });
    expect(await rewriteFilters(options('graphql'), ARTICLE, { category: { slug: { eq: 'kinh-te' } } })).toEqual({
      category: { and: [{ documentId: { in: ['KT', 'NN'] } }] },
    });
  });

  it('reads a bare value, a list, eqi, in, ne and notIn; keeps other operators and fields', async () => {
    const strapi = options('strapi');
    expect(await rewriteFilters(strapi, ARTICLE, { category: { slug: 'y-te' } })).toEqual({ category: { $and: [{ documentId: { $in: ['YT'] } }] } });
    expect(await rewriteFilters(strapi, ARTICLE, { category: { slug: { $in: ['kinh-te', 'y-te'] } } })).toEqual({
      category: { $and: [{ documentId: { $in: ['KT', 'NN', 'YT'] } }] },
    });
    expect(await rewriteFilters(strapi, ARTICLE, { category: { slug: { $eqi: 'Y-TE' } } })).toEqual({
      category: { $and: [{ documentId: { $in: ['YT'] } }] },
    });
    expect(await rewriteFilters(strapi, ARTICLE, { category: { slug: { $ne: 'kinh-te', $startsWith: 'k' }, name: { $notNull: true } } })).toEqual({
      category: { $and: [{ documentId: { $notIn: ['KT', 'NN'] } }, { slug: { $startsWith: 'k' } }, { name: { $notNull: true } }] },
    });
    expect(await rewriteFilters(strapi, ARTICLE, { category: { slug: { $notIn: { 0: 'tin-tuc' } } } })).toEqual({
      category: { $and: [{ documentId: { $notIn: ['TT', 'KT', 'NN'] } }] },
    });
  });

  it('leaves a category filter without a slug, and slugs of other relations, as they are', async () => {
    const filters = { category: { name: { $eq: 'Kinh tế' } }, author: { slug: { $eq: 'minh-khoa' } } };
    expect(await rewriteFilters(options('strapi'), ARTICLE, filters)).toEqual(filters);
    expect(await rewriteFilters(options('strapi'), CATEGORY, { slug: { $eq: 'tin-tuc' } })).toEqual({ slug: { $eq: 'tin-tuc' } });
  });

  it('refuses a slug no published category has, naming the filter', async () => {
    const error = await failure(rewriteFilters(options('strapi'), ARTICLE, { category: { slug: { $eq: 'khong-co' } } }));
    expect(error.message).toBe('Invalid filter filters[category][slug][$eq]: no published category has the slug "khong-co"');
    const inList = await failure(rewriteFilters(options('graphql'), ARTICLE, { or: [{ category: { slug: { in: ['y-te', 'nope'] } } }] }));
    expect(inList.path).toBe('filters[$or][0][category][slug][$in][1]');
    const typed = await failure(rewriteFilters(options('strapi'), ARTICLE, { category: { slug: { $eq: { a: 1 } } } }));
    expect(typed.message).toContain('expected a category slug');
  });

  it('reads the categories once per query, and not at all without a category slug', async () => {
    const loads = { count: 0 };
    await rewriteQuery(options('strapi', loads), AUTHOR, {
      filters: { articles: { category: { slug: 'y-te' } } },
      populate: { articles: { filters: { $or: [{ category: { slug: 'kinh-te' } }, { category: { slug: 'tin-tuc' } }] } } },
    });
    expect(loads.count).toBe(1);
    await rewriteQuery(options('strapi', loads), ARTICLE, { filters: { searchText: { $containsi: 'x' } }, populate: '*' });
    expect(loads.count).toBe(1);
  });

  it('rewrites the filters of populated relations, nested populates included', async () => {
    const { populate } = await rewriteQuery(options('strapi'), AUTHOR, {
      populate: {
        articles: { filters: { searchText: { $containsi: 'Ấp' } }, populate: { relatedArticles: { filters: { category: { slug: 'y-te' } } } } },
      },
    });
    expect(populate).toEqual({
      articles: {
        filters: { searchText: { $containsi: 'ap' } },
        populate: { relatedArticles: { filters: { category: { $and: [{ documentId: { $in: ['YT'] } }] } } } },
      },
    });
  });
});
