import { MemoryCacheStore, RedisCacheStore, type CacheLimits, type CacheStore } from './store';
import { redisSettings } from '../redis-settings';

export { graphqlKey, restKey, type CallerClass } from './key';
export type { CachedResponse } from './store';

/**
 * The public API's response cache: settings, the one store of this process, and the invalidations in
 * flight. See middlewares/response-cache.ts (reads) and bootstrap/cache-invalidation.ts (changes).
 */

export type ResponseCacheSettings = CacheLimits & { enabled: boolean; redisUrl: string | undefined; redisPrefix: string };

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  return value;
}

/** RESPONSE_CACHE (on|off), RESPONSE_CACHE_MAX_ENTRY_KB, RESPONSE_CACHE_MAX_MB, RESPONSE_CACHE_TTL_SECONDS, REDIS_URL, REDIS_PREFIX. */
export function responseCacheSettings(env: NodeJS.ProcessEnv = process.env): ResponseCacheSettings {
  const switched = (env.RESPONSE_CACHE ?? 'on').trim().toLowerCase();
  if (switched !== 'on' && switched !== 'off' && switched !== '')
    throw new Error(`RESPONSE_CACHE must be "on" or "off" (got "${env.RESPONSE_CACHE}")`);
  const { url: redisUrl, prefix: redisPrefix } = redisSettings(env);
  return {
    enabled: switched !== 'off',
    maxEntryBytes: positive(env, 'RESPONSE_CACHE_MAX_ENTRY_KB', 1024) * 1024,
    maxTotalBytes: positive(env, 'RESPONSE_CACHE_MAX_MB', 64) * 1024 * 1024,
    ttlMs: positive(env, 'RESPONSE_CACHE_TTL_SECONDS', 300) * 1000,
    redisUrl,
    redisPrefix,
  };
}

export class ResponseCache {
  readonly store: CacheStore;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    readonly settings: ResponseCacheSettings,
    log: (message: string) => void,
  ) {
    this.store = settings.redisUrl ? new RedisCacheStore(settings.redisUrl, settings, settings.redisPrefix, log) : new MemoryCacheStore(settings);
  }

  /** Starts an invalidation; `settled()` waits for it (and every other in flight). */
  invalidate(): Promise<void> {
    const done = this.store.invalidate().finally(() => this.pending.delete(done));
    this.pending.add(done);
    return done;
  }

  /**
   * Resolves once every invalidation started so far has reached the store. Every response waits for it
   * before it is sent, so a publish is never acknowledged before the cache forgot what it replaced.
   */
  async settled(): Promise<void> {
    if (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

let instance: ResponseCache | undefined;

/** This process's cache, made on first use from the environment. */
export function responseCache(log: (message: string) => void = (message) => console.warn(message)): ResponseCache {
  instance ??= new ResponseCache(responseCacheSettings(), log);
  return instance;
}

/** Closes the store (Strapi's destroy): the Redis connection must not keep the process alive. */
export async function closeResponseCache(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.close();
}
