import { gcra, type Decision, type Quota } from './gcra';
import type { RateLimitStore } from './store';

type Entry = { tats: number[]; expiresAt: number };

/** Callers tracked at most; past it the least recently seen are forgotten first. About 100 bytes each. */
export const MEMORY_MAX_KEYS = 100_000;

/**
 * Counts in a Map. Bounded: an entry is dropped once its quotas are full again (it then means the same as
 * no entry), expired entries are swept once per window, and beyond `maxKeys` the least recently seen caller
 * is dropped, so a flood of addresses cannot grow the process without end.
 */
export class MemoryStore implements RateLimitStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(
    private readonly maxKeys = MEMORY_MAX_KEYS,
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  take(key: string, windowMs: number, quotas: readonly Quota[]): Promise<Decision> {
    return Promise.resolve(this.takeNow(key, windowMs, quotas));
  }

  /** Synchronous, so that two requests of this process can never interleave between read and write. */
  takeNow(key: string, windowMs: number, quotas: readonly Quota[]): Decision {
    const now = this.clock();
    if (now >= this.nextSweep) this.sweep(now, windowMs);
    const entry = this.entries.get(key);
    const current = entry && entry.expiresAt > now ? entry.tats : [];
    const step = gcra(now, windowMs, quotas, current);
    if (step.allowed) {
      // Re-inserted so that the Map's order is least recently seen first.
      this.entries.delete(key);
      this.entries.set(key, { tats: step.tats, expiresAt: Math.max(...step.tats) });
      while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    }
    return { allowed: step.allowed, retryAfterMs: step.retryAfterMs, quotas: step.quotas };
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.nextSweep = now + windowMs;
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}
