import path from 'node:path';
import type { ContentSource, SiteContent } from 'web/site';
import { Compaction } from './compaction';
import { isEmpty, type Work } from './events';
import { CdnPurge, type PurgeSettings } from './purge';
import { BuildQueue } from './queue';
import { createReleases, pruneWarning, type Published, type Releases } from './releases';
import { prepareRenderer, type Renderer } from './renderer';
import { SearchRefresh } from './search-refresh';
import { SiteBuilder, type BuildResult } from './site-builder';
import { StatusBook, type BuildRecord, type Status } from './status';

export type PublisherOptions = {
  webDir: string;
  releasesDir: string;
  keepReleases: number;
  debounceMs: number;
  maxWaitMs: number;
  /** Public address of the site (canonical links, feeds). */
  siteUrl: string;
  /** The dashboard as readers' browsers reach it (the pages' login link). */
  dashboardUrl: string;
  counterUrl: string;
  /** The CMS the content comes from, and the media cache folder. */
  source: ContentSource;
  /** Environment the renderer is built with. */
  buildEnv: NodeJS.ProcessEnv;
  /** Partial rebuilds where the planner can bound them; false forces full builds. */
  partial: boolean;
  /** Articles per shard of the search index's base (search-shards.ts; default SHARD_SIZE). */
  searchShardSize?: number;
  /** Files in the live release's layers from which it is compacted into a full release (compaction.ts). */
  compactAfter: number;
  /** The CDN purge after each release goes live (purge.ts); undefined: none. */
  purge?: PurgeSettings;
  log: (line: string) => void;
};

/**
 * The publisher: turns the CMS's events into live releases, one build at a time. It wires the stages
 * and owns the run of one build; each stage owns the rest:
 *
 *   queue.ts           events → batches of work (debounce, one build at a time, follow-ups merged)
 *   site-builder.ts    a batch → a release folder; plan.ts decides full or partial and which pages
 *   releases.ts        a release folder → live (atomic switch), kept, trashed
 *   search-refresh.ts  the search index after a partial build, in a release of its own
 *   compaction.ts      the live release written again as a full one once its layers grow
 *   status.ts          what the status page shows
 *   purge.ts           the CDN in front told which paths changed, in the background, never failing a release
 *
 * A build is running → success (its release is live) | failed | abandoned (SIGTERM's grace ran out).
 * Every build that starts ends, whatever fails (creating its folder included), with its error on the
 * status page; a failed build leaves the live release as it was, and nothing removes a release once it
 * is live. The publisher: serving → draining (SIGTERM: no new builds or refreshes, the running build may
 * finish) → stopping (the grace time is over: the running build gives up, its folder is deleted).
 */
export class Publisher {
  private readonly releases: Releases;
  private readonly queue: BuildQueue;
  private readonly book: StatusBook;
  private readonly search: SearchRefresh;
  private readonly compaction: Compaction;
  private readonly purge: CdnPurge | undefined;
  private builder: Promise<SiteBuilder> | undefined;
  /** Set when the grace time is over: the running build gives up. */
  private stopping = false;

  constructor(private readonly options: PublisherOptions) {
    this.releases = createReleases(options.releasesDir, options.keepReleases);
    this.queue = new BuildQueue({ debounceMs: options.debounceMs, maxWaitMs: options.maxWaitMs, run: (work) => this.build(work) });
    this.book = new StatusBook({
      releases: this.releases,
      waiting: () => this.queue.waiting,
      log: options.log,
      purging: options.purge && (() => this.purge?.busy ?? false),
    });
    this.purge = options.purge && new CdnPurge(options.purge, { ended: (outcome) => this.book.purgeEnded(outcome), log: options.log });
    this.search = new SearchRefresh({
      releases: this.releases,
      book: this.book,
      buildWaiting: () => !isEmpty(this.queue.waiting),
      keepReleases: options.keepReleases,
      log: options.log,
      onLive: (release) => this.purge?.request(release, ['/_search/*']),
    });
    this.compaction = new Compaction({
      releases: this.releases,
      after: options.compactAfter,
      buildWaiting: () => !isEmpty(this.queue.waiting),
      log: options.log,
      onLive: (from, to) => {
        // The same files: the builder's state describes the new release, and the status page names it.
        void this.builder?.then((builder) => builder.renamed(from, to)).catch(() => undefined);
        this.book.wentLive();
      },
    });
  }

  /** Clears builds a crash left half-written; the last good release stays live. */
  async recover(): Promise<void> {
    for (const dir of await this.releases.removeIncomplete()) this.options.log(`Removed an unfinished build: ${path.basename(dir)}`);
    if (await this.releases.current()) this.book.wentLive();
  }

  /** Queues work (from the webhook, or the full build at start-up); the build follows after the debounce. */
  enqueue(work: Work): void {
    this.queue.add(work);
  }

  /** What the status page shows. */
  status(): Promise<Status> {
    return this.book.read();
  }

  /**
   * What an editor's preview renders with: the renderer and the content of the last release built and made
   * live here. Null until the first build is live (the renderer is prepared by builds, never by a preview).
   */
  async previewBase(): Promise<{ renderer: Renderer; content: SiteContent } | null> {
    const builder = await this.builder?.catch(() => undefined);
    const content = builder?.liveContent();
    return builder && content ? { renderer: builder.rendering, content } : null;
  }

  /** The renderer is built (when the site's code changed) and loaded once, by the first build. */
  private siteBuilder(onLine: (line: string) => void): Promise<SiteBuilder> {
    this.builder ??= prepareRenderer(this.options.webDir, this.options.buildEnv, onLine).then(
      (renderer) => {
        const { source, siteUrl, dashboardUrl, counterUrl, partial, searchShardSize } = this.options;
        return new SiteBuilder(renderer, { source, siteUrl, dashboardUrl, counterUrl, partial, searchShardSize });
      },
      (error: unknown) => {
        this.builder = undefined; // try again with the next build
        throw error;
      },
    );
    return this.builder;
  }

  /** Builds once with the given work and publishes the result. Never throws: the status page says how it went. */
  private async build(work: Work): Promise<void> {
    const record = this.book.buildStarted(work);
    const log = (line: string) => this.book.log(record, line);
    // Old releases are deleted between builds, never while one runs.
    this.releases.trash.pause();
    try {
      this.wentLive(record, await this.releases.publishNew((outDir) => this.buildInto(outDir, work, record, log)), log);
    } catch (error) {
      record.result = this.stopping ? 'abandoned' : 'failed';
      record.error = error instanceof Error ? error.message : String(error);
      // The changes of this build are not live: the next build starts from the CMS again.
      (await this.builder?.catch(() => undefined))?.forget();
      log(`${record.result}: ${record.error}; the live site is unchanged`);
    } finally {
      this.book.buildEnded(record);
      this.releases.trash.resume();
    }
    const builder = await this.builder?.catch(() => undefined);
    if (record.result === 'success' && builder) {
      await this.search.run(builder);
      if (!this.stopping) await this.compaction.run();
    }
  }

  /** Builds the release for `work` into `outDir`; throws when that fails or the publisher is stopping. */
  private async buildInto(outDir: string, work: Work, record: BuildRecord, log: (line: string) => void): Promise<BuildResult> {
    const builder = await this.siteBuilder(log);
    const result = await builder.build({
      outDir,
      baseDir: await this.releases.current(),
      full: work.full,
      articles: [...work.articles],
      authors: [...work.authors],
      categories: [...work.categories],
      shouldStop: () => this.stopping,
      onStart: (kind, fullBecause) => {
        record.kind = kind;
        const why = fullBecause && !work.full ? ` (${fullBecause})` : '';
        const lists = [work.authors.size && `${work.authors.size} authors`, work.categories.size && `${work.categories.size} categories`].filter(
          Boolean,
        );
        const others = lists.length ? ` (and ${lists.join(', ')})` : '';
        log(`${kind} build started${why}: ${record.articles} articles changed${others}${work.reasons.length ? `; ${work.reasons.join(', ')}` : ''}`);
      },
      onProgress: (rendered, total) => {
        record.pagesRendered = rendered;
        record.pagesExpected = total;
        if (rendered % 1000 === 0) log(`${rendered} / ${total} pages rendered`);
      },
    });
    if (this.stopping) throw new Error('the publisher is stopping');
    return result;
  }

  /** The build's release is live: bookkeeping only, nothing here can take it down. */
  private wentLive(record: BuildRecord, { dir, value: result, pruneError }: Published<BuildResult>, log: (line: string) => void): void {
    result.commit();
    this.book.wentLive();
    record.release = path.basename(dir);
    this.search.published(record.release, result.searchStale);
    record.kind = result.kind;
    record.pages = result.pages;
    record.result = 'success';
    this.purge?.request(record.release, result.changed);
    const steps = Object.entries(result.timings)
      .map(([step, ms]) => `${step} ${ms} ms`)
      .join(', ');
    const removed = result.removed ? `, ${result.removed} removed` : '';
    const layers = result.layers ? `, layered: ${result.layers.top} files on top of its base, ${result.layers.gone} removed from it` : '';
    const seconds = ((Date.now() - Date.parse(record.startedAt)) / 1000).toFixed(1);
    log(`published as ${record.release}: ${result.rendered} of ${result.pages} pages rendered${removed}${layers}, in ${seconds} s (${steps})`);
    if (pruneError) log(pruneWarning(pruneError));
  }

  /** Makes the previous release live again. */
  async rollback(): Promise<string | null> {
    const dir = await this.releases.rollback();
    if (dir) {
      // The builder's state describes another release now: the next build is a full one (plan.ts).
      this.book.wentLive();
      this.search.restored(path.basename(dir));
      this.purge?.request(path.basename(dir), null);
      this.options.log(`Rolled back to ${path.basename(dir)}`);
    }
    return dir;
  }

  /**
   * SIGTERM: no new builds; the running one may finish within `graceMs`, after which it is abandoned and
   * its half-written release deleted.
   */
  async stop(graceMs: number): Promise<void> {
    this.search.stop();
    const drained = this.queue.drain();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([drained, timeout])) === 'timeout') {
      this.stopping = true;
      await drained;
    }
  }
}
