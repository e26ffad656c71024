import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { foldDiacritics } from '../lib/diacritics';
import { htmlToText, innerHtml } from '../lib/html-text';

/** A search record for one built article page, or null when the page is not an article. */
export function articleRecord(html: string, url: string) {
  const article = innerHtml(html, 'article');
  const title = innerHtml(html, 'h1');
  if (!article || !title) return null;
  const text = htmlToText(article);
  const lead = htmlToText(innerHtml(article, 'p', 'class="lead') ?? '');
  const date = /<time datetime="([^"]+)"/.exec(article)?.[1] ?? '';
  // The folded copy makes "bao ve an ninh" find "bảo vệ an ninh"; readers never see it.
  return {
    url,
    language: 'vi',
    content: `${text}\n${foldDiacritics(text)}`,
    meta: { title: htmlToText(title), description: lead, date },
    sort: { date },
  };
}

/** Indexes every article page of the build with Pagefind into <outDir>/pagefind. */
export async function buildSearchIndex(outDir: string): Promise<number> {
  const articlesDir = path.join(outDir, 'bai-viet');
  const slugs = (await readdir(articlesDir).catch(() => [] as string[])).sort();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let count = 0;
  for (const slug of slugs) {
    const html = await readFile(path.join(articlesDir, slug, 'index.html'), 'utf8').catch(() => null);
    const record = html && articleRecord(html, `/bai-viet/${slug}/`);
    if (!record) continue;
    await index.addCustomRecord(record);
    count++;
  }
  await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  await pagefind.close();
  return count;
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
