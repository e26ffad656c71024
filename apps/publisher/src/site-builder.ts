import path from 'node:path';
import { digest } from './digest';
import { linkTree } from './file-tree';
import { fullBuildReason, planBuild, type BuiltPage } from './plan';
import { carryForward, startFullRelease, startLayeredRelease, type ReleaseDraft } from './release-layout';
import { renderPages } from './render-pages';
import type { Renderer } from './renderer';
import {
  changedPages,
  fetchSiteContent,
  linkMedia,
  outputFile,
  paths,
  refreshContent,
  SearchBaseWriter,
  sitePages,
  StoredRecord,
  writeSearchUpdate,
  type ContentSource,
  type SearchIndexState,
  type SiteContent,
  type SitePage,
} from 'web/site';

/**
 * The site builder: writes release folders with the long-lived renderer, and keeps what makes partial
 * builds possible — the content and, per page, a digest of the data it shows (see sitePages) — for the
 * release it last published.
 *
 * Its state: none (at start, after `forget`: a failed build, and from a build's planning on, since a
 * partial build updates the state in place) → one release described (after `commit`, once that release
 * is live). plan.ts decides from it: a build is partial only when the release it
 * describes is the live one. A build goes through these steps (the timings in the build log):
 *
 *   fetch   everything (full), or only the changed articles (partial); then every page's data
 *   plan    planBuild: the pages to render, to link from the live release, gone
 *   render  the pages to render, one at a time (render-pages.ts), into the new release: a full release's
 *           tree, or the top layer of a layered one (release-layout.ts). A full build renders its
 *           articles first, in slug order, and indexes each one's search record as it comes
 *   link    a layered release: the live release's layers carried over, minus what was rendered or removed
 *   media   full: the renderer's client files and every medium the pages use; layered: the media of the
 *           rendered pages the live release lacks
 *   search  the search index: finished (full: what is left once the last page rendered, the last shard)
 *           or kept from the live release (partial; refreshSearch follows when its records changed, and
 *           writes only the index files of what changed)
 *
 * Full and partial builds render with the same code from the same data: their output is the same file
 * for file.
 */

/** What the builder knows of one page of a release. */
type PageState = BuiltPage & { media: string[] };

/** Where the media of the pages are served from, relative to a release. */
const mediaFile = (reference: string) => path.join('media', decodeURIComponent(path.basename(reference)));

/** The content and pages a release was built from. */
type SiteState = {
  /** Name of the release this describes. */
  release: string;
  renderer: string;
  content: SiteContent;
  pages: Map<string, PageState>;
  /** Media the release serves (site paths, as pages refer to them), with the number of pages using each. */
  media: Map<string, number>;
  /** Search records of every article page, by slug, as kept between builds (StoredRecord: a third less memory, off the heap). */
  search: Map<string, StoredRecord>;
  /** Digest of the records the release's search index was written from. */
  searchPending: Set<string>;
  /** What the release's search index holds (its base, its recent index, its files); null before the first. */
  searchIndex: SearchIndexState | null;
};

export type BuildKind = 'full' | 'partial';

export type BuildRequest = {
  /** The new release folder, empty. */
  outDir: string;
  /** The live release, which a partial build takes unchanged files from. */
  baseDir: string | null;
  /** The changes ask for a full build (see events.ts). */
  full: boolean;
  /** The documentIds of changed articles, authors and categories. */
  articles: string[];
  authors?: string[];
  categories?: string[];
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
  /** A layered release: the files of its top layer and the removals it marks (release-layout.ts); null for a full one. */
  layers: { top: number; gone: number } | null;
  /** True when the search index in the output is the live one and no longer matches the content. */
  searchStale: boolean;
  /** Milliseconds spent per step: fetch, plan, render, link, media, search. */
  timings: Record<string, number>;
  /** Call once the output is live: later builds start from it. */
  commit: () => void;
};

/**
 * Counts the pages using each medium: `by` +1 for a page's media, -1 for the page it replaces or removes.
 * `before` remembers, for each medium counted, whether the release had it before the first count.
 */
function countMedia(uses: Map<string, number>, media: readonly string[] | undefined, by: 1 | -1, before: Map<string, boolean>): void {
  for (const reference of media ?? []) {
    if (!before.has(reference)) before.set(reference, uses.has(reference));
    const count = (uses.get(reference) ?? 0) + by;
    if (count > 0) uses.set(reference, count);
    else uses.delete(reference);
  }
}

/** The slug of an article page's URL, or null when `url` is no article page. */
function articleSlug(url: string): string | null {
  const prefix = paths.article('').slice(0, -1);
  return url.startsWith(prefix) && url.endsWith('/') && url.length > prefix.length ? url.slice(prefix.length, -1) : null;
}

/**
 * `pages` with the article pages first, in slug order (the order of the search index's shards), then the
 * others as they were.
 */
function articlesFirstBySlug<P extends { page: SitePage }>(pages: readonly P[]): P[] {
  const slug = (planned: P) => (planned.page.route === 'article' ? planned.page.params.slug : null);
  const articles = pages.filter((planned) => slug(planned) !== null).sort((a, b) => (slug(a)! < slug(b)! ? -1 : slug(a)! > slug(b)! ? 1 : 0));
  return [...articles, ...pages.filter((planned) => slug(planned) === null)];
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
      /** Articles per shard of the search index's base (default SHARD_SIZE). */
      searchShardSize?: number;
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

  /**
   * The live release `from` was written again as `to` with the same files (compaction.ts): the state
   * describes `to`, so the next build stays partial.
   */
  renamed(from: string, to: string): void {
    if (this.live?.release === from) this.live.release = to;
  }

  /** Forgets the state: the next build is a full one (a failed build's changes were fetched, never published). */
  forget(): void {
    this.live = null;
  }

  async build(request: BuildRequest): Promise<BuildResult> {
    // Every page shows the menu: a change to one of its categories is a change to every page.
    const menu = new Set((this.live?.content.settings?.menu ?? []).map((category) => category?.documentId));
    const menuChanged = (request.categories ?? []).some((id) => menu.has(id));
    const fullBecause =
      fullBuildReason({
        fullRequested: request.full,
        partialEnabled: this.options.partial,
        live: request.baseDir && path.basename(request.baseDir),
        described: this.live?.release ?? null,
      }) ?? (menuChanged ? 'a category of the menu changed: every page shows the menu' : null);
    // Files made by another renderer (the site's templates changed) may differ anywhere: a full release.
    const renderer = !fullBecause && this.live?.renderer !== this.renderer.version ? "the site's templates changed" : null;
    const previous = fullBecause || renderer ? null : this.live;
    request.onStart?.(previous ? 'partial' : 'full', fullBecause ?? renderer);
    const { timings, lap } = stopwatch();
    const { source } = this.options;
    const lists = { authors: request.authors ?? [], categories: request.categories ?? [] };
    const refreshed = previous ? await refreshContent(previous.content, { articles: request.articles, ...lists }, source) : null;
    const content = refreshed ? refreshed.content : await fetchSiteContent(source);
    lap('fetch');

    // A full build computes every page; a partial one only the pages the changed articles may touch
    // (changedPages): every other page keeps its file and data.
    const touched = previous && refreshed ? changedPages(previous.content, content, refreshed.articles, lists) : null;
    const pages = touched ? touched.pages : sitePages(content);
    const planned = [...pages.values()].map((page) => ({ page, url: page.url, file: outputFile(page), digest: digest(page.props) }));
    const before =
      previous && touched
        ? new Map([...touched.considered].flatMap((url) => (previous.pages.has(url) ? ([[url, previous.pages.get(url)!]] as const) : [])))
        : null;
    const plan = planBuild(previous && before && { renderer: previous.renderer, pages: before }, { renderer: this.renderer.version, pages: planned });
    // The removed pages' files, read before the state changes.
    const removed = previous ? plan.remove.map((url) => previous.pages.get(url)!.file) : [];
    // A partial build changes the live state in place (copying its maps costs a quarter of a second at
    // 100,000 pages): the builder describes no release until `commit`, so a build that is not made live
    // leaves a full build next.
    this.live = null;
    const next: SiteState = {
      release: path.basename(request.outDir),
      renderer: this.renderer.version,
      content,
      pages: previous?.pages ?? new Map<string, PageState>(),
      media: previous?.media ?? new Map<string, number>(),
      search: previous?.search ?? new Map<string, StoredRecord>(),
      searchPending: previous?.searchPending ?? new Set<string>(),
      searchIndex: previous?.searchIndex ?? null,
    };
    const mediaBefore = new Map<string, boolean>();
    for (const url of plan.remove) {
      countMedia(next.media, next.pages.get(url)?.media, -1, mediaBefore);
      next.pages.delete(url);
      const slug = articleSlug(url);
      if (slug !== null && next.search.delete(slug)) next.searchPending.add(slug);
    }
    lap('plan');

    const draft: ReleaseDraft =
      previous && request.baseDir ? await startLayeredRelease(request.outDir, request.baseDir) : await startFullRelease(request.outDir);
    // A full build writes the search index while it renders: its article pages go first, in slug order, each
    // record indexed as it comes (SearchBaseWriter), each shard written out once the next one starts.
    const search = draft.layered
      ? null
      : new SearchBaseWriter(draft.files, { shardSize: this.options.searchShardSize, shouldStop: request.shouldStop });
    const order = search ? articlesFirstBySlug(plan.render) : plan.render;
    const written = new Set<string>();
    let layers: BuildResult['layers'] = null;
    let searchStale: boolean;
    // A failure anywhere up to the search index ends the build: the shards still being written in the
    // background are stopped first (the build's folder is removed next).
    try {
      await renderPages(this.renderer, order, {
        context: { content, pages, siteUrl: this.options.siteUrl, dashboardUrl: this.options.dashboardUrl, counterUrl: this.options.counterUrl },
        outDir: draft.files,
        shouldStop: request.shouldStop,
        onProgress: request.onProgress,
        onPage: ({ page, file, digest: pageDigest }, { media, search: record }) => {
          written.add(file);
          countMedia(next.media, next.pages.get(page.url)?.media, -1, mediaBefore);
          countMedia(next.media, media, 1, mediaBefore);
          next.pages.set(page.url, { file, digest: pageDigest, media });
          if (page.route !== 'article') return;
          const slug = page.params.slug;
          const stored = record && StoredRecord.of(record);
          const before = next.search.get(slug);
          if (!search && (stored ? !stored.equals(before) : before !== undefined)) next.searchPending.add(slug);
          if (stored) next.search.set(slug, stored);
          else next.search.delete(slug);
          if (!search) return;
          if (stored) search.add(slug, stored, record);
        },
      });
      lap('render');

      if (previous && request.baseDir) {
        // Media go with the pages that use them: new ones are linked below, unused ones leave the release.
        const fresh = [...mediaBefore].filter(([reference, had]) => !had && next.media.has(reference)).map(([reference]) => reference);
        await linkMedia(source.mediaCacheDir, fresh, draft.files);
        for (const reference of fresh) written.add(mediaFile(reference));
        for (const [reference, had] of mediaBefore) if (had && !next.media.has(reference)) removed.push(mediaFile(reference));
        lap('media');
        layers = await carryForward(draft, request.baseDir, { written, removed });
        lap('link');
      } else {
        await linkTree(this.renderer.clientDir, draft.files);
        await linkMedia(source.mediaCacheDir, next.media.keys(), draft.files);
        lap('media');
      }

      searchStale = await this.writeSearch(next, search);
    } catch (error) {
      await search?.abort();
      throw error;
    }
    lap('search');
    return {
      timings,
      kind: previous ? 'partial' : 'full',
      pages: next.pages.size,
      rendered: plan.render.length,
      removed: plan.remove.length,
      layers,
      changed: previous ? [...plan.render.map(({ url }) => url), ...plan.remove] : null,
      searchStale,
      commit: () => {
        this.live = next;
        this.published = next.content;
      },
    };
  }

  /**
   * Finishes the search index of a full build (`writer`, fed while the pages rendered), or leaves the live
   * one (partial: a refresh follows, the pages go first). Resolves with true when the output's index lags
   * its pages.
   */
  private async writeSearch(next: SiteState, writer: SearchBaseWriter | null): Promise<boolean> {
    if (!writer) return next.searchPending.size > 0;
    const written = await writer.finish();
    if (!written) throw new Error('the build was abandoned');
    next.searchIndex = written.state;
    next.searchPending = new Set();
    return false;
  }

  /**
   * A layered copy of the live release with a fresh search index: every other file carried from `baseDir`.
   * The index is updated, not rewritten: a small recent index of the changed articles (and recent.json) is
   * written, the base's files are carried; the base is rewritten only once the recent index outgrows its
   * bound (search-update.ts). Resolves with null when `shouldStop` turned true on the way (another build is
   * waiting).
   */
  async refreshSearch(
    outDir: string,
    baseDir: string,
    shouldStop: () => boolean,
  ): Promise<{ kind: 'full' | 'recent'; written: number; commit: () => void } | null> {
    const live = this.live;
    if (live?.release !== path.basename(baseDir))
      throw new Error('The live release is not the last one built here; the next build writes its search index');
    const draft = await startLayeredRelease(outDir, baseDir);
    const records = new Map(live.search);
    const update = await writeSearchUpdate(records, draft.files, live.searchIndex, { shouldStop, shardSize: this.options.searchShardSize });
    if (!update) return null;
    await carryForward(draft, baseDir, { written: new Set(update.written), removed: update.obsolete });
    return {
      kind: update.kind,
      written: update.written.length,
      commit: () => {
        // The new release has the same pages: the state describes it, with its index.
        if (this.live !== live) return;
        live.release = path.basename(outDir);
        // Every record the refresh indexed is live: only changes made since (none: no build ran) would be pending.
        live.searchPending = new Set();
        live.searchIndex = update.state;
      },
    };
  }
}
