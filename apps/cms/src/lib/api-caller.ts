import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * Who is calling the content API, decided before Strapi's own authentication runs (for the response
 * cache), exactly as Strapi's content-API token strategy would decide it: the same header parsing, the
 * same hash of the secret, the same expiry rule — so that no request is treated as a token's that Strapi
 * would refuse, nor the reverse. Anything this does not recognise is `other`, which nothing shares.
 */
export type ApiCaller =
  | { kind: 'anonymous' }
  | { kind: 'token'; id: number; type: string; name: string; description: string | null }
  /** A header Strapi will refuse, a revoked or expired token, a reader account's JWT: Strapi answers it. */
  | { kind: 'other' };

type TokenRow = { id: number; type: string; kind: string | null; name: string; description: string | null; expiresAt: string | null };

/** The token of `Authorization: Bearer <token>` (any case of the scheme, nothing else in the header). */
export function bearerToken(authorization: string): string | null {
  const parts = authorization.split(/\s+/);
  return parts[0].toLowerCase() === 'bearer' && parts.length === 2 ? parts[1] : null;
}

export async function apiCaller(strapi: Core.Strapi, authorization: string | undefined): Promise<ApiCaller> {
  if (authorization === undefined) return { kind: 'anonymous' };
  const token = bearerToken(authorization);
  if (!token) return { kind: 'other' };
  const salt = strapi.config.get<string>('admin.apiToken.salt');
  const accessKey = createHmac('sha512', salt).update(token).digest('hex');
  const row = (await strapi.db.query('admin::api-token').findOne({
    select: ['id', 'type', 'kind', 'name', 'description', 'expiresAt'],
    where: { accessKey },
  })) as TokenRow | null;
  // Tokens made before Strapi had kinds have none: they are content-API tokens (as Strapi treats them).
  if (!row || (row.kind !== null && row.kind !== 'content-api')) return { kind: 'other' };
  if (row.expiresAt !== null && new Date(row.expiresAt) < new Date()) return { kind: 'other' };
  return { kind: 'token', id: row.id, type: row.type, name: row.name, description: row.description };
}
