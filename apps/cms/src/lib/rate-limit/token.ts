import { MAX_LIMIT, type Limits } from './settings';

/**
 * The bearer token of a request, read exactly as Strapi's content-API strategy reads it
 * (`Authorization: Bearer <token>`, scheme in any case, nothing else in the header), so that the limiter
 * never files a request under a token that Strapi would not authenticate with, nor the reverse.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const parts = authorization.split(/\s+/);
  if (parts[0].toLowerCase() !== 'bearer' || parts.length !== 2) return undefined;
  return parts[1];
}

/**
 * A token's own request limit, from a marker in its description: `rate-limit: 5000/min` (case and spaces
 * free, anywhere in the text). Administrators set it in Settings → API Tokens; the token's cost budget grows
 * in the same proportion as its request limit over the default. No marker, or one that does not parse, or
 * above MAX_LIMIT: the default. "per min" means per RATE_LIMIT_WINDOW_MS, one minute unless changed.
 */
export function tokenLimits(description: string | null | undefined, defaults: Limits): Limits & { custom: boolean } {
  const match = /rate-limit\s*:\s*(\d{1,7})\s*\/\s*min\b/i.exec(description ?? '');
  const requests = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(requests) || requests < 1 || requests > MAX_LIMIT) return { ...defaults, custom: false };
  return { requests, cost: Math.min(MAX_LIMIT, Math.max(1, Math.round((defaults.cost * requests) / defaults.requests))), custom: true };
}
