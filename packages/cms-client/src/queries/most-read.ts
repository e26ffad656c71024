import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { MostReadDocument, type MostReadQuery } from '../generated/graphql';

/** An article of "Đọc nhiều": what a list of links needs. */
export type MostReadArticle = MostReadQuery['mostReadArticles'][number];

/** Codegen reads this text; requests send the generated documents built from it. */
export const mostReadDocuments = gql`
  query MostRead($limit: Int!, $days: Int!) {
    mostReadArticles(limit: $limit, days: $days) {
      documentId
      title
      slug
    }
  }
`;

/**
 * "Đọc nhiều": the published articles most read over the last `days` days (today included, Vietnam time),
 * most first, from the CMS's view counters. `limit` 1–20 (default 5), `days` 1–31 (default 7).
 */
export async function fetchMostRead(client: CmsClient, options: { limit?: number; days?: number } = {}): Promise<MostReadArticle[]> {
  const { mostReadArticles } = await client.request(MostReadDocument, { limit: options.limit ?? 5, days: options.days ?? 7 });
  return mostReadArticles;
}
