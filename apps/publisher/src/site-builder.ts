import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { digest } from './digest';
import type { Renderer } from './renderer';
import {
  articleRecord,
  fetchSiteContent,
  linkMedia,
  mediaReferences,
  outputFile,
  paths,
  refreshArticles,
  setRenderState,
  sitePages,
  writeSearchIndex,
  type SearchRecord,
  type SiteContent,
  type SitePage,
} from './site';

/** What the builder knows of one page of the live release. */
type PageState = { file: string; digest: string; media: string[] };

/** The content and pages a release was built from. */
type SiteState = {
  content: SiteContent;
  pages: Map<string, PageState>;
  /** Search records of every article page, by slug. */
  search: Map<string, SearchRecord>;
  /** Digest of the records the release's search index was written from. */
  searchIndexed: string;
};

export type BuildRequest = {
  outDir: string;
  /** The live release, which a partial build takes unchanged files from. */
  baseDir: string | null;
  /** Full: fetch everything and render every page. Otherwise the documentIds of changed articles. */
  full: boolean;
  articles: string[];
  onProgress?: (rendered: number, total: number) => void;
  /** Checked between pages: true abandons the build. */
  shouldStop?: () => boolean;
};

export type BuildResult = {
  kind: 'full' | 'partial';
  /** Pages and files of the site. */
  pages: number;
  /** Pages rendered by this build (the rest were linked from the live release). */
  rendered: number;
  /** True when the search index in the output is the live one and no longer matches the content. */
  searchStale: boolean;
  /** Milliseconds spent per step: fetch, plan, render, link, media, search. */
  timings: Record<string, number>;
  /** Call once the output is live: later builds start from it. */
  commit: () => void;
};

const hasMarkup = (file: string) => file.endsWith('.html') || file.endsWith('.xml');

/** Every file under `dir`, as paths relative to it, minus the top-level entries `skip` names. */
async function filesUnder(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !skip(file.split(path.sep)[0]));
}

/** Hard-links a whole folder (`_astro`, `pagefind`, a release) into the output. */
async function linkTree(from: string, to: string, skip?: (name: string) => boolean): Promise<void> {
  await mkdir(to, { recursive: true });
  await linkFiles(from, to, await filesUnder(from, skip));
}

/** Runs `task` over `items`, `concurrency` at a time (file system calls run in libuv's thread pool). */
async function eachLimit<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Hard-links `files` (relative paths) from `from` into `to`: every folder once, a level at a time (no
 * recursive mkdir per file), then the links, many at a time (file system calls run in libuv's pool).
 */
async function linkFiles(from: string, to: string, files: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.dirname(file); dir !== '.' && !folders.has(dir); dir = path.dirname(dir)) folders.add(dir);
  const byDepth = new Map<number, string[]>();
  for (const dir of folders) {
    const depth = dir.split(path.sep).length;
    const level = byDepth.get(depth);
    if (level) level.push(dir);
    else byDepth.set(depth, [dir]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await eachLimit(byDepth.get(depth)!, 32, (dir) =>
      mkdir(path.join(to, dir)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      }),
    );
  }
  await eachLimit(files, 32, (file) => link(path.join(from, file), path.join(to, file)).catch(() => copyFile(path.join(from, file), path.join(to, file))));
}

function searchDigest(search: Map<string, SearchRecord>): string {
  return digest([...search.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Builds releases with the long-lived renderer. It keeps the content and, per page, a digest of the data
 * the page shows (see sitePages): a partial build refetches the changed articles, recomputes every
 * page's data, renders only the pages whose data changed and hard-links every other file from the live
 * release. Full and partial builds render with the same code from the same data, so their output is the
 * same file for file.
 */
export class SiteBuilder {
  private live: SiteState | null = null;

  constructor(
    private readonly renderer: Renderer,
    private readonly siteUrl: string,
  ) {}

  /** Whether a partial build can start from the live release (false at start and after a rollback). */
  get canBuildPartially(): boolean {
    return this.live !== null;
  }

  /** Forgets the live state: the next build is a full one (after a rollback, the live release is another). */
  forget(): void {
    this.live = null;
  }

  async build(request: BuildRequest): Promise<BuildResult> {
    const previous = request.full || !request.baseDir ? null : this.live;
    const timings: Record<string, number> = {};
    let mark = Date.now();
    const lap = (step: string) => {
      const now = Date.now();
      timings[step] = now - mark;
      mark = now;
    };
    const content = previous ? await refreshArticles(previous.content, request.articles) : await fetchSiteContent();
    lap('fetch');
    const pages = sitePages(content);
    const next: SiteState = { content, pages: new Map(), search: new Map(previous?.search ?? []), searchIndexed: previous?.searchIndexed ?? '' };

    const toRender: Array<{ page: SitePage; digest: string }> = [];
    const toLink: string[] = [];
    for (const page of pages.values()) {
      const pageDigest = digest(page.props);
      const before = previous?.pages.get(page.url);
      if (before && before.digest === pageDigest && before.file === outputFile(page)) {
        next.pages.set(page.url, before);
        toLink.push(before.file);
      } else {
        toRender.push({ page, digest: pageDigest });
      }
    }
    for (const slug of next.search.keys()) if (!pages.has(paths.article(slug))) next.search.delete(slug);

    lap('plan');
    setRenderState({ content, pages });
    try {
      let rendered = 0;
      for (const { page, digest: pageDigest } of toRender) {
        if (request.shouldStop?.()) throw new Error('the build was abandoned');
        const output = await this.renderer.render(`${this.siteUrl}${page.url}`);
        if (output.status !== 200 && page.route !== 'not-found') throw new Error(`${page.url} rendered with HTTP ${output.status}`);
        const file = outputFile(page);
        const target = path.join(request.outDir, file);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, output.body);
        const text = hasMarkup(file) ? output.body.toString('utf8') : '';
        next.pages.set(page.url, { file, digest: pageDigest, media: text ? mediaReferences(text) : [] });
        if (page.route === 'article') {
          const record = articleRecord(text, page.url);
          if (record) next.search.set(page.params.slug, record);
          else next.search.delete(page.params.slug);
        }
        request.onProgress?.(++rendered, toRender.length);
      }
    } finally {
      setRenderState(undefined);
    }

    lap('render');
    if (previous && request.baseDir) {
      const base = request.baseDir;
      await linkFiles(base, request.outDir, toLink);
    }
    lap('link');
    await linkTree(this.renderer.clientDir, request.outDir);
    const media = new Set<string>();
    for (const page of next.pages.values()) for (const reference of page.media) media.add(reference);
    await linkMedia(media, request.outDir);
    lap('media');

    const wanted = searchDigest(next.search);
    let searchStale = false;
    if (previous && request.baseDir) {
      // Pagefind needs tens of seconds for 10,000 articles: the pages go live with the live index, and
      // refreshSearch() follows when the records changed (see Publisher).
      await linkTree(path.join(request.baseDir, 'pagefind'), path.join(request.outDir, 'pagefind'));
      searchStale = wanted !== previous.searchIndexed;
    } else {
      await writeSearchIndex(next.search.entries(), request.outDir);
      next.searchIndexed = wanted;
    }

    lap('search');
    return {
      timings,
      kind: previous ? 'partial' : 'full',
      pages: next.pages.size,
      rendered: toRender.length,
      searchStale,
      commit: () => {
        this.live = next;
      },
    };
  }

  /**
   * A copy of the live release with a fresh search index: every other file linked from `baseDir`.
   * Resolves with null when `shouldStop` turned true on the way (another build is waiting).
   */
  async refreshSearch(outDir: string, baseDir: string, shouldStop: () => boolean): Promise<{ commit: () => void } | null> {
    const live = this.live;
    if (!live) throw new Error('No live release to refresh the search index of');
    await linkTree(baseDir, outDir, (name) => name === 'pagefind' || name.startsWith('.release'));
    const records = new Map(live.search);
    if (!(await writeSearchIndex(records.entries(), outDir, shouldStop))) return null;
    const indexed = searchDigest(records);
    return {
      commit: () => {
        if (this.live === live) live.searchIndexed = indexed;
      },
    };
  }
}
