import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearchText } from '../src/bootstrap/search-text';
import { foldForSearch, searchTextOf, SEARCH_TEXT_VERSION } from '../src/lib/search-text';
import { plantDrafts, type DraftFixtures } from './fixtures/drafts';
import type { Cms } from './helpers/cms';
import { fullAccessToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * What agencies can ask of articles: a section with its sub-sections, an author, a publication date range
 * and a search that ignores case and diacritics, with totals. Every expected answer is worked out here from
 * the CMS's own data (the document service, which the public API's rewrites do not touch).
 */

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';

type Published = {
  documentId: string;
  title: string;
  lead: string;
  publishedAt: string;
  category: { documentId: string; slug: string } | null;
  author: { slug: string } | null;
};
type Connection = { articles_connection: { nodes: Array<{ documentId: string; publishedAt: string }>; pageInfo: { total: number } } };

let cms: Cms;
let token: string;
let drafts: DraftFixtures;
let published: Published[];
let categories: Array<{ documentId: string; slug: string; parent: { documentId: string } | null }>;

async function loadPublished(): Promise<Published[]> {
  return (await cms.strapi.documents(ARTICLE).findMany({
    status: 'published',
    fields: ['title', 'lead', 'publishedAt'],
    populate: { category: { fields: ['slug'] }, author: { fields: ['slug'] } },
    limit: 10_000,
  } as never)) as unknown as Published[];
}

beforeAll(async () => {
  cms = await bootSeededCms();
  token = await fullAccessToken(cms);
  drafts = await plantDrafts(cms);
  published = await loadPublished();
  categories = (await cms.strapi.documents(CATEGORY).findMany({
    status: 'published',
    fields: ['slug'],
    populate: { parent: { fields: ['slug'] } },
  } as never)) as unknown as typeof categories;
});

afterAll(async () => {
  await cms?.stop();
});

/** The published articles (as loaded at start) whose title or lead has `text`, case and diacritics aside. */
const matching = (text: string) => published.filter((article) => searchTextOf(article.title, article.lead).includes(foldForSearch(text)));

const ids = (articles: ReadonlyArray<{ documentId: string }>) => articles.map((article) => article.documentId).sort();

/** A section's own documentId and those of every category below it, worked out from the parents. */
function section(slug: string): Set<string> {
  const root = categories.find((category) => category.slug === slug);
  if (!root) throw new Error(`the demo content has no category ${slug}`);
  const found = new Set([root.documentId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const category of categories) {
      if (category.parent && found.has(category.parent.documentId) && !found.has(category.documentId)) {
        found.add(category.documentId);
        grew = true;
      }
    }
  }
  return found;
}

const CONNECTION = `query Find($filters: ArticleFiltersInput, $sort: [String] = ["publishedAt:desc", "documentId:asc"]) {
  articles_connection(filters: $filters, sort: $sort, pagination: { pageSize: 100 }) { nodes { documentId publishedAt } pageInfo { total } }
}`;

async function find(filters: Record<string, unknown>, sort?: string[]) {
  const result = await graphql<Connection>(cms, CONNECTION, { filters, ...(sort ? { sort } : {}) });
  expect(result.errors, JSON.stringify(filters)).toBeUndefined();
  return result.data!.articles_connection;
}

async function restTotal(query: string): Promise<{ ids: string[]; total: number }> {
  const response = await rest<Array<{ documentId: string }>>(cms, 'GET', `/api/articles?${query}&fields[0]=title&pagination[pageSize]=100`);
  expect(response.status, `${query} → ${response.raw.slice(0, 300)}`).toBe(200);
  return { ids: ids(response.body.data!), total: response.body.meta!.pagination!.total };
}

describe('a section', () => {
  it('brings its sub-sections’ articles, over GraphQL and REST, with the total', async () => {
    const tree = section('tin-tuc');
    expect(tree.size).toBeGreaterThan(2);
    const expected = published.filter((article) => article.category && tree.has(article.category.documentId));
    // The parent section has articles of several sub-sections, not only of its own.
    expect(new Set(expected.map((article) => article.category!.slug)).size).toBeGreaterThan(1);
    const found = await find({ category: { slug: { eq: 'tin-tuc' } } });
    expect(found.pageInfo.total).toBe(expected.length);
    expect(ids(found.nodes)).toEqual(ids(expected));
    const dates = found.nodes.map((node) => Date.parse(node.publishedAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(await restTotal('filters[category][slug][$eq]=tin-tuc')).toEqual({ ids: ids(expected), total: expected.length });
    expect((await restTotal('filters[category][slug]=tin-tuc')).total).toBe(expected.length);
  });

  it('without sub-sections is its own articles; ne and notIn leave the whole section out', async () => {
    const leaf = published.filter((article) => article.category?.slug === 'kinh-te');
    expect(leaf.length).toBeGreaterThan(0);
    expect(ids((await find({ category: { slug: { eq: 'kinh-te' } } })).nodes)).toEqual(ids(leaf));
    const tree = section('tin-tuc');
    const outside = published.filter((article) => article.category && !tree.has(article.category.documentId));
    expect(outside.length).toBeGreaterThan(0);
    expect(ids((await find({ category: { slug: { ne: 'tin-tuc' } } })).nodes)).toEqual(ids(outside));
    expect(ids((await find({ category: { slug: { notIn: ['tin-tuc'] } } })).nodes)).toEqual(ids(outside));
    const both = published.filter((article) => ['kinh-te', 'y-te-giao-duc'].includes(article.category?.slug ?? ''));
    expect((await find({ category: { slug: { in: ['kinh-te', 'y-te-giao-duc'] } } })).pageInfo.total).toBe(both.length);
  });

  it('that no published category has is a 400 naming the argument; a draft category is as unknown', async () => {
    const draftSlug = (
      (await cms.strapi.documents(CATEGORY).findOne({ documentId: drafts.draftCategory.documentId } as never)) as unknown as { slug: string }
    ).slug;
    expect(draftSlug).toBeTruthy();
    for (const slug of ['khong-co-chuyen-muc', draftSlug]) {
      const result = await graphql(cms, CONNECTION, { filters: { category: { slug: { eq: slug } } } });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe(
        `Invalid filter filters[category][slug][$eq]: no published category has the slug "${slug}" (at articles_connection(filters.category.slug.eq))`,
      );
      const response = await rest(cms, 'GET', `/api/articles?filters[category][slug][$eq]=${slug}`);
      expect(response.status).toBe(400);
      expect(response.body.error?.message).toBe(`Invalid filter filters[category][slug][$eq]: no published category has the slug "${slug}"`);
    }
    expect(JSON.stringify(await graphql(cms, CONNECTION, { filters: { category: { slug: { eq: draftSlug } } } }))).not.toContain(
      drafts.draftCategory.documentId,
    );
  });
});

describe('an author and a date range', () => {
  it('filters by the author’s slug', async () => {
    const slug = published[0].author!.slug;
    const expected = published.filter((article) => article.author?.slug === slug);
    expect(expected.length).toBeGreaterThan(1);
    const found = await find({ author: { slug: { eq: slug } } });
    expect(found.pageInfo.total).toBe(expected.length);
    expect(ids(found.nodes)).toEqual(ids(expected));
  });

  it('filters by publishedAt from (inclusive) to (exclusive), oldest first when asked', async () => {
    const dates = published.map((article) => article.publishedAt).sort();
    const [since, until] = [dates[Math.floor(dates.length / 4)], dates[Math.floor((dates.length * 3) / 4)]];
    const expected = published.filter((article) => article.publishedAt >= since && article.publishedAt < until);
    const found = await find({ publishedAt: { gte: since, lt: until } }, ['publishedAt:asc', 'documentId:asc']);
    expect(found.pageInfo.total).toBe(expected.length);
    expect(ids(found.nodes)).toEqual(ids(expected));
    expect(found.nodes[0].publishedAt).toBe(since);
    const times = found.nodes.map((node) => Date.parse(node.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('refuses a malformed date with a 400 naming the argument, over GraphQL and REST', async () => {
    const literal = await graphql(cms, '{ articles(filters: { publishedAt: { gte: "2026-13-45" } }) { title } }');
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0]?.message).toContain('(at articles(filters.publishedAt.gte))');
    const variable = await graphql(cms, CONNECTION, { filters: { publishedAt: { gte: '2026-13-45' } } });
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0]?.message).toContain('filters.publishedAt.gte');
    const response = await rest(cms, 'GET', '/api/articles?filters[publishedAt][$gte]=2026-13-45');
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain('filters[publishedAt][$gte]');
  });
});

describe('the search', () => {
  it('ignores case and diacritics, in title and lead, with the same answer over GraphQL and REST', async () => {
    const expected = matching('bảo vệ an ninh');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((article) => /bảo vệ an ninh/i.test(article.title + article.lead))).toBe(true);
    for (const text of ['bao ve an ninh', 'BẢO VỆ AN NINH', 'Bảo vệ an ninh', 'bảo vệ, an ninh!', 'bao ve an ninh'.normalize('NFD')]) {
      const found = await find({ searchText: { containsi: text } });
      expect(found.pageInfo.total, text).toBe(expected.length);
      expect(ids(found.nodes), text).toEqual(ids(expected));
    }
    expect(await restTotal(`filters[searchText][$containsi]=${encodeURIComponent('BẢO VỆ')}`)).toEqual({
      ids: ids(matching('bảo vệ')),
      total: matching('bảo vệ').length,
    });
  });

  it('folds đ and Đ to d', async () => {
    const word = published
      .flatMap((article) => article.title.split(/\s+/))
      .find((candidate) => /^[\p{L}]+$/u.test(candidate) && /đ/i.test(candidate) && candidate.length > 3);
    expect(word).toBeTruthy();
    const expected = matching(word!);
    expect(expected.length).toBeGreaterThan(0);
    for (const text of [foldForSearch(word!), word!.toUpperCase(), word!.replace(/đ/g, 'Đ')]) {
      expect(ids((await find({ searchText: { containsi: text } })).nodes), text).toEqual(ids(expected));
    }
  });

  it('combines with the other filters, and `and` asks for several words anywhere', async () => {
    const tree = section('tin-tuc');
    const expected = matching('tỉnh').filter((article) => tree.has(article.category!.documentId));
    expect(expected.length).toBeGreaterThan(0);
    const found = await find({ searchText: { containsi: 'TỈNH' }, category: { slug: { eq: 'tin-tuc' } } });
    expect(ids(found.nodes)).toEqual(ids(expected));
    const both = matching('tỉnh').filter((article) => matching('năm').includes(article));
    expect((await find({ and: [{ searchText: { containsi: 'Tinh' } }, { searchText: { containsi: 'NĂM' } }] })).pageInfo.total).toBe(both.length);
    const without = published.filter((article) => !matching('tỉnh').includes(article));
    expect((await find({ searchText: { notContainsi: 'tinh' } })).pageInfo.total).toBe(without.length);
  });

  it('refuses an empty text and the operators it does not offer, naming the argument', async () => {
    for (const [filter, named] of [
      [{ containsi: '' }, 'filters.searchText.containsi'],
      [{ containsi: '   ' }, 'filters.searchText.containsi'],
      [{ containsi: '?!…' }, 'filters.searchText.containsi'],
      [{ eq: 'bao ve' }, 'filters.searchText.eq'],
      [{ null: true }, 'filters.searchText.null'],
    ] as const) {
      const result = await graphql(cms, CONNECTION, { filters: { searchText: filter } });
      expect(result.status, JSON.stringify(filter)).toBe(400);
      expect(result.errors?.[0]?.message, JSON.stringify(filter)).toContain(`(at articles_connection(${named}))`);
    }
    const response = await rest(cms, 'GET', '/api/articles?filters[searchText][$containsi]=%20');
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toBe(
      'Invalid filter filters[searchText][$containsi]: the search text is empty: give at least one letter or digit',
    );
  });

  it('folds inside GraphQL relation fields too', async () => {
    const author = published[0].author!.slug;
    const expected = matching('bảo vệ').filter((article) => article.author?.slug === author);
    const query = `query($author: String!, $filters: ArticleFiltersInput) {
      authors(filters: { slug: { eq: $author } }) { articles(filters: $filters, pagination: { limit: 100 }) { documentId } }
    }`;
    const search = await graphql<{ authors: Array<{ articles: Array<{ documentId: string }> }> }>(cms, query, {
      author,
      filters: { searchText: { containsi: 'BẢO VỆ' } },
    });
    expect(search.errors).toBeUndefined();
    expect(ids(search.data!.authors[0].articles)).toEqual(ids(expected));
    const tree = section('tin-tuc');
    const inSection = await graphql<{ authors: Array<{ articles: Array<{ documentId: string }> }> }>(cms, query, {
      author,
      filters: { category: { slug: { eq: 'tin-tuc' } } },
    });
    expect(ids(inSection.data!.authors[0].articles)).toEqual(
      ids(published.filter((a) => a.author?.slug === author && tree.has(a.category!.documentId))),
    );
    const unknown = await graphql(cms, query, { author, filters: { category: { slug: { eq: 'khong-co' } } } });
    expect(unknown.errors?.[0]?.message).toContain('no published category has the slug "khong-co" (at articles(filters.category.slug.eq))');
  });
});

describe('searchText itself', () => {
  it('is not part of any answer, GraphQL or REST, populated relations included', async () => {
    const asked = await graphql(cms, '{ articles { title searchText } }');
    expect(asked.status).toBe(400);
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const path of [
      '/api/articles?pagination[pageSize]=5',
      '/api/articles?fields[0]=title&fields[1]=searchText',
      '/api/authors?populate[articles][fields][0]=searchText&populate[articles][fields][1]=title',
      '/api/categories?populate=*',
    ]) {
      const response = await rest(cms, 'GET', path);
      expect(response.status, path).toBe(200);
      expect(response.raw, path).not.toContain('searchText');
    }
  });

  it('cannot be written through the API, even with a full-access token', async () => {
    const response = await rest(cms, 'POST', '/api/articles', { token, body: { data: { title: 'Tiêu đề', lead: 'Sapo', searchText: 'bao ve' } } });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain('searchText');
    const mutation = await graphql(
      cms,
      'mutation { createArticle(data: { title: "Tiêu đề", lead: "Sapo", searchText: "x" }) { documentId } }',
      {},
      token,
    );
    expect(mutation.status).toBe(400);
    expect(mutation.errors?.[0]?.message).toContain('searchText');
  });

  it('follows every write: create, edit, an unpublished draft (never searchable) and its publication', async () => {
    const created = await rest<{ documentId: string }>(cms, 'POST', '/api/articles', {
      token,
      body: { data: { title: 'Ngày hội Đại đoàn kết toàn dân tộc ở thôn Phú Xuân', lead: 'Bà con góp công làm đường bê tông liên xóm.' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.data!.documentId;
    expect(ids((await find({ searchText: { containsi: 'dai doan ket toan dan toc' } })).nodes)).toEqual([id]);

    const edited = await rest(cms, 'PUT', `/api/articles/${id}`, {
      token,
      body: { data: { lead: 'Thanh niên tình nguyện trồng cây xanh ven đê.' } },
    });
    expect(edited.status).toBe(200);
    expect((await find({ searchText: { containsi: 'be tong lien xom' } })).pageInfo.total).toBe(0);
    expect(ids((await find({ searchText: { containsi: 'TRỒNG CÂY XANH VEN ĐÊ' } })).nodes)).toEqual([id]);
    // The title was not sent: the stored one still counts.
    expect(ids((await find({ searchText: { containsi: 'phu xuan' } })).nodes)).toEqual([id]);

    // An editor's unpublished edit: the published article must not be found by the draft's words.
    await cms.strapi.documents(ARTICLE).update({ documentId: id, data: { title: 'Bản sửa chưa duyệt về hồ Xuân Hương mới' } } as never);
    expect((await find({ searchText: { containsi: 'xuan huong' } })).pageInfo.total).toBe(0);
    expect((await restTotal('filters[searchText][$containsi]=xuan%20huong')).total).toBe(0);
    expect((await find({ searchText: { containsi: drafts.draftOnly.title } })).pageInfo.total).toBe(0);
    await cms.strapi.documents(ARTICLE).publish({ documentId: id } as never);
    expect(ids((await find({ searchText: { containsi: 'xuan huong' } })).nodes)).toEqual([id]);
    expect((await find({ searchText: { containsi: 'phu xuan' } })).pageInfo.total).toBe(0);
  });

  it('follows writes by code too: a forged value is replaced, and a partial updateMany refolds each row from its own text', async () => {
    const documents = cms.strapi.documents(ARTICLE);
    const created = await documents.create({
      data: { title: 'Hội thi gói bánh chưng ở làng Đông Khê', lead: 'Sapo thứ nhất.', searchText: 'gia mao' },
    } as never);
    const rows = () =>
      cms.strapi.db.query(ARTICLE).findMany({ where: { documentId: created.documentId }, select: ['id', 'title', 'lead', 'searchText'] }) as Promise<
        Array<{ id: number; title: string; lead: string; searchText: string }>
      >;
    expect((await rows())[0].searchText).toBe('hoi thi goi banh chung o lang dong khe\nsapo thu nhat');
    await documents.update({ documentId: created.documentId, data: { searchText: 'gia mao' } } as never);
    expect((await rows())[0].searchText).toBe('hoi thi goi banh chung o lang dong khe\nsapo thu nhat');

    const other = await documents.create({ data: { title: 'Trao học bổng cho học sinh vùng cao', lead: 'Sapo thứ hai.' } } as never);
    const both = [created.documentId, other.documentId];
    await cms.strapi.db.query(ARTICLE).updateMany({ where: { documentId: { $in: both } }, data: { lead: 'Cùng một sapo mới' } });
    const stored = (await cms.strapi.db.query(ARTICLE).findMany({ where: { documentId: { $in: both } }, select: ['title', 'searchText'] })) as Array<{
      title: string;
      searchText: string;
    }>;
    expect(stored.map((row) => row.searchText).sort()).toEqual(
      ['hoi thi goi banh chung o lang dong khe\ncung mot sapo moi', 'trao hoc bong cho hoc sinh vung cao\ncung mot sapo moi'].sort(),
    );
  });

  it('is filled at start for rows that lack it, and recomputed everywhere when the folding changes', async () => {
    const articles = () => cms.strapi.db.connection('articles');
    const rows = await cms.strapi.db.query(ARTICLE).count();
    // Straight to the column, as rows written before the field existed look.
    await articles().update({ search_text: null });
    expect(await backfillSearchText(cms.strapi)).toBe(rows);
    expect(await backfillSearchText(cms.strapi)).toBe(0);
    const stored = (await cms.strapi.db.query(ARTICLE).findMany({ select: ['id', 'title', 'lead', 'searchText'] })) as Array<Record<string, string>>;
    for (const row of stored) expect(row.searchText).toBe(searchTextOf(row.title, row.lead));

    const store = cms.strapi.store({ type: 'plugin', name: 'portal', key: 'search-text-version' });
    expect(await store.get()).toBe(SEARCH_TEXT_VERSION);
    await articles().where({ id: stored[0].id }).update({ search_text: 'cu' });
    await store.set({ value: SEARCH_TEXT_VERSION - 1 });
    expect(await backfillSearchText(cms.strapi)).toBe(1);
    expect(await store.get()).toBe(SEARCH_TEXT_VERSION);
    expect(await cms.strapi.db.query(ARTICLE).count({ where: { searchText: 'cu' } })).toBe(0);
    expect((await find({ searchText: { containsi: 'bao ve an ninh' } })).pageInfo.total).toBe(matching('bao ve an ninh').length);
  });

  it('is left out of the dashboard’s edit form and list (the attribute is not visible)', async () => {
    type Configuration = {
      layouts: { edit: Array<Array<{ name: string }>>; list: string[] };
      metadatas: Record<string, { edit?: { visible?: boolean } }>;
    };
    const service = cms.strapi.plugin('content-manager').service<{
      findContentType(uid: string): unknown;
      findConfiguration(contentType: unknown): Promise<Configuration>;
    }>('content-types');
    const configuration = await service.findConfiguration(service.findContentType(ARTICLE));
    const editFields = configuration.layouts.edit.flat().map((field) => field.name);
    expect(editFields).toContain('lead');
    expect(editFields).not.toContain('searchText');
    expect(configuration.layouts.list).not.toContain('searchText');
    expect(configuration.metadatas.searchText?.edit?.visible ?? false).toBe(false);
    expect(cms.strapi.contentType(ARTICLE).attributes.searchText).toMatchObject({ visible: false, writable: false });
  });
});
