import { gql } from 'graphql-request';
import type { CmsClient } from '../client';
import { CategoriesPageDocument, type CategoryFieldsFragment } from '../generated/graphql';
import { uniqueByDocumentId } from '../lists';

/** A published category (section) with its parent, when it has one. */
export type Category = CategoryFieldsFragment;

/** Codegen reads this text; requests send the generated documents built from it. */
export const categoryDocuments = gql`
  fragment CategoryFields on Category {
    documentId
    name
    slug
    description
    parent {
      documentId
      slug
      name
    }
  }

  query CategoriesPage($page: Int!, $pageSize: Int!) {
    categories_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["name:asc", "documentId:asc"]) {
      nodes {
        ...CategoryFields
      }
      pageInfo {
        ...PageInfo
      }
    }
  }
`;

/** Every published category, by name. */
export async function fetchAllCategories(client: CmsClient): Promise<Category[]> {
  const categories = await client.fetchAllPages(async (variables) => (await client.request(CategoriesPageDocument, variables)).categories_connection);
  return uniqueByDocumentId(categories);
}
