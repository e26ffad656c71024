import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { detached, htmlToText, innerHtml } from '../lib/html-text';
import { StoredRecord } from './search-record';
import { writeWholeIndex } from './search-update';

/** A search record for one built article page, or null when the page is not an article. */
export function articleRecord(html: string, url: string) {
  const article = innerHtml(html, 'article');
  const title = innerHtml(html, 'h1');
  if (!article || !title) return null;
  const text = htmlToText(article);
  const lead = htmlToText(innerHtml(article, 'p', 'class="lead') ?? '');
  const date = /<time datetime="([^"]+)"/.exec(article)?.[1] ?? '';
  // Records outlive their page (the publisher keeps them between builds): nothing in them may point into its HTML.
  const day = detached(date);
  return {
    url,
    content: detached(text),
    meta: { title: detached(htmlToText(title)), description: detached(lead), date: day },
  };
}

export type SearchRecord = NonNullable<ReturnType<typeof articleRecord>>;

/**
 * Writes the whole search index of the given article records into <outDir>/_search (see search-update.ts).
 * When `shouldStop` turns true on the way, the result is null (the folder is unusable).
 */
export async function writeSearchIndex(
  records: Iterable<[slug: string, record: SearchRecord]>,
  outDir: string,
  shouldStop: () => boolean = () => false,
): Promise<number | null> {
  // A slug given twice keeps its last record.
  const entries = [...new Map(records)].map(([slug, record]) => [slug, StoredRecord.of(record), record] as const);
  const update = await writeWholeIndex(entries, outDir, { shouldStop });
  return update && update.state.base.size;
}

/** Indexes every article page of a static build. */
export async function buildSearchIndex(outDir: string): Promise<number> {
  const articlesDir = path.join(outDir, 'bai-viet');
  const records: Array<[string, SearchRecord]> = [];
  for (const slug of await readdir(articlesDir).catch(() => [] as string[])) {
    const html = await readFile(path.join(articlesDir, slug, 'index.html'), 'utf8').catch(() => null);
    const record = html && articleRecord(html, `/bai-viet/${slug}/`);
    if (record) records.push([slug, record]);
  }
  return (await writeSearchIndex(records, outDir))!;
}

/** Astro integration: the search index is written after the pages, into the same build. */
export function searchIntegration(): AstroIntegration {
  return {
    name: 'portal-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const count = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`Search index: ${count} articles`);
      },
    },
  };
}
