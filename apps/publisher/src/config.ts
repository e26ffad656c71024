import path from 'node:path';
import { repoPath } from '@portal/env';
import { MIN_SECRET_LENGTH } from 'cms/preview-link';
import { counterUrl, dashboardUrl, mediaOrigins, SHARD_SIZE, WEB_PACKAGE_DIR } from 'web/site';
import type { PurgeSettings } from './purge';

export type Config = {
  secret: string;
  controlPort: number;
  controlHost: string;
  sitePort: number;
  siteHost: string;
  webDir: string;
  releasesDir: string;
  keepReleases: number;
  debounceMs: number;
  maxWaitMs: number;
  partial: boolean;
  /** A layered live release with this many files in its layers is compacted into a full one (release-layout.ts). */
  compactAfter: number;
  graceMs: number;
  /** Articles per shard of the search index's base (SEARCH_SHARD_SIZE): an edit past the recent index's bound writes one shard again. */
  searchShardSize: number;
  /** Public address of the site: canonical links, feeds, sitemap. */
  siteUrl: string;
  /** The dashboard as readers' browsers reach it (CMS_PUBLIC_URL, else CMS_URL): the pages' login link. */
  dashboardUrl: string;
  /** Where pages send their view counts (COUNTER_URL, else <CMS_PUBLIC_URL>/counter). */
  counterUrl: string;
  /** Where the content comes from: CMS_URL, and CMS_TOKEN (a read-only API token; none reads as the public). */
  cmsUrl: string;
  cmsToken: string | undefined;
  /** Downloaded CMS media, kept between builds. */
  mediaCacheDir: string;
  /** Origins besides the CMS that media are downloaded from (MEDIA_ORIGINS, else the origin of S3_PUBLIC_URL). */
  mediaOrigins: string[];
  /** Signs and checks the editors' preview links, keys the CMS's draft route (PREVIEW_SECRET); none: no preview. */
  previewSecret: string | undefined;
  /** Where the preview's pages take their media from: a folder beside the releases. */
  previewDir: string;
  /** The CDN purge after each release (PURGE_URL, PURGE_TOKEN; purge.ts); none: no purge. */
  purge: PurgeSettings | undefined;
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

/** PURGE_URL and its companions; undefined when PURGE_URL is empty. */
function purgeSettings(env: NodeJS.ProcessEnv): PurgeSettings | undefined {
  const raw = env.PURGE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PURGE_URL must be an http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PURGE_URL must be an http(s) URL (got "${raw}")`);
  return {
    url: url.href,
    token: env.PURGE_TOKEN?.trim() || undefined,
    retries: integer(env, 'PURGE_RETRIES', 3),
    backoffMs: integer(env, 'PURGE_BACKOFF_MS', 2000),
    timeoutMs: integer(env, 'PURGE_TIMEOUT_MS', 10_000, 1),
  };
}

/**
 * The publisher's settings from the environment, checked at start with a message naming the variable.
 * Relative paths (RELEASES_DIR, WEB_DIR, WEB_MEDIA_CACHE) are relative to the repository root, whatever
 * folder the command runs in.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secret = env.PUBLISH_WEBHOOK_SECRET ?? '';
  if (secret.length < 16) throw new Error('PUBLISH_WEBHOOK_SECRET must be set (at least 16 characters); `pnpm start` generates one into .env');
  const previewSecret = env.PREVIEW_SECRET?.trim() || undefined;
  if (previewSecret !== undefined && previewSecret.length < MIN_SECRET_LENGTH)
    throw new Error(`PREVIEW_SECRET must be at least ${MIN_SECRET_LENGTH} characters; \`pnpm start\` generates one into .env`);
  const releasesDir = repoPath(env.RELEASES_DIR || 'apps/publisher/data/releases');
  return {
    secret,
    controlPort: integer(env, 'PUBLISHER_PORT', 4322, 0),
    controlHost: env.PUBLISHER_HOST || '127.0.0.1',
    sitePort: integer(env, 'SITE_PORT', 4321, 0),
    siteHost: env.SITE_HOST || '0.0.0.0',
    webDir: env.WEB_DIR ? repoPath(env.WEB_DIR) : WEB_PACKAGE_DIR,
    releasesDir,
    keepReleases: integer(env, 'KEEP_RELEASES', 5, 1),
    debounceMs: integer(env, 'PUBLISH_DEBOUNCE_MS', 300),
    maxWaitMs: integer(env, 'PUBLISH_MAX_WAIT_MS', 2000),
    partial: env.PUBLISH_PARTIAL !== 'false',
    compactAfter: integer(env, 'PUBLISH_COMPACT_AFTER', 2000, 1),
    graceMs: integer(env, 'PUBLISH_GRACE_MS', 60_000),
    searchShardSize: integer(env, 'SEARCH_SHARD_SIZE', SHARD_SIZE, 1),
    siteUrl: (env.SITE_URL || 'http://localhost:4321').replace(/\/+$/, ''),
    dashboardUrl: dashboardUrl(env),
    counterUrl: counterUrl(env),
    cmsUrl: (env.CMS_URL || 'http://localhost:1337').replace(/\/+$/, ''),
    cmsToken: env.CMS_TOKEN || undefined,
    mediaCacheDir: repoPath(env.WEB_MEDIA_CACHE || 'apps/publisher/data/media-cache'),
    mediaOrigins: mediaOrigins(env),
    previewSecret,
    previewDir: path.join(path.dirname(releasesDir), 'preview'),
    purge: purgeSettings(env),
  };
}
