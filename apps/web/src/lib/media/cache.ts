import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mapWithConcurrency } from '@portal/cms-client';
import { mediaPath } from './images';
import { allowedMediaUrl, MediaOriginError, type MediaSources } from './origins';

/*
 * Downloaded media, from the CMS or from where it stores uploads (origins.ts), kept between builds in a
 * folder the caller names (`cacheDir`): Strapi puts a content hash in every file name, so a file once
 * downloaded never changes and later builds only fetch new ones.
 */

/** The static build's media cache: WEB_MEDIA_CACHE, made absolute against the repository by scripts/build.ts. */
export function staticMediaCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.WEB_MEDIA_CACHE ?? 'node_modules/.cache/portal-media');
}

/** The cached file for a site media path (`/media/x.jpg`) in the media cache `cacheDir`. */
export function cachedFile(cacheDir: string, sitePath: string): string {
  return path.join(cacheDir, decodeURIComponent(sitePath.slice(sitePath.lastIndexOf('/') + 1)));
}

/** Redirects followed at most; each must stay on the CMS or a media origin. */
const MAX_REDIRECTS = 3;

/** GET `url`, following redirects by hand so that none leads outside the allowed origins (MediaOriginError). */
async function fetchMedia(url: string, sources: MediaSources): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    current = allowedMediaUrl(URL.canParse(location, current) ? new URL(location, current).toString() : location, sources);
  }
}

async function download(sources: MediaSources, url: string, target: string): Promise<void> {
  const absolute = allowedMediaUrl(url, sources);
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const response = await fetchMedia(absolute, sources);
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const partial = `${target}.${process.pid}.part`;
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(partial));
      await rename(partial, target);
      return;
    } catch (error) {
      if (error instanceof MediaOriginError) throw error;
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
  await rm(`${target}.${process.pid}.part`, { force: true });
  throw new Error(`Could not download ${absolute}: ${String(lastError)}`);
}

/**
 * Downloads the given media URLs that are not in the media cache `cacheDir` yet, a few at a time, from the
 * CMS and the media origins of `sources` only: one URL elsewhere and nothing is requested (MediaOriginError).
 */
export async function cacheMedia(cacheDir: string, sources: MediaSources, urls: Iterable<string>, concurrency = 6): Promise<number> {
  const unique = [...new Set(urls)];
  for (const url of unique) allowedMediaUrl(url, sources);
  await mkdir(cacheDir, { recursive: true });
  const missing = unique.filter((url) => !existsSync(cachedFile(cacheDir, mediaPath(url))));
  await mapWithConcurrency(missing, concurrency, (url) => download(sources, url, cachedFile(cacheDir, mediaPath(url))));
  return missing.length;
}
