import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST } from 'graphql';
import { ClientError, GraphQLClient, type Variables } from 'graphql-request';
import { CmsRequestError, CmsUnreachableError } from './errors';
import { createLimit } from './limit';
import { fetchAllPages, type Page, type PageVariables } from './pages';
import { isUnreachable, withRetries, type RetryPolicy } from './retry';

/** Strapi's GraphQL `maxLimit` (apps/cms/config/plugins.ts): a larger page is silently cut to it. */
const MAX_PAGE_SIZE = 100;

export type CmsClientOptions = {
  /** The CMS base URL (GraphQL is at `<url>/graphql`). Default: CMS_URL, else http://localhost:1337. */
  url?: string;
  /** An API token, sent as a Bearer token. Default: CMS_TOKEN; without one, requests are anonymous. */
  token?: string;
  /** Retries after a transient failure (network error, HTTP 429/502/503/504). Default 4. */
  retries?: number;
  /** Requests in flight at most, over everything this client does. Default 4. */
  concurrency?: number;
  /** Documents per page in paged queries, 1–100. Default 100. */
  pageSize?: number;
  /** Time allowed for one attempt, response body included. Default 30 000 ms. */
  timeoutMs?: number;
  /** Backoff between retries: baseMs × 2^n, capped at maxMs, with jitter. Default 250 ms and 8 000 ms. */
  backoff?: { baseMs?: number; maxMs?: number };
};

/** A typed GraphQL client of the portal's CMS. */
export type CmsClient = {
  /** The CMS base URL, without a trailing slash. */
  readonly url: string;
  readonly pageSize: number;
  readonly concurrency: number;
  /** Sends one operation, retrying transient failures; throws CmsUnreachableError or CmsRequestError. */
  request<TResult, TVariables extends Variables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult>;
  /** Every node of a paged query, fetched `concurrency` pages at a time, in page order. */
  fetchAllPages<T>(fetchPage: (variables: PageVariables) => Promise<Page<T> | null | undefined>): Promise<T[]>;
};

/** Options are checked at creation, so that a typo fails at once rather than as a hung or empty build. */
function integerIn(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max} (got ${value})`);
  }
  return value;
}

/** `url` without trailing slashes, once it is known to be an http(s) URL. */
function baseUrl(url: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError(`The CMS URL must be an absolute http(s) URL such as http://localhost:1337 (got "${url}"): check CMS_URL`);
  }
  return url.replace(/\/+$/, '');
}

/** The messages of a response's GraphQL errors, if the CMS sent any. */
function graphqlMessages(error: unknown): string[] {
  return error instanceof ClientError ? (error.response.errors ?? []).map((e) => e.message) : [];
}

function toCmsError(error: unknown, url: string, operation: string): Error {
  if (isUnreachable(error)) return new CmsUnreachableError(url, { cause: error });
  const status = error instanceof ClientError ? error.response.status : undefined;
  return new CmsRequestError(operation, status, graphqlMessages(error), { cause: error });
}

/** A client of the CMS at `url`, anonymous unless a token is given (or CMS_TOKEN is set). */
export function createCmsClient(options: CmsClientOptions = {}): CmsClient {
  // An empty variable (`CMS_URL=` in a .env file) counts as unset.
  const url = baseUrl(options.url ?? (process.env.CMS_URL || 'http://localhost:1337'));
  const token = options.token ?? (process.env.CMS_TOKEN || undefined);
  const concurrency = integerIn('concurrency', options.concurrency ?? 4, 1);
  const pageSize = integerIn('pageSize', options.pageSize ?? MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const timeoutMs = integerIn('timeoutMs', options.timeoutMs ?? 30_000, 1);
  const policy: RetryPolicy = {
    retries: integerIn('retries', options.retries ?? 4, 0),
    baseMs: options.backoff?.baseMs ?? 250,
    maxMs: options.backoff?.maxMs ?? 8_000,
  };
  const graphql = new GraphQLClient(`${url}/graphql`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const limit = createLimit(concurrency);

  /** One operation: each attempt waits for a free slot, so a request sleeping out its backoff holds none. */
  async function request<TResult, TVariables extends Variables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    const operation = getOperationAST(document)?.name?.value ?? 'anonymous operation';
    // Typed as plain Variables: graphql-request's conditional variables type cannot be resolved for a
    // generic TVariables, and this function's signature already ties variables to the document.
    const attempt = () => limit(() => graphql.request<TResult, Variables>({ document, variables, signal: AbortSignal.timeout(timeoutMs) }));
    try {
      return await withRetries(attempt, policy);
    } catch (error) {
      throw toCmsError(error, url, operation);
    }
  }

  return {
    url,
    pageSize,
    concurrency,
    request,
    fetchAllPages: (fetchPage) => fetchAllPages((page) => fetchPage({ page, pageSize }), { concurrency }),
  };
}
