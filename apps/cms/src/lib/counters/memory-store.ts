import type { Periods } from './periods';
import { neededTotals, type CounterStore, type HitRequest, type Outcome, type Stats, type StatsRequest } from './store';
import { newSalt, saltNames, type Salts } from './visitor';

/** Windows and uniques kept at most; past it the oldest are forgotten first (about 100 bytes each). */
export const MEMORY_MAX_MARKS = 2_000_000;

/**
 * One CMS instance's counters, in Maps. Every method runs synchronously inside its promise, so two
 * requests of this process never interleave between a check and its update.
 */
export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory';
  private readonly totals = new Map<string, number>();
  private pending = new Map<string, number>();
  /** `view:<article>:<visitor>`, `u:<period>:<visitor>` → when the mark expires. */
  private readonly marks = new Map<string, number>();
  /** Visitor (day id) → last seen. */
  private readonly online = new Map<string, number>();
  private readonly saltsByPeriod = new Map<string, { salt: string; endsAt: number }>();
  private nextSweep = 0;

  constructor(private readonly maxMarks = MEMORY_MAX_MARKS) {}

  salts(periods: Periods): Promise<Salts> {
    const now = Date.now();
    const salts = {} as Salts;
    for (const { name, key, endsAt } of saltNames(periods)) {
      let entry = this.saltsByPeriod.get(key);
      if (!entry) {
        entry = { salt: newSalt(), endsAt };
        this.saltsByPeriod.set(key, entry);
      }
      salts[name] = entry.salt;
    }
    for (const [key, entry] of this.saltsByPeriod) if (entry.endsAt <= now) this.saltsByPeriod.delete(key);
    return Promise.resolve(salts);
  }

  private missing(periods: Periods, article: string | undefined): string[] {
    return neededTotals(periods, article).filter((name) => !this.totals.has(name));
  }

  /** Sets a mark unless it is there and unexpired; true when it was set. */
  private mark(key: string, now: number, expiresAt: number): boolean {
    const until = this.marks.get(key);
    if (until !== undefined && until > now) return false;
    this.marks.delete(key);
    this.marks.set(key, expiresAt);
    while (this.marks.size > this.maxMarks) this.marks.delete(this.marks.keys().next().value as string);
    return true;
  }

  private add(name: string, by: number): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + by);
    this.pending.set(name, (this.pending.get(name) ?? 0) + by);
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    for (const [key, until] of this.marks) if (until <= now) this.marks.delete(key);
  }

  private current(now: number, periods: Periods, onlineWindowMs: number): Stats {
    for (const [visitor, seen] of this.online) {
      if (seen > now - onlineWindowMs) break; // the Map is in order of last visit
      this.online.delete(visitor);
    }
    return {
      online: this.online.size,
      today: this.totals.get(`d:${periods.day}`) ?? 0,
      week: this.totals.get(`w:${periods.week}`) ?? 0,
      month: this.totals.get(`m:${periods.month}`) ?? 0,
      total: this.totals.get('all') ?? 0,
    };
  }

  hit(request: HitRequest): Promise<Outcome> {
    const { now, periods, visitor, article } = request;
    const missing = this.missing(periods, article);
    if (missing.length > 0) return Promise.resolve({ missing });
    this.sweep(now);
    this.online.delete(visitor.day);
    this.online.set(visitor.day, now);
    if (this.mark(`u:d:${periods.day}:${visitor.day}`, now, periods.ends.day)) {
      this.add(`d:${periods.day}`, 1);
      this.add('all', 1);
    }
    if (this.mark(`u:w:${periods.week}:${visitor.week}`, now, periods.ends.week)) this.add(`w:${periods.week}`, 1);
    if (this.mark(`u:m:${periods.month}:${visitor.month}`, now, periods.ends.month)) this.add(`m:${periods.month}`, 1);
    let counted = false;
    if (article !== undefined && this.mark(`view:${article}:${visitor.day}`, now, now + request.viewWindowMs)) {
      this.add(`a:${article}`, 1);
      this.pending.set(`v:${article}:${periods.day}`, (this.pending.get(`v:${article}:${periods.day}`) ?? 0) + 1);
      counted = true;
    }
    const views = article === undefined ? null : (this.totals.get(`a:${article}`) ?? 0);
    return Promise.resolve({ counted, views, stats: this.current(now, periods, request.onlineWindowMs) });
  }

  stats(request: StatsRequest): Promise<Outcome> {
    const missing = this.missing(request.periods, request.article);
    if (missing.length > 0) return Promise.resolve({ missing });
    const views = request.article === undefined ? null : (this.totals.get(`a:${request.article}`) ?? 0);
    return Promise.resolve({ counted: false, views, stats: this.current(request.now, request.periods, request.onlineWindowMs) });
  }

  seed(values: Readonly<Record<string, number>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) if (!this.totals.has(name)) this.totals.set(name, value);
    return Promise.resolve();
  }

  takePending(): Promise<Record<string, number>> {
    const taken = Object.fromEntries(this.pending);
    this.pending = new Map();
    return Promise.resolve(taken);
  }

  returnPending(values: Readonly<Record<string, number>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) this.pending.set(name, (this.pending.get(name) ?? 0) + value);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
