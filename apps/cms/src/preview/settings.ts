import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, MIN_SECRET_LENGTH, MIN_TTL_SECONDS } from '../contract/preview-link';
import { envInteger } from '../lib/env-integer';

/**
 * The preview's settings: PREVIEW_SECRET (shared with the publisher; without it there is no preview),
 * PREVIEW_URL (the publisher's preview as editors' browsers reach it; default <PUBLISHER_URL>/preview)
 * and PREVIEW_TTL_SECONDS (how long a link opens; an hour by default).
 */
export type PreviewSettings = { secret: string; url: string; origin: string; ttlSeconds: number };

/** The settings, or null when PREVIEW_SECRET is unset (preview off); a wrong value stops the start with its name. */
export function previewSettings(env: NodeJS.ProcessEnv = process.env): PreviewSettings | null {
  const secret = env.PREVIEW_SECRET?.trim() ?? '';
  if (secret === '') return null;
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`PREVIEW_SECRET must be at least ${MIN_SECRET_LENGTH} characters; \`pnpm start\` generates one into .env`);
  const publisher = (env.PUBLISHER_URL?.trim() || 'http://127.0.0.1:4322').replace(/\/+$/, '');
  const url = (env.PREVIEW_URL?.trim() || `${publisher}/preview`).replace(/\/+$/, '');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`PREVIEW_URL must be an http(s) URL (got "${url}")`);
  return {
    secret,
    url,
    origin: new URL(url).origin,
    ttlSeconds: envInteger(env, 'PREVIEW_TTL_SECONDS', DEFAULT_TTL_SECONDS, MIN_TTL_SECONDS, MAX_TTL_SECONDS),
  };
}
