import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { detached } from '../lib/html-text';
import { cachedFile } from '../lib/media/cache';
import { MEDIA_PREFIX } from '../lib/media/images';

async function* builtFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* builtFiles(full);
    else if (/\.(html|xml)$/.test(entry.name)) yield full;
  }
}

/** The media paths (`/media/x.jpg`) an HTML or XML page refers to. */
export function mediaReferences(text: string): string[] {
  // Copies: the publisher keeps a page's media between builds, and a match would keep the page's HTML alive.
  return [...new Set(text.match(new RegExp(`${MEDIA_PREFIX}[^"'\\s,)<>]+`, 'g')) ?? [])].map(detached);
}

/** Links the given media files from the media cache `cacheDir` into <outDir>/media. */
export async function linkMedia(cacheDir: string, referenced: Iterable<string>, outDir: string): Promise<void> {
  const target = path.join(outDir, MEDIA_PREFIX);
  await mkdir(target, { recursive: true });
  for (const sitePath of referenced) {
    const source = cachedFile(cacheDir, sitePath);
    const destination = path.join(target, decodeURIComponent(path.basename(sitePath)));
    if (!existsSync(source)) throw new Error(`Media ${sitePath} is used by a page but was not downloaded`);
    if (existsSync(destination)) continue;
    await link(source, destination).catch(() => copyFile(source, destination));
  }
}

/** Puts every media file the built pages refer to into <outDir>/media (hard links into the cache). */
export async function publishMedia(cacheDir: string, outDir: string): Promise<number> {
  const referenced = new Set<string>();
  for await (const file of builtFiles(outDir)) for (const found of mediaReferences(await readFile(file, 'utf8'))) referenced.add(found);
  await linkMedia(cacheDir, referenced, outDir);
  return referenced.size;
}

/**
 * Astro integration: media become part of the build output, so the site needs no CMS to show them. The
 * files come from the media cache `cacheDir`, which the build's content fetching filled.
 */
export function mediaIntegration(cacheDir: string): AstroIntegration {
  return {
    name: 'portal-media',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        logger.info(`Media: ${await publishMedia(cacheDir, fileURLToPath(dir))} files`);
      },
    },
  };
}
