/**
 * The limiter's arithmetic: GCRA (the generic cell rate algorithm), a token bucket kept as one number per
 * quota, the "theoretical arrival time" (TAT). A quota of `limit` units per `windowMs` lets a unit in every
 * `windowMs / limit` ms and a burst of up to `limit` units; a request costing `cost` units moves the TAT by
 * `cost` intervals. Compared with fixed windows it has no double burst at a window's edge, and compared with
 * a sliding log it keeps one number per caller and quota, so Redis and memory stay small.
 *
 * The Redis store runs the same steps in Lua (redis-store.ts); this is the reference both are tested on.
 */

/** One quota a request draws on: at most `limit` units per window, this request taking `cost` of them. */
export type Quota = { limit: number; cost: number };

/** What one quota looks like after a request, for the RateLimit-* headers. */
export type QuotaOutcome = {
  limit: number;
  /** Units still available now. */
  remaining: number;
  /** Milliseconds until the quota is full again. */
  resetMs: number;
  /** This quota had no room for the request. */
  refused: boolean;
};

export type Decision = {
  allowed: boolean;
  /** When refused: milliseconds until the same request would be allowed (0 when allowed). */
  retryAfterMs: number;
  /** Per quota, in the order given. */
  quotas: QuotaOutcome[];
};

/** A refused request changes nothing; an allowed one leaves these TATs to store. */
export type Step = Decision & { tats: number[] };

/** Floating-point slack: `limit` requests in the same millisecond fill a quota exactly, not one too many. */
const EPSILON_MS = 0.001;

/**
 * Decides one request against every quota at time `now` (ms). `tats` are the stored TATs (undefined for a
 * caller not seen, or seen long enough ago to count as new). Allowed only when every quota has room; a
 * request costing more than a quota's limit is counted as the whole limit, so that it can still run once
 * the quota is full instead of never.
 */
export function gcra(now: number, windowMs: number, quotas: readonly Quota[], tats: readonly (number | undefined)[]): Step {
  let allowed = true;
  let retryAfterMs = 0;
  const steps = quotas.map((quota, index) => {
    const interval = windowMs / quota.limit;
    const tat = Math.max(tats[index] ?? now, now);
    const next = tat + Math.min(quota.cost, quota.limit) * interval;
    const wait = next - windowMs - now;
    const refused = wait > EPSILON_MS;
    if (refused) {
      allowed = false;
      retryAfterMs = Math.max(retryAfterMs, wait);
    }
    return { interval, tat, next, refused };
  });
  const outcomes = steps.map(({ interval, tat, next, refused }, index) => {
    const after = allowed ? next : tat;
    return {
      limit: quotas[index].limit,
      remaining: Math.max(0, Math.floor((windowMs - (after - now)) / interval + EPSILON_MS)),
      resetMs: Math.max(0, Math.ceil(after - now - EPSILON_MS)),
      refused,
    };
  });
  return {
    allowed,
    retryAfterMs: allowed ? 0 : Math.ceil(retryAfterMs),
    quotas: outcomes,
    tats: allowed ? steps.map((step) => step.next) : steps.map((step, index) => tats[index] ?? step.tat),
  };
}
