import type { Periods } from './periods';
import type { Salts, VisitorIds } from './visitor';

/**
 * Where the counters keep what must be shared between CMS instances and answered without the database:
 * the 30-minute windows (one view per visitor and article), the period uniques, who is online, the live
 * totals shown to readers, and the increments not yet written to the database ("pending").
 *
 * Totals are named `a:<documentId>` (an article's views), `d:<day>`, `w:<monday>`, `m:<month>` (unique
 * visitors) and `all` (every day's visitors added up). A total starts from the database's value: when one a
 * request needs is absent, the store does nothing and answers `missing`; the caller reads the database,
 * `seed`s the values (kept only where still absent) and asks again. Pending increments carry the same
 * names, plus `v:<documentId>:<day>` (an article's views of one day, for "Đọc nhiều").
 */

export type Stats = { online: number; today: number; week: number; month: number; total: number };

export type HitRequest = {
  now: number;
  periods: Periods;
  visitor: VisitorIds;
  /** The article viewed (documentId), or undefined on a page that is not an article. */
  article?: string;
  viewWindowMs: number;
  onlineWindowMs: number;
};

export type StatsRequest = { now: number; periods: Periods; article?: string; onlineWindowMs: number };

export type Outcome = { missing: string[] } | { missing?: undefined; counted: boolean; views: number | null; stats: Stats };

export interface CounterStore {
  readonly kind: 'memory' | 'redis';
  /** The salts of `periods`, made on first use and the same for every instance until the period ends. */
  salts(periods: Periods): Promise<Salts>;
  /** Counts one page view (atomically: two instances never count one visitor twice). */
  hit(request: HitRequest): Promise<Outcome>;
  /** The numbers to show, counting nothing. */
  stats(request: StatsRequest): Promise<Outcome>;
  /** Starting values of absent totals (from the database); values already present are kept. */
  seed(values: Readonly<Record<string, number>>): Promise<void>;
  /** Takes every pending increment, atomically: each one is taken by exactly one instance. */
  takePending(): Promise<Record<string, number>>;
  /** Puts increments back after the database refused them, to be written by the next flush. */
  returnPending(values: Readonly<Record<string, number>>): Promise<void>;
  close(): Promise<void>;
}

/** The totals a request needs, by the names above. */
export function neededTotals(periods: Periods, article: string | undefined): string[] {
  const names = [`d:${periods.day}`, `w:${periods.week}`, `m:${periods.month}`, 'all'];
  return article === undefined ? names : [`a:${article}`, ...names];
}
