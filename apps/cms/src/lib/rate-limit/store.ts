import type { Decision, Quota } from './gcra';

/**
 * Where the limiter keeps its counts: in this process's memory, or in Redis so that every CMS process
 * behind one address shares them. `take` decides one request and records it when it is allowed, atomically.
 */
export interface RateLimitStore {
  /** `memory` or `redis`; for logs and tests. */
  readonly kind: 'memory' | 'redis';
  take(key: string, windowMs: number, quotas: readonly Quota[]): Promise<Decision>;
  close(): Promise<void>;
}

/** Where the limiter reports trouble: Strapi's logger in the CMS, a plain recorder in tests. */
export type Log = { error(message: string): void; warn(message: string): void; info(message: string): void };
