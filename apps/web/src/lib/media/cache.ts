import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mapWithConcurrency } from '@portal/cms-client';
import { mediaPath } from './images';

/*
 * Downloaded CMS media, kept between builds in a folder the caller names (`cacheDir`): Strapi puts a
 * content hash in every file name, so a file once downloaded never changes and later builds only fetch
 * new ones.
 */

/** The static build's media cache: WEB_MEDIA_CACHE, made absolute against the repository by scripts/build.ts. */
export function staticMediaCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.WEB_MEDIA_CACHE ?? 'node_modules/.cache/portal-media');
}

/** The cached file for a site media path (`/media/x.jpg`) in the media cache `cacheDir`. */
export function cachedFile(cacheDir: string, sitePath: string): string {
  return path.join(cacheDir, decodeURIComponent(sitePath.slice(sitePath.lastIndexOf('/') + 1)));
}

async function download(baseUrl: string, url: string, target: string): Promise<void> {
  const absolute = /^https?:\/\//.test(url) ? url : `${baseUrl}${url}`;
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const response = await fetch(absolute, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const partial = `${target}.${process.pid}.part`;
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(partial));
      await rename(partial, target);
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
  await rm(`${target}.${process.pid}.part`, { force: true });
  throw new Error(`Could not download ${absolute}: ${String(lastError)}`);
}

/** Downloads the given CMS media URLs that are not in the media cache `cacheDir` yet, a few at a time. */
export async function cacheMedia(cacheDir: string, baseUrl: string, urls: Iterable<string>, concurrency = 6): Promise<number> {
  await mkdir(cacheDir, { recursive: true });
  const missing = [...new Set(urls)].filter((url) => !existsSync(cachedFile(cacheDir, mediaPath(url))));
  await mapWithConcurrency(missing, concurrency, (url) => download(baseUrl.replace(/\/+$/, ''), url, cachedFile(cacheDir, mediaPath(url))));
  return missing.length;
}
