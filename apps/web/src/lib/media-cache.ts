import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mapWithConcurrency } from '@portal/cms-client';
import { mediaPath } from './media';

/**
 * Downloaded CMS media, kept between builds: Strapi puts a content hash in every file name, so a
 * file once downloaded never changes and later builds only fetch new ones.
 */
export function mediaCacheDir(): string {
  return path.resolve(process.env.WEB_MEDIA_CACHE ?? 'node_modules/.cache/portal-media');
}

/** The cached file for a site media path (`/media/x.jpg`). */
export function cachedFile(sitePath: string): string {
  return path.join(mediaCacheDir(), decodeURIComponent(sitePath.slice(sitePath.lastIndexOf('/') + 1)));
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

/** Downloads the given CMS media URLs that are not cached yet, a few at a time. */
export async function cacheMedia(baseUrl: string, urls: Iterable<string>, concurrency = 6): Promise<number> {
  await mkdir(mediaCacheDir(), { recursive: true });
  const missing = [...new Set(urls)].filter((url) => !existsSync(cachedFile(mediaPath(url))));
  await mapWithConcurrency(missing, concurrency, (url) => download(baseUrl.replace(/\/+$/, ''), url, cachedFile(mediaPath(url))));
  return missing.length;
}
