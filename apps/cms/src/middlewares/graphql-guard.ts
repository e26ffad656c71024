import type { Core } from '@strapi/strapi';
import type { GraphQLError } from 'graphql';
import { readGraphqlBody } from '../lib/graphql-body';
import { checkDocument } from '../lib/graphql-document';
import { assertLimits, limitError, refusal, type GraphqlLimits } from '../lib/graphql-limits';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Answers as Apollo would, with GraphQL's `{ errors: [...] }`, so that clients read every refusal alike. */
function answer(ctx: Context, status: number, error: GraphQLError | { message: string; extensions: Record<string, unknown> }): void {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ errors: [{ message: error.message, extensions }] });
}

const badRequest = (message: string) => ({ message, extensions: { code: 'BAD_REQUEST' } });

/**
 * In front of Apollo on the GraphQL endpoint (any spelling the router accepts: `/GraphQL`, `/graphql/`):
 * a POST body over `maxBodyBytes` is refused unread (413), a body that is not JSON gets a GraphQL-shaped
 * 400, and the document (POST body or GET `query`) gets the text-only checks of lib/graphql-document.ts.
 * Everything else — the schema, aliases, depth, cost — Apollo checks next (lib/graphql-query-limits.ts).
 *
 * Strapi's body middleware leaves the exact endpoint path unread for the GraphQL plugin's own parser; this
 * reads it first, within the limit, so that the document can be checked before Apollo's validation runs.
 * Other spellings were already read by the body middleware (within its own 1 MB limit); their size is
 * still checked here.
 */
const graphqlGuard: Core.MiddlewareFactory = (_config, { strapi }) => {
  const graphql = strapi.plugin('graphql');
  const limits: unknown = graphql.config('queryLimits');
  assertLimits(limits);
  const endpoint = graphql.config<string>('endpoint');
  const escaped = endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/+$/, '');
  const path = new RegExp(`^${escaped}/?$`, 'i');
  return async (ctx, next) => {
    if (!path.test(ctx.path) || (await guard(ctx, limits))) await next();
  };
};

/** False when the request was answered here (refused). */
async function guard(ctx: Context, limits: GraphqlLimits): Promise<boolean> {
  let source: string | undefined;
  if (ctx.method === 'POST') {
    const length = Number(ctx.get('content-length') || 0);
    if (length > limits.maxBodyBytes) {
      answer(ctx, 413, limitError(refusal('bodyBytes', limits.maxBodyBytes, length)));
      return false;
    }
    const read = await readGraphqlBody(ctx, limits.maxBodyBytes);
    if (!read.ok) {
      const { error } = read;
      if (error.status === 413) answer(ctx, 413, limitError(refusal('bodyBytes', limits.maxBodyBytes)));
      else if (error.status === 415) answer(ctx, 415, badRequest(`Request body encoding is not supported: ${error.message}`));
      else answer(ctx, 400, badRequest(`Request body is not valid JSON: ${error.message}`));
      return false;
    }
    const { body } = read;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const query = (body as Record<string, unknown>).query;
      // Anything but a string (a number, a list, an object) Apollo refuses itself, with a 400.
      if (typeof query === 'string') source = query;
    }
  } else if (ctx.method === 'GET') {
    // Apollo reads the query string itself and takes `query` only when it is there once.
    const queries = new URLSearchParams(ctx.querystring).getAll('query');
    if (queries.length === 1) source = queries[0];
  }
  if (source === undefined) return true;
  const refused = checkDocument(source, limits);
  if (!refused) return true;
  answer(ctx, 400, refused);
  return false;
}

export default graphqlGuard;
