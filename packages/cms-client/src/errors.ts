import { ClientError } from 'graphql-request';

/** The CMS did not answer, even after the retries: it is stopped, or CMS_URL points elsewhere. */
export class CmsUnreachableError extends Error {
  override name = 'CmsUnreachableError';

  constructor(
    /** The CMS base URL that was tried. */
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(`CMS at ${url} is unreachable: start it with \`pnpm start\` or set CMS_URL`, options);
  }
}

/** The CMS answered, but not with data: an invalid query, a refused permission, a server error. */
export class CmsRequestError extends Error {
  override name = 'CmsRequestError';

  constructor(
    /** The GraphQL operation name, such as `ArticlesPage`. */
    readonly operation: string,
    /** The HTTP status, when there was a response. */
    readonly status: number | undefined,
    /** The messages of the response's GraphQL errors. */
    readonly graphqlMessages: readonly string[],
    options?: ErrorOptions,
  ) {
    const detail = graphqlMessages.length > 0 ? graphqlMessages.join('; ') : errorText(options?.cause);
    // GraphQL errors usually come with HTTP 200, where the status says nothing worth reading.
    const http = status !== undefined && status >= 300 ? ` (HTTP ${status})` : '';
    super(`CMS request ${operation} failed${http}: ${detail}`, options);
  }
}

/** What went wrong when the CMS sent no GraphQL errors: the start of a non-GraphQL body, or a socket error. */
function errorText(cause: unknown): string {
  // A ClientError's own message embeds the whole request and response as JSON: far too long to read.
  if (cause instanceof ClientError) return `unexpected response ${JSON.stringify(cause.response.body.slice(0, 200))}`;
  if (!(cause instanceof Error)) return 'no GraphQL data in the response';
  return cause.cause instanceof Error ? `${cause.message} (${cause.cause.message})` : cause.message;
}
