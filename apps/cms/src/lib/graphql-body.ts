import type { Core } from '@strapi/strapi';
import coBody from 'co-body';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** The error co-body throws: raw-body's 413 and 415, or a JSON syntax error it gives status 400. */
export type BodyError = Error & { status?: number; type?: string };

export type BodyRead = { ok: true; body: unknown } | { ok: false; error: BodyError };

const READ = Symbol('portal.graphql-body');
type WithRead = { [READ]?: Promise<BodyRead> };

/**
 * The body of a POST to the GraphQL endpoint, read once for every middleware that looks at it (the rate
 * limiter's cost, the guard's checks, the response cache's key) and left on ctx.request.body, where the
 * koa-bodyparser in front of Apollo finds it and reads nothing more: Apollo runs exactly the document that
 * was costed and checked. strapi::body leaves the exact endpoint path unread (other spellings it has
 * already read, within its own limit). Only JSON is read, as Apollo's parser is configured to
 * (config/plugins.ts); raw-body refuses a declared length over `maxBytes` before reading and stops a
 * chunked or compressed body as soon as its decoded size passes it. A body that cannot be read is
 * reported, never thrown: the guard answers it with a GraphQL-shaped error.
 */
export function readGraphqlBody(ctx: Context, maxBytes: number): Promise<BodyRead> {
  const state = ctx.state as WithRead;
  state[READ] ??= (async (): Promise<BodyRead> => {
    if (ctx.request.body !== undefined) return { ok: true, body: ctx.request.body as unknown };
    if (!ctx.is('json')) return { ok: true, body: undefined };
    try {
      const body = (await coBody.json(ctx.req, { limit: maxBytes, strict: true })) as unknown;
      ctx.request.body = body;
      return { ok: true, body };
    } catch (caught) {
      return { ok: false, error: caught as BodyError };
    }
  })();
  return state[READ];
}

/** The GraphQL plugin's body limit (config/plugins.ts `queryLimits.maxBodyBytes`). */
export function graphqlBodyLimit(strapi: Core.Strapi): number {
  const limits = strapi.plugin('graphql').config<{ maxBodyBytes?: unknown } | undefined>('queryLimits');
  const max = limits?.maxBodyBytes;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    throw new Error('config/plugins.ts: graphql queryLimits.maxBodyBytes must be a whole number');
  return max;
}
