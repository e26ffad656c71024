import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Decision, Quota } from './gcra';
import { MemoryStore } from './memory-store';
import type { Log, RateLimitStore } from './store';

/**
 * gcra.ts in Lua, so that reading and updating a caller's TATs is one atomic step however many CMS
 * processes share the Redis. The clock is Redis's own (TIME), so processes with skewed clocks still agree.
 * KEYS[1]: the caller's hash (fields q1, q2, … one TAT each). ARGV[1]: the window in ms, then for each
 * quota its limit and this request's cost. Returns allowed (1/0), retry-after ms, then per quota the
 * remaining units, the ms until it is full again and whether it refused (1/0). A refused request writes
 * nothing.
 */
export const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local window = tonumber(ARGV[1])
local n = (#ARGV - 1) / 2
local fields = {}
for i = 1, n do fields[i] = 'q' .. i end
local stored = redis.call('HMGET', KEYS[1], unpack(fields))
local allowed = true
local retry = 0
local steps = {}
for i = 1, n do
  local limit = tonumber(ARGV[2 * i])
  local cost = math.min(tonumber(ARGV[2 * i + 1]), limit)
  local interval = window / limit
  local tat = math.max(tonumber(stored[i]) or now, now)
  local nxt = tat + cost * interval
  local wait = nxt - window - now
  local refused = 0
  if wait > 0.001 then
    allowed = false
    refused = 1
    if wait > retry then retry = wait end
  end
  steps[i] = { interval, tat, nxt, refused }
end
local reply = { allowed and 1 or 0, allowed and 0 or math.ceil(retry) }
local set = {}
local longest = 0
for i = 1, n do
  local interval, tat, nxt = steps[i][1], steps[i][2], steps[i][3]
  local after = tat
  if allowed then after = nxt end
  reply[#reply + 1] = math.max(0, math.floor((window - (after - now)) / interval + 0.001))
  reply[#reply + 1] = math.max(0, math.ceil(after - now - 0.001))
  reply[#reply + 1] = steps[i][4]
  if allowed then
    set[#set + 1] = fields[i]
    set[#set + 1] = string.format('%.3f', nxt)
    if nxt - now > longest then longest = nxt - now end
  end
end
if allowed then
  redis.call('HSET', KEYS[1], unpack(set))
  redis.call('PEXPIRE', KEYS[1], math.ceil(longest) + 1)
end
return reply
`;
const TAKE_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

/** After a failed call, requests skip Redis this long before it is tried again, so a hung Redis slows none. */
const PROBE_INTERVAL_MS = 1_000;
/** While Redis stays unreachable, the error is logged again this often. */
const REPEAT_LOG_MS = 60_000;

/** `redis://user:secret@host` → `redis://user:***@host`, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

export type RedisStoreOptions = { url: string; prefix: string; log: Log; commandTimeoutMs?: number };

/**
 * Counts in Redis, shared by every CMS process that uses the same REDIS_URL and prefix.
 *
 * When Redis cannot be reached the limiter neither fails open (no limit at all) nor closed (every reader
 * refused, which would take the public site and the agencies' integrations down with a cache): each process
 * falls back to its own in-memory counts, with the same limits, and logs an error at once and then every
 * minute until Redis answers again. With N processes a caller may then get up to N times its limit.
 */
export class RedisStore implements RateLimitStore {
  readonly kind = 'redis';
  readonly client: Redis;
  private readonly fallback = new MemoryStore();
  private readonly prefix: string;
  private readonly log: Log;
  private readonly where: string;
  /** Since when Redis has failed, and when that was last logged; undefined while it answers. */
  private outage?: { since: number; loggedAt: number };
  private skipUntil = 0;
  /** Settles once the first connection is ready, failed, or took too long: requests wait for it at start only. */
  private readonly started: Promise<void>;
  private ready = false;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix;
    this.log = options.log;
    this.where = redactUrl(options.url);
    this.client = new Redis(options.url, {
      // Fail at once while disconnected rather than queue requests behind a reconnection.
      // The commands of requests handled in the same tick go to Redis in one write.
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A Redis slower than this is as good as down; a busy CMS event loop also makes replies look late.
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      // Keep reconnecting in the background, at most every 2 s.
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
    this.client.on('error', (error: Error) => this.failed(error));
    // The CMS serves requests before the first connection is up; without this wait they would be counted in
    // memory (as in an outage) for their first second.
    this.started = new Promise<void>((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        this.ready = true;
        resolve();
      };
      const timer = setTimeout(settle, 2_000);
      timer.unref();
      this.client.once('ready', settle);
      this.client.once('error', settle);
    });
  }

  async take(key: string, windowMs: number, quotas: readonly Quota[]): Promise<Decision> {
    if (!this.ready) await this.started;
    if (Date.now() < this.skipUntil) return this.fallback.takeNow(key, windowMs, quotas);
    try {
      const reply = await this.run(this.prefix + key, windowMs, quotas);
      this.recovered();
      return decision(reply, quotas);
    } catch (error) {
      this.failed(error instanceof Error ? error : new Error(String(error)));
      this.skipUntil = Date.now() + PROBE_INTERVAL_MS;
      return this.fallback.takeNow(key, windowMs, quotas);
    }
  }

  private async run(key: string, windowMs: number, quotas: readonly Quota[]): Promise<unknown> {
    const args = [windowMs, ...quotas.flatMap((quota) => [quota.limit, quota.cost])];
    try {
      return await this.client.evalsha(TAKE_SHA, 1, key, ...args);
    } catch (error) {
      // A Redis that restarted (or was flushed) has forgotten the script: send it whole once.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return this.client.eval(TAKE_SCRIPT, 1, key, ...args);
      throw error;
    }
  }

  private failed(error: Error): void {
    const now = Date.now();
    if (!this.outage) {
      this.outage = { since: now, loggedAt: now };
      this.log.error(
        `Rate limits: Redis at ${this.where} is unreachable (${error.message}). Each CMS process now limits callers on its own, in memory, until Redis answers again.`,
      );
    } else if (now - this.outage.loggedAt >= REPEAT_LOG_MS) {
      this.outage.loggedAt = now;
      this.log.error(
        `Rate limits: Redis at ${this.where} still unreachable after ${Math.round((now - this.outage.since) / 1000)} s (${error.message}); limiting per process in memory.`,
      );
    }
  }

  private recovered(): void {
    if (!this.outage) return;
    this.log.warn(
      `Rate limits: Redis at ${this.where} answers again after ${Math.round((Date.now() - this.outage.since) / 1000)} s; limits are shared again.`,
    );
    this.outage = undefined;
    void this.fallback.close();
  }

  /** True while requests are being counted in memory because Redis failed. */
  get degraded(): boolean {
    return this.outage !== undefined;
  }

  close(): Promise<void> {
    this.client.disconnect();
    return this.fallback.close();
  }
}

function decision(reply: unknown, quotas: readonly Quota[]): Decision {
  if (!Array.isArray(reply) || reply.length !== 2 + 3 * quotas.length || !reply.every((item) => typeof item === 'number')) {
    throw new Error(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
  }
  const numbers = reply;
  return {
    allowed: numbers[0] === 1,
    retryAfterMs: numbers[1],
    quotas: quotas.map((quota, index) => ({
      limit: quota.limit,
      remaining: numbers[2 + 3 * index],
      resetMs: numbers[3 + 3 * index],
      refused: numbers[4 + 3 * index] === 1,
    })),
  };
}
