import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { ArticlesByIdsDocument, ArticlesPageDocument, type ArticleFieldsFragment } from '../generated/graphql';
import { chunk, compact, uniqueByDocumentId } from '../lists';
import { mapWithConcurrency } from '../limit';

type RelatedArticle = NonNullable<ArticleFieldsFragment['relatedArticles'][number]>;

/** A published article with everything its page shows. */
export type Article = Omit<ArticleFieldsFragment, 'relatedArticles'> & { relatedArticles: RelatedArticle[] };

/** An article as the client hands it out: relation lists without the nulls Strapi types them with. */
export function toArticle(fields: ArticleFieldsFragment): Article {
  return { ...fields, relatedArticles: compact(fields.relatedArticles) };
}

/** Codegen reads this text; requests send the generated documents built from it. */
export const articleDocuments = gql`
  fragment ArticleFields on Article {
    documentId
    title
    slug
    lead
    source
    body
    publishedAt
    updatedAt
    views
    cover {
      ...MediaFile
      caption
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
    relatedArticles(pagination: { limit: 20 }) {
      documentId
      slug
      title
      publishedAt
    }
    seo {
      metaTitle
      metaDescription
      shareImage {
        url
        width
        height
      }
    }
  }

  # The row id breaks ties between articles published in the same millisecond, so pages never overlap; in the
  # same direction as publishedAt, the database reads each page straight from its index (no sort per page).
  query ArticlesPage($page: Int!, $pageSize: Int!) {
    articles_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["publishedAt:desc", "id:desc"]) {
      nodes {
        ...ArticleFields
      }
      pageInfo {
        ...PageInfo
      }
    }
  }

  query ArticlesByIds($ids: [ID!]!, $pageSize: Int!) {
    articles(filters: { documentId: { in: $ids } }, pagination: { pageSize: $pageSize }) {
      ...ArticleFields
    }
  }
`;

/** Every published article, newest first. */
export async function fetchAllArticles(client: CmsClient): Promise<Article[]> {
  const articles = await client.fetchAllPages(async (variables) => (await client.request(ArticlesPageDocument, variables)).articles_connection);
  // An article published while the pages are read shifts later pages by one: never list one twice.
  return uniqueByDocumentId(articles).map(toArticle);
}

/**
 * The published articles among `ids`, in the order of `ids`; an id that is a draft, deleted or unknown is
 * simply absent (a publisher rebuilding after a webhook learns that way what to remove).
 */
export async function fetchArticlesByIds(client: CmsClient, ids: readonly string[]): Promise<Article[]> {
  const wanted = [...new Set(ids)];
  // The CMS answers at most pageSize (≤ 100) documents per request: ask in batches of that size.
  const batches = await mapWithConcurrency(
    chunk(wanted, client.pageSize),
    client.concurrency,
    async (batch) => (await client.request(ArticlesByIdsDocument, { ids: batch, pageSize: batch.length })).articles,
  );
  const found = new Map(compact(batches.flat()).map((article) => [article.documentId, article]));
  return wanted.flatMap((id) => {
    const article = found.get(id);
    return article ? [toArticle(article)] : [];
  });
}
