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
  onPage: (planned: P, output: PageOutput) => void;
  onProgress?: (rendered: number, total: number) => void;
  /** Checked between pages: true abandons the build. */
  shouldStop?: () => boolean;
};

const hasMarkup = (file: string) => file.endsWith('.html') || file.endsWith('.xml');

/**
 * The render step of a build: renders `pages` one at a time with the renderer and writes each to its
 * file in the release. A page other than the 404 page that does not render with HTTP 200 fails the build.
 */
export async function renderPages<P extends { page: SitePage; file: string }>(
  renderer: Renderer,
  pages: P[],
  options: RenderOptions<P>,
): Promise<void> {
  const { context } = options;
  let rendered = 0;
  for (const planned of pages) {
    const { page, file } = planned;
    if (options.shouldStop?.()) throw new Error('the build was abandoned');
    const output = await renderer.render(`${context.siteUrl}${page.url}`, context);
    if (output.status !== 200 && page.route !== 'not-found') throw new Error(`${page.url} rendered with HTTP ${output.status}`);
    const target = path.join(options.outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, output.body);
    const text = hasMarkup(file) ? output.body.toString('utf8') : '';
    options.onPage(planned, { media: text ? mediaReferences(text) : [], search: page.route === 'article' ? articleRecord(text, page.url) : null });
    options.onProgress?.(++rendered, pages.length);
  }
}
