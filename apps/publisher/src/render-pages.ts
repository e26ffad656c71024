import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Renderer } from './renderer';
import { articleRecord, mediaReferences, type RenderContext, type SearchRecord, type SitePage } from 'web/site';

/** What a later step needs of a rendered page: the media it uses, and for an article its search record. */
export type PageOutput = { media: string[]; search: SearchRecord | null };

export type RenderOptions<P> = {
  /** The content, every page of the site and the addresses pages link to: what the renderer's pages read. */
  context: RenderContext;
  outDir: string;
  /** Called once a page rendered; the next page renders once what it returns resolves. */
  onPage: (planned: P, output: PageOutput) => void | Promise<void>;
  onProgress?: (rendered: number, total: number) => void;
  /** Checked between pages: true abandons the build. */
  shouldStop?: () => boolean;
};

const hasMarkup = (file: string) => file.endsWith('.html') || file.endsWith('.xml');

/** Files being written at once: the disk works while the next pages render. */
const WRITES_IN_FLIGHT = 8;

/**
 * The render step of a build: renders `pages` one at a time with the renderer, in their order, and writes
 * each to its file in the release (a few writes in flight while the next pages render). A page other than
 * the 404 page that does not render with HTTP 200 fails the build; so does a write that fails.
 */
export async function renderPages<P extends { page: SitePage; file: string }>(
  renderer: Renderer,
  pages: P[],
  options: RenderOptions<P>,
): Promise<void> {
  const { context } = options;
  const writing = new Set<Promise<void>>();
  // The first write that failed (set from the writes' callbacks).
  const writes: { failed: { error: unknown } | null } = { failed: null };
  const write = async (target: string, body: Uint8Array) => {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body);
  };
  let rendered = 0;
  try {
    for (const planned of pages) {
      const { page, file } = planned;
      if (writes.failed) throw writes.failed.error;
      if (options.shouldStop?.()) throw new Error('the build was abandoned');
      const output = await renderer.render(`${context.siteUrl}${page.url}`, context);
      if (output.status !== 200 && page.route !== 'not-found') throw new Error(`${page.url} rendered with HTTP ${output.status}`);
      const written = write(path.join(options.outDir, file), output.body).then(
        () => void writing.delete(written),
        (error: unknown) => {
          writing.delete(written);
          writes.failed ??= { error };
        },
      );
      writing.add(written);
      const text = hasMarkup(file) ? output.body.toString('utf8') : '';
      await options.onPage(planned, {
        media: text ? mediaReferences(text) : [],
        search: page.route === 'article' ? articleRecord(text, page.url) : null,
      });
      options.onProgress?.(++rendered, pages.length);
      if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
    }
  } finally {
    // Never leave a write running past the build (a failed build's folder is deleted next).
    await Promise.all(writing);
  }
  if (writes.failed) throw writes.failed.error;
}
