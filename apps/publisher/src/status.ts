/**
 * What the status page and /status show, kept here and nowhere else: the publisher and the search
 * refresh report to it, `read()` adds what lives elsewhere (the live release and the list on disk, the
 * queue), and status-page.ts renders it.
 *
 * A build record is `running` from `buildStarted` until `buildEnded`, which always follows (the publisher
 * ends every build it starts, whatever fails), and ends as success, failed or abandoned; it is then the
 * last build. The search index is up to date or lagging (a partial build went live with the previous
 * index), and `refreshing` while a refresh runs.
 */
import path from 'node:path';
import { isEmpty, type Work } from './events';
import type { PurgeOutcome } from './purge';
import type { Releases } from './releases';

/** One build as editors see it on the status page. */
export type BuildRecord = {
  id: number;
  kind: 'full' | 'partial';
  reasons: string[];
  articles: number;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  result: 'running' | 'success' | 'failed' | 'abandoned';
  /** Pages rendered so far, of `pagesExpected` this build renders; the others are linked from the live release. */
  pagesRendered: number;
  pagesExpected?: number;
  /** Pages and files of the whole site once the build is done. */
  pages?: number;
  release?: string;
  error?: string;
  logTail: string[];
};

/** The search index: a partial build publishes pages first, the index follows in a release of its own. */
export type SearchStatus = {
  upToDate: boolean;
  refreshing: boolean;
  lastRefresh: { finishedAt: string; durationMs: number; result: 'success' | 'failed'; release?: string; error?: string } | null;
};

/** The CDN purge after each release (purge.ts): null when no PURGE_URL is set. */
export type PurgeStatus = { sending: boolean; last: PurgeOutcome | null } | null;

export type Status = {
  live: { release: string | null; since: string | null };
  running: BuildRecord | null;
  lastBuild: BuildRecord | null;
  queue: { waiting: boolean; full: boolean; articles: number };
  search: SearchStatus;
  purge: PurgeStatus;
  buildsCompleted: number;
  releases: string[];
};

/** Lines of a build's log the status page shows. */
const LOG_TAIL = 40;

export type StatusSources = {
  releases: Releases;
  /** Work waiting for the next build. */
  waiting: () => Work;
  /** Where every log line goes as well (stdout). */
  log: (line: string) => void;
  /** Whether a CDN purge is being sent; absent when none is configured. */
  purging?: () => boolean;
};

/** The publisher's status, as editors see it. */
export class StatusBook {
  private builds = 0;
  private running: BuildRecord | null = null;
  private lastBuild: BuildRecord | null = null;
  private liveSince: string | null = null;
  /** Builds finished since start, successful or not. */
  private completed = 0;
  private readonly search: SearchStatus = { upToDate: true, refreshing: false, lastRefresh: null };
  private lastPurge: PurgeOutcome | null = null;

  constructor(private readonly sources: StatusSources) {}

  /** A build starts; its record is the running build until `buildEnded`. */
  buildStarted(work: Work): BuildRecord {
    this.running = {
      id: ++this.builds,
      kind: 'full',
      reasons: work.reasons,
      articles: work.articles.size,
      startedAt: new Date().toISOString(),
      result: 'running',
      pagesRendered: 0,
      logTail: [],
    };
    return this.running;
  }

  /** A line of a build's log: printed, and kept in the record's tail. */
  log(record: BuildRecord, line: string): void {
    this.sources.log(`Build ${record.id}: ${line}`);
    record.logTail.push(line);
    if (record.logTail.length > LOG_TAIL) record.logTail.shift();
  }

  /** The build is over (its result set): it becomes the last build. */
  buildEnded(record: BuildRecord): void {
    record.finishedAt = new Date().toISOString();
    record.durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
    if (this.running === record) this.running = null;
    this.lastBuild = record;
    this.completed++;
  }

  /** Another release went live (a build, a search refresh, a rollback) or was found live at start. */
  wentLive(): void {
    this.liveSince = new Date().toISOString();
  }

  get searchUpToDate(): boolean {
    return this.search.upToDate;
  }

  /** The live release's search index matches its pages, or lags them. */
  searchLags(lags: boolean): void {
    this.search.upToDate = !lags;
  }

  searchRefreshStarted(): void {
    this.search.refreshing = true;
  }

  /** A refresh ended: published or failed (`outcome`), or gave way to a build (no outcome). */
  searchRefreshEnded(outcome?: NonNullable<SearchStatus['lastRefresh']>): void {
    this.search.refreshing = false;
    if (!outcome) return;
    this.search.lastRefresh = outcome;
    if (outcome.result === 'success') this.search.upToDate = true;
  }

  /** A CDN purge ended, sent or given up: the status page shows the last one. */
  purgeEnded(outcome: PurgeOutcome): void {
    this.lastPurge = outcome;
  }

  async read(): Promise<Status> {
    const live = await this.sources.releases.current();
    const waiting = this.sources.waiting();
    return {
      live: { release: live ? path.basename(live) : null, since: this.liveSince },
      running: this.running,
      lastBuild: this.lastBuild,
      queue: { waiting: !isEmpty(waiting), full: waiting.full, articles: waiting.articles.size },
      search: { ...this.search },
      purge: this.sources.purging ? { sending: this.sources.purging(), last: this.lastPurge } : null,
      buildsCompleted: this.completed,
      releases: (await this.sources.releases.list()).map((dir) => path.basename(dir)),
    };
  }
}
