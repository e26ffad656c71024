import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isEmpty, type Work } from './events';
import { BuildQueue } from './queue';
import { createReleases, type Releases } from './releases';
import { prepareRenderer } from './renderer';
import { SiteBuilder } from './site-builder';
import type { BuildRecord, SearchStatus, Status } from './status';

export type PublisherOptions = {
  webDir: string;
  releasesDir: string;
  keepReleases: number;
  debounceMs: number;
  maxWaitMs: number;
  /** Public address of the site (canonical links, feeds). */
  siteUrl: string;
  /** Environment the renderer is built with. */
  buildEnv: NodeJS.ProcessEnv;
  /** Partial rebuilds where the planner can bound them; false forces full builds. */
  partial: boolean;
  log: (line: string) => void;
};

const LOG_TAIL = 40;
/**
 * A search refresh gives way to a waiting build, unless the index has been behind for this long: then
 * it finishes first, so that a steady stream of edits cannot keep search out of date forever.
 */
const SEARCH_MAX_STALE_MS = 5 * 60_000;

/** Builds releases from events, publishes them atomically, and keeps what the status page shows. */
export class Publisher {
  readonly releases: Releases;
  readonly queue: BuildQueue;
  private builder: Promise<SiteBuilder> | undefined;
  private builds = 0;
  private running: BuildRecord | null = null;
  private lastBuild: BuildRecord | null = null;
  private liveSince: string | null = null;
  /** Set at SIGTERM: no search refresh starts. */
  private draining = false;
  /** Set when the grace time is over: the running build gives up. */
  private stopping = false;
  /** Builds finished since start, successful or not. */
  private completed = 0;
  private search: SearchStatus = { upToDate: true, refreshing: false, lastRefresh: null };
  private searchStaleSince = 0;
  /** Releases published with a search index that lagged their pages (what the status says after a rollback). */
  private readonly laggingSearch = new Set<string>();

  constructor(private readonly options: PublisherOptions) {
    this.releases = createReleases(options.releasesDir, options.keepReleases);
    this.queue = new BuildQueue({ debounceMs: options.debounceMs, maxWaitMs: options.maxWaitMs, run: (work) => this.build(work) });
  }

  /** Clears builds a crash left half-written; the last good release stays live. */
  async recover(): Promise<void> {
    for (const dir of await this.releases.removeIncomplete()) this.options.log(`Removed an unfinished build: ${path.basename(dir)}`);
    if (await this.releases.current()) this.liveSince = new Date().toISOString();
  }

  /** The renderer is built (when the site's code changed) and loaded once, by the first build. */
  private siteBuilder(onLine: (line: string) => void): Promise<SiteBuilder> {
    this.builder ??= prepareRenderer(this.options.webDir, this.options.buildEnv, onLine).then(
      (renderer) => new SiteBuilder(renderer, this.options.siteUrl),
      (error: unknown) => {
        this.builder = undefined; // try again with the next build
        throw error;
      },
    );
    return this.builder;
  }

  /** Builds once with the given work and publishes the result; failures leave the live release as it is. */
  async build(work: Work): Promise<void> {
    const record: BuildRecord = {
      id: ++this.builds,
      kind: 'full',
      reasons: work.reasons,
      articles: work.articles.size,
      startedAt: new Date().toISOString(),
      result: 'running',
      pagesRendered: 0,
      logTail: [],
    };
    const log = (line: string) => {
      this.options.log(`Build ${record.id}: ${line}`);
      record.logTail.push(line);
      if (record.logTail.length > LOG_TAIL) record.logTail.shift();
    };
    this.running = record;
    const started = Date.now();
    const outDir = await this.releases.create();
    // Old releases are deleted between builds, never while one runs.
    this.releases.trash.pause();
    try {
      const builder = await this.siteBuilder(log);
      const base = await this.releases.current();
      const full = work.full || !builder.canBuildPartially || !base || !this.options.partial;
      record.kind = full ? 'full' : 'partial';
      log(`${record.kind} build started: ${record.articles} articles changed${work.reasons.length ? `; ${work.reasons.join(', ')}` : ''}`);
      const result = await builder.build({
        outDir,
        baseDir: base,
        full,
        articles: [...work.articles],
        shouldStop: () => this.stopping,
        onProgress: (rendered, total) => {
          record.pagesRendered = rendered;
          record.pagesExpected = total;
          if (rendered % 1000 === 0) log(`${rendered} / ${total} pages rendered`);
        },
      });
      if (this.stopping) throw new Error('the publisher is stopping');
      await this.releases.publish(outDir);
      result.commit();
      this.liveSince = new Date().toISOString();
      if (result.searchStale && this.search.upToDate) this.searchStaleSince = Date.now();
      this.search.upToDate = !result.searchStale;
      record.kind = result.kind;
      record.pages = result.pages;
      record.result = 'success';
      record.release = path.basename(outDir);
      if (result.searchStale) this.noteLaggingSearch(record.release);
      const steps = Object.entries(result.timings).map(([step, ms]) => `${step} ${ms} ms`).join(', ');
      log(`published as ${record.release}: ${result.rendered} of ${result.pages} pages rendered, in ${((Date.now() - started) / 1000).toFixed(1)} s (${steps})`);
    } catch (error) {
      record.result = this.stopping ? 'abandoned' : 'failed';
      // The changes of this build are not live: the next build starts from the CMS again.
      (await this.builder?.catch(() => undefined))?.forget();
      record.error = error instanceof Error ? error.message : String(error);
      await rm(outDir, { recursive: true, force: true });
      log(`${record.result}: ${record.error}; the live site is unchanged`);
    } finally {
      record.finishedAt = new Date().toISOString();
      record.durationMs = Date.now() - started;
      this.running = null;
      this.lastBuild = record;
      this.completed++;
      this.releases.trash.resume();
    }
    if (record.result === 'success' && !this.search.upToDate) await this.refreshSearch();
  }

  /**
   * Pagefind takes tens of seconds to index 10,000 articles, so a partial build publishes its pages with
   * the live search index and the index follows in a release of its own, once no other build is waiting:
   * readers see the changed page within seconds, and search catches up right after. A build that comes
   * in meanwhile stops the refresh (see SEARCH_MAX_STALE_MS) and the refresh runs again after it.
   */
  private async refreshSearch(): Promise<void> {
    const builder = await this.builder!;
    const base = await this.releases.current();
    const overdue = () => Date.now() - this.searchStaleSince > SEARCH_MAX_STALE_MS;
    const giveWay = () => this.draining || (!isEmpty(this.queue.waiting) && !overdue());
    if (!base || giveWay()) return; // the next build comes back here
    const started = Date.now();
    this.search.refreshing = true;
    const outDir = await this.releases.create();
    try {
      const refreshed = await builder.refreshSearch(outDir, base, giveWay);
      if (!refreshed) {
        await rm(outDir, { recursive: true, force: true });
        this.options.log('Search index refresh gave way to a waiting build; it runs again after it');
        return;
      }
      await this.releases.publish(outDir);
      refreshed.commit();
      this.search.upToDate = true;
      this.search.lastRefresh = { finishedAt: new Date().toISOString(), durationMs: Date.now() - started, result: 'success', release: path.basename(outDir) };
      this.options.log(`Search index refreshed as ${path.basename(outDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      await rm(outDir, { recursive: true, force: true });
      const message = error instanceof Error ? error.message : String(error);
      this.search.lastRefresh = { finishedAt: new Date().toISOString(), durationMs: Date.now() - started, result: 'failed', error: message };
      this.options.log(`Refreshing the search index failed: ${message}; it stays as it was`);
    } finally {
      this.search.refreshing = false;
    }
  }

  /** Remembers a release whose search index lagged; only the kept releases can be rolled back to. */
  private noteLaggingSearch(release: string): void {
    this.laggingSearch.add(release);
    for (const old of this.laggingSearch) {
      if (this.laggingSearch.size <= this.options.keepReleases) break;
      this.laggingSearch.delete(old);
    }
  }

  /** Makes the previous release live again. */
  async rollback(): Promise<string | null> {
    const dir = await this.releases.rollback();
    if (dir) {
      this.liveSince = new Date().toISOString();
      // The live release is not the one the builder's state describes any more.
      (await this.builder?.catch(() => undefined))?.forget();
      this.search.upToDate = !this.laggingSearch.has(path.basename(dir));
      this.options.log(`Rolled back to ${path.basename(dir)}`);
    }
    return dir;
  }

  async status(): Promise<Status> {
    const live = await this.releases.current();
    const waiting = this.queue.waiting;
    return {
      live: { release: live ? path.basename(live) : null, since: this.liveSince },
      running: this.running,
      lastBuild: this.lastBuild,
      queue: { waiting: !isEmpty(waiting), full: waiting.full, articles: waiting.articles.size },
      search: this.search,
      buildsCompleted: this.completed,
      releases: (await this.releases.list()).map((dir) => path.basename(dir)),
    };
  }

  /**
   * SIGTERM: no new builds; the running one may finish within `graceMs`, after which it is abandoned and
   * its half-written release deleted.
   */
  async stop(graceMs: number): Promise<void> {
    this.draining = true;
    const drained = this.queue.drain();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([drained, timeout])) === 'timeout') {
      this.stopping = true;
      await drained;
    }
  }
}
