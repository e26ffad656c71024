/**
 * The typed client of the portal's CMS: the one place that reads it, for the site, the publisher and
 * agencies' own tools.
 */
export { createCmsClient, type CmsClient, type CmsClientOptions } from './client';
export { CmsRequestError, CmsUnreachableError } from './errors';
export { createLimit, mapWithConcurrency, type Limit } from './limit';
export type { MediaFileFragment as MediaFile } from './generated/graphql';
export { fetchAllArticles, fetchArticlesByIds, toArticle, type Article } from './queries/articles';
export type { ArticleFieldsFragment as ArticleFields } from './generated/graphql';
export {
  fetchArticlesMatching,
  fetchArticlesOfCategorySince,
  searchArticles,
  toDateTime,
  type ArticleFilters,
  type ArticleOrder,
  type ArticleSummary,
  type ArticlesOfCategoryOptions,
  type SearchOptions,
  type SearchResult,
} from './queries/agency';
export { fetchAllAuthors, type Author } from './queries/authors';
export { fetchMostRead, type MostReadArticle } from './queries/most-read';
export { fetchAllCategories, type Category } from './queries/categories';
export { fetchSiteSettings, type SiteSettings } from './queries/site-settings';
