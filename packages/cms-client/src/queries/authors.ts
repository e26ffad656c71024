import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { AuthorsPageDocument, type AuthorFieldsFragment } from '../generated/graphql';
import { uniqueByDocumentId } from '../lists';

/** A published author, for bylines and the author's page. */
export type Author = AuthorFieldsFragment;

/** Codegen reads this text; requests send the generated documents built from it. */
export const authorDocuments = gql`
  fragment AuthorFields on Author {
    documentId
    name
    slug
    bio
    avatar {
      ...MediaFile
    }
  }

  query AuthorsPage($page: Int!, $pageSize: Int!) {
    authors_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["name:asc", "documentId:asc"]) {
      nodes {
        ...AuthorFields
      }
      pageInfo {
        ...PageInfo
      }
    }
  }
`;

/** Every published author, by name. */
export async function fetchAllAuthors(client: CmsClient): Promise<Author[]> {
  const authors = await client.fetchAllPages(async (variables) => (await client.request(AuthorsPageDocument, variables)).authors_connection);
  return uniqueByDocumentId(authors);
}
