import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Periods } from './periods';
import type { CounterStore, HitRequest, Outcome, StatsRequest } from './store';
import { newSalt, saltNames, type Salts } from './visitor';

/**
 * The counters in Redis, shared by every CMS instance with the same REDIS_URL and REDIS_PREFIX: one Lua
 * script per hit, so checking a window and counting are one atomic step whichever instance serves the
 * reader. Keys (under `<prefix>counter:`): `totals` and `pending` (hashes, names as in store.ts), `online`
 * (visitors by last visit), `seen:*` (the windows and uniques, expiring with them) and `salt:*`.
 * When Redis cannot be reached, a hit fails (the page keeps its build-time numbers) rather than being
 * counted somewhere no other instance can see.
 */

/**
 * The start of both scripts: the totals the request needs (KEYS[1] the totals hash; the article, day,
 * week and month in ARGV at the positions given), and the early answer — nothing written — when one is absent.
 */
const NEEDED = (article: number, day: number) => `
local totals = KEYS[1]
local article = ARGV[${article}]
local d, w, m = 'd:' .. ARGV[${day}], 'w:' .. ARGV[${day + 1}], 'm:' .. ARGV[${day + 2}]
local names = { d, w, m, 'all' }
if article ~= '' then names[#names + 1] = 'a:' .. article end
local missing = {}
for _, name in ipairs(names) do
  if redis.call('HEXISTS', totals, name) == 0 then missing[#missing + 1] = name end
end
if #missing > 0 then return { 0, missing } end
`;

const HIT = `${NEEDED(8, 9)}
local pending, online = KEYS[2], KEYS[3]
local now = tonumber(ARGV[1])
redis.call('ZADD', online, now, ARGV[7])
redis.call('ZREMRANGEBYSCORE', online, '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', online, ARGV[2])
local function add(name)
  redis.call('HINCRBY', totals, name, 1)
  redis.call('HINCRBY', pending, name, 1)
end
if redis.call('SET', KEYS[4], '1', 'NX', 'PXAT', ARGV[4]) then add(d) add('all') end
if redis.call('SET', KEYS[5], '1', 'NX', 'PXAT', ARGV[5]) then add(w) end
if redis.call('SET', KEYS[6], '1', 'NX', 'PXAT', ARGV[6]) then add(m) end
local counted, views = 0, -1
if article ~= '' then
  if redis.call('SET', KEYS[7], '1', 'NX', 'PX', ARGV[3]) then
    add('a:' .. article)
    redis.call('HINCRBY', pending, 'v:' .. article .. ':' .. ARGV[9], 1)
    counted = 1
  end
  views = tonumber(redis.call('HGET', totals, 'a:' .. article))
end
local v = redis.call('HMGET', totals, d, w, m, 'all')
return { 1, counted, views, redis.call('ZCARD', online), tonumber(v[1]), tonumber(v[2]), tonumber(v[3]), tonumber(v[4]) }
`;

const STATS = `${NEEDED(3, 4)}
local online = KEYS[2]
local views = -1
if article ~= '' then views = tonumber(redis.call('HGET', totals, 'a:' .. article)) end
local v = redis.call('HMGET', totals, d, w, m, 'all')
local here = redis.call('ZCOUNT', online, '(' .. (tonumber(ARGV[1]) - tonumber(ARGV[2])), '+inf')
return { 1, 0, views, here, tonumber(v[1]), tonumber(v[2]), tonumber(v[3]), tonumber(v[4]) }
`;

const TAKE = `
local taken = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return taken
`;

type Script = { source: string; sha: string };
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const SCRIPTS = { hit: script(HIT), stats: script(STATS), take: script(TAKE) };

function outcome(reply: unknown): Outcome {
  if (!Array.isArray(reply)) throw new Error(`unexpected reply from the counter script: ${JSON.stringify(reply)}`);
  if (reply[0] === 0) return { missing: (reply[1] as unknown[]).map(String) };
  const [, counted, views, online, today, week, month, total] = reply.map(Number);
  return { counted: counted === 1, views: views < 0 ? null : views, stats: { online, today, week, month, total } };
}

export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis';
  readonly client: Redis;
  private readonly key: (name: string) => string;
  private readonly saltCache = new Map<string, { salt: string; endsAt: number }>();

  constructor(url: string, prefix: string) {
    this.key = (name) => `${prefix}counter:${name}`;
    this.client = new Redis(url, {
      // A hit never waits for a Redis that is down: it fails at once and the page keeps its numbers.
      // The commands of requests handled in the same tick go to Redis in one write.
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
    this.client.on('error', () => undefined); // reported by the failing calls
  }

  private async ready(): Promise<void> {
    if (this.client.status === 'ready') return;
    if (this.client.status === 'connecting' || this.client.status === 'connect' || this.client.status === 'wait') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2_000);
        this.client.once('ready', () => (clearTimeout(timer), resolve()));
      });
    }
  }

  private async run(which: Script, keys: string[], args: Array<string | number>): Promise<unknown> {
    await this.ready();
    try {
      return await this.client.evalsha(which.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return this.client.eval(which.source, keys.length, ...keys, ...args);
      throw error;
    }
  }

  async salts(periods: Periods): Promise<Salts> {
    const now = Date.now();
    const salts = {} as Salts;
    for (const { name, key, endsAt } of saltNames(periods)) {
      const cached = this.saltCache.get(key);
      if (cached && cached.endsAt > now) {
        salts[name] = cached.salt;
        continue;
      }
      await this.ready();
      // The first instance to ask makes it; it disappears an hour after its period (visitors then get new ids).
      await this.client.set(this.key(`salt:${key}`), newSalt(), 'PXAT', endsAt + 3_600_000, 'NX');
      const salt = await this.client.get(this.key(`salt:${key}`));
      if (!salt) throw new Error(`the salt ${key} vanished from Redis`);
      this.saltCache.set(key, { salt, endsAt });
      salts[name] = salt;
    }
    for (const [key, entry] of this.saltCache) if (entry.endsAt <= now) this.saltCache.delete(key);
    return salts;
  }

  async hit({ now, periods, visitor, article, viewWindowMs, onlineWindowMs }: HitRequest): Promise<Outcome> {
    const keys = [
      this.key('totals'),
      this.key('pending'),
      this.key('online'),
      this.key(`seen:d:${periods.day}:${visitor.day}`),
      this.key(`seen:w:${periods.week}:${visitor.week}`),
      this.key(`seen:m:${periods.month}:${visitor.month}`),
      this.key(`seen:view:${article ?? ''}:${visitor.day}`),
    ];
    const args = [
      now,
      onlineWindowMs,
      viewWindowMs,
      periods.ends.day,
      periods.ends.week,
      periods.ends.month,
      visitor.day,
      article ?? '',
      periods.day,
      periods.week,
      periods.month,
    ];
    return outcome(await this.run(SCRIPTS.hit, keys, args));
  }

  async stats({ now, periods, article, onlineWindowMs }: StatsRequest): Promise<Outcome> {
    const args = [now, onlineWindowMs, article ?? '', periods.day, periods.week, periods.month];
    return outcome(await this.run(SCRIPTS.stats, [this.key('totals'), this.key('online')], args));
  }

  async seed(values: Readonly<Record<string, number>>): Promise<void> {
    await this.ready();
    const pipeline = this.client.pipeline();
    for (const [name, value] of Object.entries(values)) pipeline.hsetnx(this.key('totals'), name, value);
    await pipeline.exec();
  }

  async takePending(): Promise<Record<string, number>> {
    const flat = (await this.run(SCRIPTS.take, [this.key('pending')], [])) as string[];
    const taken: Record<string, number> = {};
    for (let index = 0; index < flat.length; index += 2) taken[flat[index]] = Number(flat[index + 1]);
    return taken;
  }

  async returnPending(values: Readonly<Record<string, number>>): Promise<void> {
    await this.ready();
    const pipeline = this.client.pipeline();
    for (const [name, value] of Object.entries(values)) pipeline.hincrby(this.key('pending'), name, value);
    await pipeline.exec();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
