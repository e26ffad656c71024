import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Where cached answers live. Every entry is filed under a *generation*; invalidating bumps the generation,
 * so every answer cached before it is unreachable at once, whatever its key (deleting keys one by one
 * could not know which answers a change touches). A read returns the generation it looked in; the answer
 * computed after a miss is stored under that generation — if a change came in the meantime, it lands in
 * an old generation and is never read.
 *
 * In memory (one CMS instance) by default; in Redis when REDIS_URL is set, so that every instance reads
 * one cache and one generation, and a publish on one instance is seen at once by all.
 */

export type CachedResponse = { etag: string; contentType: string; body: string };

export type CacheStore = {
  /** The current generation and, if present in it, the answer under `key`. */
  get(key: string): Promise<{ generation: string; hit: CachedResponse | null }>;
  set(generation: string, key: string, value: CachedResponse): Promise<void>;
  /** Makes every answer cached so far unreachable. */
  invalidate(): Promise<void>;
  /**
   * The current generation, for other caches of published content (the counters' "is this article
   * published?"): it changes with every change of content. '' when it cannot be known (Redis unreachable).
   */
  generation(): Promise<string>;
  close(): Promise<void>;
};

export type CacheLimits = {
  /** Answers larger than this (bytes of body) are not cached. */
  maxEntryBytes: number;
  /** Total bytes of bodies kept (memory store): the least recently used go first. */
  maxTotalBytes: number;
  /** No answer is kept longer than this, even without a change (a safety net, never the freshness rule). */
  ttlMs: number;
};

const size = (value: CachedResponse) => Buffer.byteLength(value.body) + value.etag.length + value.contentType.length;

/** One process's cache: a Map in least-recently-used order, bounded in bytes. */
export class MemoryCacheStore implements CacheStore {
  /**
   * The generation, in memory the counters' thread reads too (lib/counters/thread.ts): it sees a change
   * the moment this thread makes it, without asking.
   */
  readonly sharedGeneration = new Int32Array(new SharedArrayBuffer(4));
  private readonly entries = new Map<string, { value: CachedResponse; bytes: number; expires: number }>();
  private bytes = 0;

  constructor(private readonly limits: CacheLimits) {}

  private get counter(): number {
    return Atomics.load(this.sharedGeneration, 0);
  }

  get(key: string): Promise<{ generation: string; hit: CachedResponse | null }> {
    const generation = String(this.counter);
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve({ generation, hit: null });
    this.entries.delete(key);
    if (entry.expires <= Date.now()) {
      this.bytes -= entry.bytes;
      return Promise.resolve({ generation, hit: null });
    }
    this.entries.set(key, entry); // most recently used last
    return Promise.resolve({ generation, hit: entry.value });
  }

  set(generation: string, key: string, value: CachedResponse): Promise<void> {
    const bytes = size(value);
    if (generation !== String(this.counter) || bytes > this.limits.maxEntryBytes || bytes > this.limits.maxTotalBytes) return Promise.resolve();
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { value, bytes, expires: Date.now() + this.limits.ttlMs });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.limits.maxTotalBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    return Promise.resolve();
  }

  generation(): Promise<string> {
    return Promise.resolve(String(this.counter));
  }

  invalidate(): Promise<void> {
    Atomics.add(this.sharedGeneration, 0, 1);
    this.entries.clear();
    this.bytes = 0;
    return Promise.resolve();
  }

  /** Bytes of answers kept (for tests and the status of the cache). */
  get totalBytes(): number {
    return this.bytes;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The generation and the entry in one round trip. Generations are random, never counted: a generation key
 * that was lost (a Redis restart, an eviction) is replaced by a new value, never by one whose old entries
 * could still be there.
 */
/** The generation in KEYS[1], set to the new one in ARGV[`fresh`] when absent. */
const CURRENT_GENERATION = (fresh: number) => `
local generation = redis.call('GET', KEYS[1])
if not generation then
  redis.call('SET', KEYS[1], ARGV[${fresh}])
  generation = ARGV[${fresh}]
end`;

const READ = `${CURRENT_GENERATION(3)}
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;

/** The generation, made when absent: one round trip. */
const GENERATION = `${CURRENT_GENERATION(1)}
return generation
`;

const newGeneration = () => randomBytes(9).toString('base64url');

/**
 * The cache shared by every CMS instance. Entries expire by TTL (Redis bounds its own memory with
 * `maxmemory`); old generations are never read again and simply expire. When Redis cannot be reached a
 * read is a miss (the request is answered by Strapi) and a write is skipped; an invalidation that could not
 * reach Redis is retried until it does, and every instance bumps the generation when it reconnects, so
 * that answers cached before a change it could not announce are never served after it.
 */
export class RedisCacheStore implements CacheStore {
  private readonly client: Redis;
  private readonly generationKey: string;
  private readonly entryPrefix: string;
  /** An invalidation that has not reached Redis yet: no answer is read or written until it has. */
  private owed = false;

  constructor(
    url: string,
    private readonly limits: CacheLimits,
    prefix: string,
    private readonly log: (message: string) => void,
  ) {
    this.generationKey = `${prefix}cache:generation`;
    this.entryPrefix = `${prefix}cache:`;
    this.client = new Redis(url, {
      // A request never waits for a Redis that is down: the cache is skipped instead.
      // The commands of requests handled in the same tick go to Redis in one write.
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 1000,
      lazyConnect: false,
    });
    this.client.on('error', (error: Error) => this.log(`response cache: Redis: ${error.message}`));
    // Reconnected: a change may have happened while this instance could not announce it.
    let connectedBefore = false;
    this.client.on('ready', () => {
      if (connectedBefore) this.owed = true;
      connectedBefore = true;
      void this.settleOwed();
    });
  }

  private async settleOwed(): Promise<boolean> {
    if (!this.owed) return true;
    try {
      await this.client.set(this.generationKey, newGeneration());
      this.owed = false;
      return true;
    } catch {
      return false;
    }
  }

  async get(key: string): Promise<{ generation: string; hit: CachedResponse | null }> {
    if (!(await this.settleOwed())) return { generation: '', hit: null };
    try {
      const [generation, raw] = (await this.client.eval(READ, 1, this.generationKey, this.entryPrefix, key, newGeneration())) as [
        string,
        string | null,
      ];
      return { generation, hit: raw ? (JSON.parse(raw) as CachedResponse) : null };
    } catch {
      return { generation: '', hit: null };
    }
  }

  async set(generation: string, key: string, value: CachedResponse): Promise<void> {
    if (generation === '' || this.owed || size(value) > this.limits.maxEntryBytes) return;
    try {
      await this.client.set(`${this.entryPrefix}${generation}:${key}`, JSON.stringify(value), 'PX', this.limits.ttlMs);
    } catch {
      // skipped: the next request computes the answer again
    }
  }

  async generation(): Promise<string> {
    if (!(await this.settleOwed())) return '';
    try {
      // Made here when absent (no cached read has made it yet, or the cache is off), as READ makes it.
      return String(await this.client.eval(GENERATION, 1, this.generationKey, newGeneration()));
    } catch {
      return '';
    }
  }

  async invalidate(): Promise<void> {
    this.owed = true;
    if (!(await this.settleOwed())) this.log('response cache: could not reach Redis to invalidate; retrying before any cached answer is used');
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
