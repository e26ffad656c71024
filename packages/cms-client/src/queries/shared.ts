import { gql } from 'graphql-request';

/**
 * Fragments every content type's queries share. Codegen reads this text; requests send the generated
 * documents (src/generated/graphql.ts), which carry these fragments along.
 */
export const sharedFragments = gql`
  fragment MediaFile on UploadFile {
    url
    alternativeText
    width
    height
    formats
  }

  fragment PageInfo on Pagination {
    total
    page
    pageSize
    pageCount
  }
`;
