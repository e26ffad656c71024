import path from 'node:path';
import { LaggingReleases } from './lagging-releases';
import { LiveChanged, pruneWarning, type Releases } from './releases';
import type { SiteBuilder } from './site-builder';
import type { StatusBook } from './status';

/**
 * A search refresh gives way to a waiting build, unless the index has been behind for this long: then
 * it finishes first, so that a steady stream of edits cannot keep search out of date forever.
 */
const SEARCH_MAX_STALE_MS = 5 * 60_000;

/** Thrown inside a refresh that stopped to let a build (or SIGTERM) go first. */
class GaveWay extends Error {}

export type SearchRefreshOptions = {
  releases: Releases;
  book: StatusBook;
  /** Whether work waits for the next build. */
  buildWaiting: () => boolean;
  keepReleases: number;
  log: (line: string) => void;
  /** A refreshed index went live in `release` (the CDN purge of /_search/ follows). */
  onLive?: (release: string) => void;
};

/**
 * The search index after partial builds. Rewriting it whole takes tens of seconds for 10,000 articles, so
 * a partial build publishes its pages with the live index and the index follows in a release of its own
 * (SiteBuilder.refreshSearch: most often a small recent index of the changed articles, in a second),
 * once no other build is waiting: readers see the changed page within seconds, search catches up right
 * after. The states (the status page's "Chỉ mục tìm kiếm"):
 *
 *   up to date  ──a partial build went live with changed search records──►  lagging
 *   lagging     ──a build ended, none waits (or lagging SEARCH_MAX_STALE_MS)──►  refreshing
 *   refreshing  ──its release went live──►  up to date
 *               ──a build came in, or SIGTERM──►  lagging (runs again after the next build)
 *               ──failed──►  lagging (the live index stays; tried again after the next build)
 *
 * A refresh that starts always ends, whatever fails (creating its folder included), with its outcome on
 * the status page; once its release is live nothing removes it. Its release copies the live one: a
 * rollback made while it was written stands, and the refresh is dropped (it runs again after the next build).
 */
export class SearchRefresh {
  private lagSince = 0;
  private stopped = false;
  private readonly lagging: LaggingReleases;

  constructor(private readonly options: SearchRefreshOptions) {
    this.lagging = new LaggingReleases(options.keepReleases);
  }

  /** A build published `release`; `lags` when it went live with the previous index. */
  published(release: string, lags: boolean): void {
    if (lags && this.options.book.searchUpToDate) this.lagSince = Date.now();
    this.options.book.searchLags(lags);
    if (lags) this.lagging.note(release);
  }

  /** A rollback made `release` live again: its index lags if it did when it was published. */
  restored(release: string): void {
    this.options.book.searchLags(this.lagging.has(release));
  }

  /** SIGTERM: no refresh starts, a running one stops. */
  stop(): void {
    this.stopped = true;
  }

  private readonly giveWay = (): boolean => this.stopped || (this.options.buildWaiting() && Date.now() - this.lagSince <= SEARCH_MAX_STALE_MS);

  /** Called after every successful build: rewrites the index into a release of its own when it lags. */
  async run(builder: SiteBuilder): Promise<void> {
    const { book, releases, log } = this.options;
    if (book.searchUpToDate) return;
    const base = await releases.current();
    if (!base || this.giveWay()) return; // the next build comes back here
    const started = Date.now();
    const finished = () => ({ finishedAt: new Date().toISOString(), durationMs: Date.now() - started });
    let outcome: Parameters<StatusBook['searchRefreshEnded']>[0];
    book.searchRefreshStarted();
    try {
      const {
        dir,
        value: refreshed,
        pruneError,
      } = await releases.publishNew(
        async (outDir) => {
          const refreshed = await builder.refreshSearch(outDir, base, this.giveWay);
          if (!refreshed) throw new GaveWay();
          return refreshed;
        },
        { whileLive: base },
      );
      // Live from here on.
      refreshed.commit();
      this.options.onLive?.(path.basename(dir));
      outcome = { ...finished(), result: 'success', release: path.basename(dir) };
      const how = refreshed.kind === 'full' ? 'rewritten whole' : `${refreshed.written} files written`;
      log(`Search index refreshed as ${path.basename(dir)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${how})`);
      if (pruneError) log(`Search index refresh: ${pruneWarning(pruneError)}`);
    } catch (error) {
      if (error instanceof GaveWay) {
        log('Search index refresh gave way to a waiting build; it runs again after it');
      } else if (error instanceof LiveChanged) {
        log(`Search index refresh dropped: ${error.message}; it runs again after the next build`);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { ...finished(), result: 'failed', error: message };
        log(`Refreshing the search index failed: ${message}; it stays as it was`);
      }
    } finally {
      book.searchRefreshEnded(outcome);
    }
  }
}
