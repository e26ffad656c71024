import path from 'node:path';
import { digest } from './digest';
import { linkFiles, linkTree } from './file-tree';
import { fullBuildReason, planBuild, type BuiltPage } from './plan';
import { renderPages } from './render-pages';
import type { Renderer } from './renderer';
import {
  fetchSiteContent,
  linkMedia,
  outputFile,
  paths,
  refreshArticles,
  sitePages,
  writeSearchUpdate,
  type ContentSource,
  type SearchIndexState,
  type SearchRecord,
  type SiteContent,
} from 'web/site';

/**
 * The site builder: writes release folders with the long-lived renderer, and keeps what makes partial
 * builds possible — the content and, per page, a digest of the data it shows (see sitePages) — for the
 * release it last published.
 *
 * Its state: none (at start, after `forget`: a failed build) → one release described (after `commit`,
 * once that release is live). plan.ts decides from it: a build is partial only when the release it
 * describes is the live one. A build goes through these steps (the timings in the build log):
 *
 *   fetch   everything (full), or only the changed articles (partial); then every page's data
 *   plan    planBuild: the pages to render, to link from the live release, gone
 *   render  the pages to render, one at a time (render-pages.ts)
 *   link    every other page's file, hard-linked from the live release
 *   media   the renderer's client files and the media the pages use
 *   search  the Pagefind index: written (full) or linked from the live release (partial; refreshSearch
 *           follows when its records changed, and writes only the index files of what changed)
 *
 * Full and partial builds render with the same code from the same data: their output is the same file
 * for file.
 */

/** What the builder knows of one page of a release. */
type PageState = BuiltPage & { media: string[] };

/** The content and pages a release was built from. */
type SiteState = {
  /** Name of the release this describes. */
  release: string;
  renderer: string;
  content: SiteContent;
  pages: Map<string, PageState>;
  /** Search records of every article page, by slug. */
  search: Map<string, SearchRecord>;
  /** Digest of the records the release's search index was written from. */
  searchIndexed: string;
  /** What the release's search index holds (its base, its recent index, its files); null before the first. */
  searchIndex: SearchIndexState | null;
};

export type BuildKind = 'full' | 'partial';

export type BuildRequest = {
  outDir: string;
  /** The live release, which a partial build takes unchanged files from. */
  baseDir: string | null;
  /** The changes ask for a full build (see events.ts). */
  full: boolean;
  /** The documentIds of changed articles. */
  articles: string[];
  /** Called once the kind is decided; `fullBecause` says why a build is full. */
  onStart?: (kind: BuildKind, fullBecause: string | null) => void;
  onProgress?: (rendered: number, total: number) => void;
  /** Checked between pages: true abandons the build. */
  shouldStop?: () => boolean;
};

export type BuildResult = {
  kind: BuildKind;
  /** Pages and files of the site. */
  pages: number;
  /** Pages rendered by this build (the rest were linked from the live release). */
  rendered: number;
  /** Pages of the live release the new one no longer has. */
  removed: number;
  /**
   * URL paths that differ from the live release (rendered and removed pages), what a CDN in front must
   * forget; null for a full build, where any page may have changed.
   */
  changed: string[] | null;
  /** True when the search index in the output is the live one and no longer matches the content. */
  searchStale: boolean;
  /** Milliseconds spent per step: fetch, plan, render, link, media, search. */
  timings: Record<string, number>;
  /** Call once the output is live: later builds start from it. */
  commit: () => void;
};

function searchDigest(search: Map<string, SearchRecord>): string {
  return digest([...search.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function stopwatch(): { timings: Record<string, number>; lap: (step: string) => void } {
  const timings: Record<string, number> = {};
  let mark = Date.now();
  return {
    timings,
    lap: (step) => {
      const now = Date.now();
      timings[step] = now - mark;
      mark = now;
    },
  };
}

export class SiteBuilder {
  private live: SiteState | null = null;
  /** The content of the last release this builder made live; kept by `forget` (the release stays live). */
  private published: SiteContent | null = null;

  constructor(
    private readonly renderer: Renderer,
    private readonly options: {
      /** The CMS and the media cache folder. */
      source: ContentSource;
      /** The site's public address and the dashboard's, as the pages link to them. */
      siteUrl: string;
      dashboardUrl: string;
      /** Where the pages send their view counts. */
      counterUrl: string;
      partial: boolean;
    },
  ) {}

  /** The renderer the builder renders with. */
  get rendering(): Renderer {
    return this.renderer;
  }

  /** The content of the last release built here and made live (what an editor's preview starts from), or null before the first. */
  liveContent(): SiteContent | null {
    return this.published;
  }

  /** Forgets the state: the next build is a full one (a failed build's changes were fetched, never published). */
  forget(): void {
    this.live = null;
  }

  async build(request: BuildRequest): Promise<BuildResult> {
    const fullBecause = fullBuildReason({
      fullRequested: request.full,
      partialEnabled: this.options.partial,
      live: request.baseDir && path.basename(request.baseDir),
      described: this.live?.release ?? null,
    });
    const previous = fullBecause ? null : this.live;
    request.onStart?.(previous ? 'partial' : 'full', fullBecause);
    const { timings, lap } = stopwatch();
    const { source } = this.options;
    const content = previous ? await refreshArticles(previous.content, request.articles, source) : await fetchSiteContent(source);
    lap('fetch');

    const pages = sitePages(content);
    const planned = [...pages.values()].map((page) => ({ page, url: page.url, file: outputFile(page), digest: digest(page.props) }));
    const plan = planBuild(previous, { renderer: this.renderer.version, pages: planned });
    const next: SiteState = {
      release: path.basename(request.outDir),
      renderer: this.renderer.version,
      content,
      pages: new Map(),
      search: new Map(previous?.search ?? []),
      searchIndexed: previous?.searchIndexed ?? '',
      searchIndex: previous?.searchIndex ?? null,
    };
    if (previous) for (const { url } of plan.link) next.pages.set(url, previous.pages.get(url)!);
    for (const slug of next.search.keys()) if (!pages.has(paths.article(slug))) next.search.delete(slug);
    lap('plan');

    await renderPages(this.renderer, plan.render, {
      context: { content, pages, siteUrl: this.options.siteUrl, dashboardUrl: this.options.dashboardUrl, counterUrl: this.options.counterUrl },
      outDir: request.outDir,
      shouldStop: request.shouldStop,
      onProgress: request.onProgress,
      onPage: ({ page, file, digest: pageDigest }, { media, search }) => {
        next.pages.set(page.url, { file, digest: pageDigest, media });
        if (page.route !== 'article') return;
        if (search) next.search.set(page.params.slug, search);
        else next.search.delete(page.params.slug);
      },
    });
    lap('render');

    if (previous && request.baseDir)
      await linkFiles(
        request.baseDir,
        request.outDir,
        plan.link.map(({ file }) => file),
      );
    lap('link');
    await linkTree(this.renderer.clientDir, request.outDir);
    const media = new Set<string>();
    for (const page of next.pages.values()) for (const reference of page.media) media.add(reference);
    await linkMedia(source.mediaCacheDir, media, request.outDir);
    lap('media');

    const searchStale = await this.writeSearch(previous, next, request);
    lap('search');
    return {
      timings,
      kind: previous ? 'partial' : 'full',
      pages: next.pages.size,
      rendered: plan.render.length,
      removed: plan.remove.length,
      changed: previous ? [...plan.render.map(({ url }) => url), ...plan.remove] : null,
      searchStale,
      commit: () => {
        this.live = next;
        this.published = next.content;
      },
    };
  }

  /**
   * Writes the search index (full build), or links the live one (partial: Pagefind needs tens of seconds
   * for 10,000 articles, the pages go first). Resolves with true when the output's index lags its pages.
   */
  private async writeSearch(previous: SiteState | null, next: SiteState, request: BuildRequest): Promise<boolean> {
    const wanted = searchDigest(next.search);
    if (previous && request.baseDir) {
      await linkTree(path.join(request.baseDir, 'pagefind'), path.join(request.outDir, 'pagefind'));
      return wanted !== previous.searchIndexed;
    }
    const written = await writeSearchUpdate(next.search, request.outDir, null);
    next.searchIndex = written!.state;
    next.searchIndexed = wanted;
    return false;
  }

  /**
   * A copy of the live release with a fresh search index: every other file linked from `baseDir`. The index
   * is updated, not rewritten: a small recent index of the changed articles (and recent.json) is written,
   * the base's files are linked from `baseDir`; the base is rewritten only once the recent index outgrows
   * its bound (search-update.ts). Resolves with null when `shouldStop` turned true on the way (another
   * build is waiting).
   */
  async refreshSearch(
    outDir: string,
    baseDir: string,
    shouldStop: () => boolean,
  ): Promise<{ kind: 'full' | 'recent'; written: number; commit: () => void } | null> {
    const live = this.live;
    if (live?.release !== path.basename(baseDir))
      throw new Error('The live release is not the last one built here; the next build writes its search index');
    await linkTree(baseDir, outDir, (name) => name === 'pagefind' || name.startsWith('.release'));
    const records = new Map(live.search);
    const update = await writeSearchUpdate(records, outDir, live.searchIndex, { shouldStop });
    if (!update) return null;
    const written = new Set(update.written);
    await linkFiles(
      baseDir,
      outDir,
      update.state.files.filter((file) => !written.has(file)),
    );
    const indexed = searchDigest(records);
    return {
      kind: update.kind,
      written: update.written.length,
      commit: () => {
        // The new release has the same pages: the state describes it, with its index.
        if (this.live !== live) return;
        live.release = path.basename(outDir);
        live.searchIndexed = indexed;
        live.searchIndex = update.state;
      },
    };
  }
}
