import { rm } from 'node:fs/promises';
import path from 'node:path';
import { abandonBuild, buildSite } from './builder';
import { isEmpty, type Work } from './events';
import { BuildQueue } from './queue';
import { createReleases, type Releases } from './releases';
import type { BuildRecord, Status } from './status';

export type PublisherOptions = {
  webDir: string;
  releasesDir: string;
  keepReleases: number;
  debounceMs: number;
  maxWaitMs: number;
  /** Environment of the site build (CMS_URL, SITE_URL, …). */
  buildEnv: NodeJS.ProcessEnv;
  /** Partial rebuilds where the planner can bound them; false forces full builds. */
  partial: boolean;
  log: (line: string) => void;
};

const LOG_TAIL = 40;

/** Builds releases from events, publishes them atomically, and keeps what the status page shows. */
export class Publisher {
  readonly releases: Releases;
  readonly queue: BuildQueue;
  private builds = 0;
  private running: BuildRecord | null = null;
  private lastBuild: BuildRecord | null = null;
  private liveSince: string | null = null;
  private lastFullPages: number | undefined;
  private stopping = false;
  /** Builds finished since start, successful or not. */
  private completed = 0;
  /**
   * A partial build starts from the content the previous build left in the site's store; that is only
   * the live release's content after a successful build. At start, after a failure or a rollback, the
   * next build is a full one.
   */
  private needsFull = true;

  constructor(private readonly options: PublisherOptions) {
    this.releases = createReleases(options.releasesDir, options.keepReleases);
    this.queue = new BuildQueue({ debounceMs: options.debounceMs, maxWaitMs: options.maxWaitMs, run: (work) => this.build(work) });
  }

  /** Clears builds a crash left half-written; the last good release stays live. */
  async recover(): Promise<void> {
    for (const dir of await this.releases.removeIncomplete()) this.options.log(`Removed an unfinished build: ${path.basename(dir)}`);
    if (await this.releases.current()) this.liveSince = new Date().toISOString();
  }

  /** Builds once with the given work and publishes the result; failures leave the live release as it is. */
  async build(work: Work): Promise<void> {
    const base = await this.releases.current();
    const kind = work.full || this.needsFull || !base || !this.options.partial ? 'full' : 'partial';
    const record: BuildRecord = {
      id: ++this.builds,
      kind,
      reasons: work.reasons,
      articles: work.articles.size,
      startedAt: new Date().toISOString(),
      result: 'running',
      pagesRendered: 0,
      pagesExpected: kind === 'full' ? this.lastFullPages : undefined,
      logTail: [],
    };
    this.running = record;
    const started = Date.now();
    const outDir = await this.releases.create();
    this.options.log(`Build ${record.id} (${kind}) started: ${record.articles} articles${work.reasons.length ? `, ${work.reasons.join(', ')}` : ''}`);
    try {
      const outcome = await buildSite({
        webDir: this.options.webDir,
        outDir,
        env: this.options.buildEnv,
        partial: kind === 'partial' ? { baseDir: base!, articles: [...work.articles] } : undefined,
        onProgress: (rendered) => {
          record.pagesRendered = rendered;
          if (rendered % 500 === 0) this.options.log(`Build ${record.id}: ${rendered}${record.pagesExpected ? ` / ~${record.pagesExpected}` : ''} pages`);
        },
        onLine: (line) => {
          record.logTail.push(line);
          if (record.logTail.length > LOG_TAIL) record.logTail.shift();
        },
      });
      if (this.stopping) throw new Error('the publisher is stopping');
      if (outcome.partialFellBackToFull) record.kind = 'full';
      if (record.kind === 'full') this.lastFullPages = outcome.pages;
      await this.releases.publish(outDir);
      this.needsFull = false;
      this.liveSince = new Date().toISOString();
      record.result = 'success';
      record.release = path.basename(outDir);
      this.options.log(`Build ${record.id} published as ${record.release}: ${outcome.pages} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      record.result = this.stopping ? 'abandoned' : 'failed';
      this.needsFull = true;
      record.error = error instanceof Error ? error.message : String(error);
      await rm(outDir, { recursive: true, force: true });
      this.options.log(`Build ${record.id} ${record.result}: ${record.error}; the live site is unchanged`);
    } finally {
      record.finishedAt = new Date().toISOString();
      record.durationMs = Date.now() - started;
      this.running = null;
      this.lastBuild = record;
      this.completed++;
    }
  }

  /** Makes the previous release live again. */
  async rollback(): Promise<string | null> {
    const dir = await this.releases.rollback();
    if (dir) {
      this.liveSince = new Date().toISOString();
      this.needsFull = true;
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
      buildsCompleted: this.completed,
      releases: (await this.releases.list()).map((dir) => path.basename(dir)),
    };
  }

  /**
   * SIGTERM: no new builds; the running one may finish within `graceMs`, after which it is abandoned and
   * its half-written release deleted.
   */
  async stop(graceMs: number): Promise<void> {
    const drained = this.queue.drain();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([drained, timeout])) === 'timeout') {
      this.stopping = true;
      abandonBuild();
      await drained;
    }
  }
}
