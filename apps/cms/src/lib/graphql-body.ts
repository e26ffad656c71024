import type { Core } from '@strapi/strapi';
import coBody from 'co-body';

type Context = Parameters<Core.MiddlewareHandler>[0];
/** co-body's answer with returnRawBody (its types say any). */
type ParsedBody = { parsed: unknown; raw: string };

/** What koa-bodyparser (in front of Apollo) reads as JSON and as a form; anything else it leaves as {}. */
const JSON_TYPES = ['application/json', 'application/json-patch+json', 'application/vnd.api+json', 'application/csp-report', 'application/scim+json'];
const FORM_TYPES = ['application/x-www-form-urlencoded'];

/**
 * The body of a POST /graphql, read once, before Apollo. strapi::body leaves /graphql to the
 * koa-bodyparser in front of Apollo, which runs after the portal's middlewares; so the body is read here,
 * the way that parser would (same types and limits), and left on ctx.request.body, where that parser finds
 * it and reads nothing more: Apollo runs exactly the document the portal's middlewares looked at.
 */
export async function graphqlBody(ctx: Context): Promise<unknown> {
  if (ctx.request.body !== undefined) return ctx.request.body;
  const request = ctx.request as Context['request'] & { rawBody?: string };
  if (ctx.is(JSON_TYPES) || ctx.is(FORM_TYPES)) {
    const read = ctx.is(JSON_TYPES)
      ? coBody.json(ctx.req, { limit: '1mb', returnRawBody: true })
      : coBody.form(ctx.req, { limit: '56kb', returnRawBody: true });
    const { parsed, raw } = (await read) as ParsedBody;
    ctx.request.body = parsed;
    request.rawBody = raw;
  } else {
    ctx.request.body = {};
  }
  return ctx.request.body;
}
