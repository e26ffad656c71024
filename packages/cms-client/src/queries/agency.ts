import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { ArticlesMatchingDocument, SearchArticlesDocument, type ArticleFiltersInput, type ArticleSummaryFieldsFragment } from '../generated/graphql';
import { uniqueByDocumentId } from '../lists';
import { toArticle, type Article } from './articles';

/**
 * A filter of the CMS's articles, exactly as GraphQL's `ArticleFiltersInput` takes it (docs/api.md):
 * `category: { slug: { eq } }` includes sub-categories, `searchText: { containsi }` ignores case and diacritics.
 */
export type ArticleFilters = ArticleFiltersInput;

/** What a search lists of each article: enough for a results page, without the body. */
export type ArticleSummary = ArticleSummaryFieldsFragment;

/**
 * `oldest-first` (the default of the sync helpers) suits "everything since": an article published while the
 * pages are read lands after them, so no page shifts, and the last article's publishedAt is where the next
 * sync starts. `newest-first` lists as the portal does.
 */
export type ArticleOrder = 'oldest-first' | 'newest-first';

/** Codegen reads this text; requests send the generated documents built from it. */
export const agencyDocuments = gql`
  fragment ArticleSummaryFields on Article {
    documentId
    title
    slug
    lead
    publishedAt
    cover {
      ...MediaFile
    }
    author {
      documentId
      name
      slug
    }
    category {
      documentId
      name
      slug
      parent {
        documentId
        name
        slug
      }
    }
  }

  query ArticlesMatching($filters: ArticleFiltersInput!, $sort: [String]!, $page: Int!, $pageSize: Int!) {
    articles_connection(filters: $filters, sort: $sort, pagination: { page: $page, pageSize: $pageSize }) {
      nodes {
        ...ArticleFields
      }
      pageInfo {
        ...PageInfo
      }
    }
  }

  query SearchArticles($filters: ArticleFiltersInput!, $page: Int!, $pageSize: Int!) {
    articles_connection(filters: $filters, sort: ["publishedAt:desc", "id:desc"], pagination: { page: $page, pageSize: $pageSize }) {
      nodes {
        ...ArticleSummaryFields
      }
      pageInfo {
        ...PageInfo
      }
    }
  }
`;

/**
 * The row id breaks ties between articles published in the same millisecond, so pages never overlap; in the
 * same direction as publishedAt, the database reads each page straight from its publishedAt index.
 */
const SORT: Record<ArticleOrder, string[]> = {
  'oldest-first': ['publishedAt:asc', 'id:asc'],
  'newest-first': ['publishedAt:desc', 'id:desc'],
};

/**
 * `value` as the ISO timestamp GraphQL's DateTime takes. A date alone (`2026-01-01`) is midnight UTC; an
 * impossible one throws here, before any request, naming the option.
 */
export function toDateTime(value: Date | string, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(date.getTime())) {
    throw new RangeError(
      `${name} must be a Date or an ISO date such as 2026-01-31 or 2026-01-31T08:00:00+07:00 (got ${JSON.stringify(String(value))})`,
    );
  }
  return date.toISOString();
}

/** `gte since` and `lt until`, either or both. */
function publishedBetween(since: Date | string | undefined, until: Date | string | undefined): ArticleFilters['publishedAt'] {
  if (since === undefined && until === undefined) return undefined;
  return {
    ...(since === undefined ? {} : { gte: toDateTime(since, 'since') }),
    ...(until === undefined ? {} : { lt: toDateTime(until, 'until') }),
  };
}

/** Every published article that matches `filters`, through every page, in `order` (oldest first by default). */
export async function fetchArticlesMatching(client: CmsClient, filters: ArticleFilters, options: { order?: ArticleOrder } = {}): Promise<Article[]> {
  const sort = SORT[options.order ?? 'oldest-first'];
  const articles = await client.fetchAllPages(
    async (variables) => (await client.request(ArticlesMatchingDocument, { ...variables, filters, sort })).articles_connection,
  );
  // An article published or unpublished while the pages are read can shift later pages: never list one twice.
  return uniqueByDocumentId(articles).map(toArticle);
}

export type ArticlesOfCategoryOptions = {
  /** Only articles published before this moment (exclusive). Default: no end. */
  until?: Date | string;
  /** Default `oldest-first`. */
  order?: ArticleOrder;
};

/**
 * Every published article of the category `categorySlug` and of its sub-categories, published at or after
 * `since`, with everything its page shows (body included), oldest first unless `order` says otherwise.
 * An unknown category is a CmsRequestError naming the slug, not an empty list.
 */
export async function fetchArticlesOfCategorySince(
  client: CmsClient,
  categorySlug: string,
  since: Date | string,
  options: ArticlesOfCategoryOptions = {},
): Promise<Article[]> {
  if (categorySlug.trim() === '') throw new RangeError('categorySlug must name a category, such as "tin-tuc"');
  const filters: ArticleFilters = {
    category: { slug: { eq: categorySlug } },
    publishedAt: publishedBetween(since, options.until),
  };
  return fetchArticlesMatching(client, filters, { order: options.order });
}

export type SearchOptions = {
  /** Only this category and its sub-categories. */
  category?: string;
  /** Only this author. */
  author?: string;
  /** Published at or after. */
  since?: Date | string;
  /** Published before. */
  until?: Date | string;
  /** The page of results, from 1. Default 1. */
  page?: number;
  /** Results per page, 1–100. Default: the client's pageSize. */
  pageSize?: number;
};

export type SearchResult = { total: number; page: number; pageCount: number; articles: ArticleSummary[] };

/**
 * One page of the published articles whose title or lead contains `text`, ignoring case and diacritics
 * (`bao ve an ninh` finds "bảo vệ an ninh"), newest first, with the total count.
 */
export async function searchArticles(client: CmsClient, text: string, options: SearchOptions = {}): Promise<SearchResult> {
  if (text.trim() === '') throw new RangeError('searchArticles needs a text to search for');
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? client.pageSize;
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a positive integer (got ${page})`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw new RangeError(`pageSize must be an integer from 1 to 100 (got ${pageSize})`);
  const filters: ArticleFilters = {
    searchText: { containsi: text },
    ...(options.category === undefined ? {} : { category: { slug: { eq: options.category } } }),
    ...(options.author === undefined ? {} : { author: { slug: { eq: options.author } } }),
    ...(options.since === undefined && options.until === undefined ? {} : { publishedAt: publishedBetween(options.since, options.until) }),
  };
  const { articles_connection: found } = await client.request(SearchArticlesDocument, { filters, page, pageSize });
  return {
    total: found?.pageInfo.total ?? 0,
    page: found?.pageInfo.page ?? page,
    pageCount: found?.pageInfo.pageCount ?? 0,
    articles: found?.nodes ?? [],
  };
}
