import type { Core } from '@strapi/strapi';
import type { Limits } from './settings';
import { tokenLimits } from './token';

/** The parts of Strapi's content-API token service used here (admin::api-token-content-api). */
type ContentApiTokens = {
  hash(accessKey: string): string;
  getByAccessKey(hash: string): Promise<StoredToken | null | undefined>;
};
type StoredToken = { id: number | string; kind?: string | null; description?: string | null; expiresAt?: string | Date | null };

export type TokenCaller = { id: string; limits: Limits; exempt: boolean };

/** How long a looked-up token (or the absence of one) is remembered: a description's new limit applies after it. */
const CACHE_MS = 10_000;
const CACHE_MAX = 1_000;

/**
 * Finds the API token a request carries the way Strapi's content-API strategy does (HMAC of the secret with
 * API_TOKEN_SALT, looked up by that hash; only content-API tokens that have not expired count), so a
 * request is filed under a token exactly when Strapi will authenticate it with that token. An unknown or
 * expired token gives undefined: Strapi answers 401 and the limiter counts the request under its address,
 * so making up tokens gives no fresh bucket. Buckets are keyed by the token's id, never by its secret.
 *
 * The publisher and the site build send CMS_TOKEN (packages/cms-client). When this CMS has the same
 * CMS_TOKEN, the token with that secret is exempt: identified by what it is, which no header can fake.
 */
export function tokenLookup(strapi: Core.Strapi, defaults: Limits, publisherSecret: string | undefined) {
  const service = () => strapi.service('admin::api-token-content-api') as unknown as ContentApiTokens;
  let publisherHash: string | undefined;
  const cache = new Map<string, { token: StoredToken | undefined; until: number }>();

  return async function lookup(secret: string): Promise<TokenCaller | undefined> {
    const tokens = service();
    if (publisherSecret && publisherHash === undefined) publisherHash = tokens.hash(publisherSecret);
    const hash = tokens.hash(secret);
    const now = Date.now();
    let cached = cache.get(hash);
    if (!cached || cached.until <= now) {
      const found = await tokens.getByAccessKey(hash);
      // Tokens made before Strapi had kinds have none and are content-API tokens (Strapi reads them so too).
      const usable = found && (found.kind === 'content-api' || found.kind === null || found.kind === undefined) ? found : undefined;
      cached = { token: usable, until: now + CACHE_MS };
      cache.delete(hash);
      cache.set(hash, cached);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
    }
    const token = cached.token;
    if (!token) return undefined;
    if (token.expiresAt !== null && token.expiresAt !== undefined && new Date(token.expiresAt).getTime() < now) return undefined;
    return { id: String(token.id), limits: tokenLimits(token.description, defaults), exempt: hash === publisherHash };
  };
}
