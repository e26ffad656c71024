import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { bearerToken } from './rate-limit/token';

/**
 * Who is calling the content API, decided before Strapi's own authentication runs (for the response
 * cache), exactly as Strapi's content-API token strategy would decide it: the same header parsing, the
 * same hash of the secret, the same expiry rule — so that no request is treated as a token's that Strapi
 * would refuse, nor the reverse. Anything this does not recognise is `other`, which nothing shares.
 */
export type ApiCaller =
  | { kind: 'anonymous' }
  | { kind: 'token'; id: number; type: string; name: string; description: string | null; secret: string }
  /** A header Strapi will refuse, a revoked or expired token, a reader account's JWT: Strapi answers it. */
  | { kind: 'other' };

type TokenRow = { id: number; type: string; kind: string | null; name: string; description: string | null; expiresAt: string | null };

export async function apiCaller(strapi: Core.Strapi, authorization: string | undefined): Promise<ApiCaller> {
  if (authorization === undefined) return { kind: 'anonymous' };
  const token = bearerToken(authorization);
  if (token === undefined) return { kind: 'other' };
  const salt = strapi.config.get<string>('admin.apiToken.salt');
  const accessKey = createHmac('sha512', salt).update(token).digest('hex');
  const row = (await strapi.db.query('admin::api-token').findOne({
    select: ['id', 'type', 'kind', 'name', 'description', 'expiresAt'],
    where: { accessKey },
  })) as TokenRow | null;
  // Tokens made before Strapi had kinds have none: they are content-API tokens (as Strapi treats them).
  if (!row || (row.kind !== null && row.kind !== 'content-api')) return { kind: 'other' };
  if (row.expiresAt !== null && new Date(row.expiresAt) < new Date()) return { kind: 'other' };
  return { kind: 'token', id: row.id, type: row.type, name: row.name, description: row.description, secret: token };
}

/**
 * The caller of this request, looked up once and kept on its Koa state: the rate limiter asks first, the
 * response cache after it. Looked up per request, never remembered across requests, so a token revoked
 * in the dashboard stops counting as a token (and stops being served cached answers) at once.
 */
export function requestCaller(strapi: Core.Strapi, ctx: { state: Record<string, unknown>; headers: { authorization?: string } }): Promise<ApiCaller> {
  const known = ctx.state.portalCaller as Promise<ApiCaller> | undefined;
  if (known) return known;
  const caller = apiCaller(strapi, ctx.headers.authorization);
  ctx.state.portalCaller = caller;
  return caller;
}
