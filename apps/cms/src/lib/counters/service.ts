import type { CounterDatabase, MostRead } from './database';
import { lastDays, periodsAt } from './periods';
import type { CounterSettings } from './settings';
import type { CounterStore, Outcome, Stats } from './store';
import { visitorIds } from './visitor';

export type Log = { error(message: string): void; warn(message: string): void };

export type Visit = {
  /** The client address (rate-limit/address.ts), hashed with the user agent, never stored. */
  address: string;
  userAgent: string;
  /** The article page's documentId, undefined on other pages. */
  article?: string;
  /** False for bots and prefetches: they get the numbers, and nothing is counted. */
  countable: boolean;
};

export type Numbers = { counted: boolean; views: number | null; stats: Stats; mostRead: MostRead[] };
export type Answer = { status: 200; body: Numbers } | { status: 404; message: string };

/** Articles remembered as published or not, per content generation; beyond this the memory starts over. */
const MAX_REMEMBERED = 50_000;
const MOST_READ_FRESH_MS = 10_000;

/**
 * Counting page views and visitors (see docs/counters.md). A hit is counted in the store (memory or Redis)
 * and answered from it; the database sees only the increments, written every `flushMs` and on shutdown, in
 * one transaction each. Nothing here goes through Strapi's document service, so counting fires no webhook,
 * changes no `updatedAt` and empties no cache.
 */
export class Counters {
  private known = { generation: '', published: new Map<string, boolean>() };
  private mostReadCache?: { generation: string; at: number; list: MostRead[] };
  private mostReadRefresh?: { generation: string; list: Promise<MostRead[]> };
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly db: CounterDatabase,
    readonly store: CounterStore,
    readonly settings: CounterSettings,
    /** The response cache's generation: it changes with every change of published content. */
    private readonly generation: () => Promise<string>,
    private readonly log: Log,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.settings.flushMs);
    this.timer.unref();
  }

  /**
   * A request starts being handled: false once shutting down (the request is refused, so never
   * acknowledged). Every admitted request is waited for before the last flush; `leave` when answered.
   */
  enter(): boolean {
    if (this.closed) return false;
    this.inFlight += 1;
    return true;
  }

  leave(): void {
    this.inFlight -= 1;
  }

  /** Whether the article has a published row, remembered until the next change of content. */
  private async isPublished(documentId: string, generation: string): Promise<boolean> {
    if (generation === '' || generation !== this.known.generation || this.known.published.size >= MAX_REMEMBERED) {
      this.known = { generation, published: new Map() };
    }
    const remembered = this.known.published.get(documentId);
    if (remembered !== undefined) return remembered;
    const published = (await this.db.publishedArticle(documentId)) !== undefined;
    if (generation !== '') this.known.published.set(documentId, published);
    return published;
  }

  /** Runs a store call; when totals are missing, starts them from the database and runs it once more. */
  private async withTotals(run: () => Promise<Outcome>): Promise<Exclude<Outcome, { missing: string[] }>> {
    let outcome = await run();
    if (outcome.missing) {
      await this.store.seed(await this.db.readTotals(outcome.missing));
      outcome = await run();
    }
    if (outcome.missing) throw new Error(`counter totals still missing after seeding: ${outcome.missing.join(', ')}`);
    return outcome;
  }

  /**
   * "Đọc nhiều", read again from the database after every change of content (waited for) and every 10 s
   * (in the background: the list of the last 10 s is answered meanwhile). One read at a time.
   */
  private async mostRead(generation: string): Promise<MostRead[]> {
    const now = this.clock();
    const cached = this.mostReadCache;
    const current = cached !== undefined && generation !== '' && cached.generation === generation;
    if (current && now - cached.at < MOST_READ_FRESH_MS) return cached.list;
    let refresh = this.mostReadRefresh;
    if (refresh === undefined || refresh.generation !== generation) {
      const started: { generation: string; list: Promise<MostRead[]> } = {
        generation,
        list: this.db
          .mostRead(lastDays(now, this.settings.mostRead.days), this.settings.mostRead.limit)
          .then((list) => {
            this.mostReadCache = { generation, at: now, list };
            return list;
          })
          .finally(() => {
            if (this.mostReadRefresh === started) this.mostReadRefresh = undefined;
          }),
      };
      this.mostReadRefresh = refresh = started;
    }
    if (!current) return refresh.list;
    refresh.list.catch((error: Error) => this.log.warn(`Counters: "Đọc nhiều" could not be read (${error.message}); the last list is shown`));
    return cached.list;
  }

  /**
   * The response cache's generation (a Redis round trip with several instances): read once per request,
   * for both caches here; the caller may read it alongside its own round trips and hand it to hit/numbers.
   */
  currentGeneration(): Promise<string> {
    return this.generation();
  }

  /** One page view: counted unless the visitor was counted for it within the window; the numbers to show. */
  async hit(visit: Visit, generationNow?: string): Promise<Answer> {
    const generation = generationNow ?? (await this.generation());
    if (visit.article !== undefined && !(await this.isPublished(visit.article, generation))) {
      return { status: 404, message: `No published article ${visit.article}` };
    }
    if (!visit.countable) return await this.read(visit.article, generation);
    const now = this.clock();
    const periods = periodsAt(now);
    const visitor = visitorIds(await this.store.salts(periods), visit.address, visit.userAgent);
    const outcome = await this.withTotals(() =>
      this.store.hit({
        now,
        periods,
        visitor,
        article: visit.article,
        viewWindowMs: this.settings.viewWindowMs,
        onlineWindowMs: this.settings.onlineWindowMs,
      }),
    );
    return { status: 200, body: { counted: outcome.counted, views: outcome.views, stats: outcome.stats, mostRead: await this.mostRead(generation) } };
  }

  /** The numbers without counting anything (the statistics endpoint, bots). */
  async numbers(article: string | undefined, generationNow?: string): Promise<Answer> {
    const generation = generationNow ?? (await this.generation());
    if (article !== undefined && !(await this.isPublished(article, generation))) return { status: 404, message: `No published article ${article}` };
    return this.read(article, generation);
  }

  private async read(article: string | undefined, generation: string): Promise<Answer> {
    const now = this.clock();
    const outcome = await this.withTotals(() =>
      this.store.stats({ now, periods: periodsAt(now), article, onlineWindowMs: this.settings.onlineWindowMs }),
    );
    return { status: 200, body: { counted: false, views: outcome.views, stats: outcome.stats, mostRead: await this.mostRead(generation) } };
  }

  /** Writes what is pending; one flush at a time. A failed write is put back and tried again next time. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    let taken: Record<string, number>;
    try {
      taken = await this.store.takePending();
    } catch (error) {
      this.log.warn(`Counters: could not take pending counts (${(error as Error).message}); trying again`);
      return;
    }
    if (Object.keys(taken).length === 0) return;
    try {
      await this.db.writeIncrements(taken);
    } catch (error) {
      this.log.error(`Counters: writing ${Object.keys(taken).length} counts failed (${(error as Error).message}); they are kept for the next flush`);
      await this.store.returnPending(taken).catch((returnError: Error) => {
        this.log.error(`Counters: ${JSON.stringify(taken)} could not be put back (${returnError.message})`);
      });
    }
  }

  /**
   * Shutdown: new hits are refused (503, so not acknowledged), the ones being counted finish, and everything
   * pending is written before the database closes. Every acknowledged hit is then in the database.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const deadline = Date.now() + 5_000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.flush();
    // A flush that was running when the last hits landed took only part of them.
    await this.flush();
    await this.store.close();
  }
}
