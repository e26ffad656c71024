import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { lastDays, MemoryCounterStore, periodsAt, RedisCounterStore } from '../src/lib/counters';
import type { CounterStore, HitRequest } from '../src/lib/counters/store';
import { visitorIds } from '../src/lib/counters/visitor';

/**
 * The counters' calendar (Vietnam time) and their two stores — in memory, and in a real Redis
 * (TEST_REDIS_URL, default 127.0.0.1:6379) under a key prefix of this run's own — given the same visits
 * at chosen moments: day, week and month boundaries, uniques, the view window, online now, pending.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-counters-${randomBytes(4).toString('hex')}:`;

/** A moment given in Vietnam time (UTC+7). */
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('the calendar, Asia/Ho_Chi_Minh', () => {
  it('puts 23:59 and 00:01 local on different days, whatever UTC says', () => {
    expect(periodsAt(vn('2026-12-01T23:59:00')).day).toBe('2026-12-01');
    expect(periodsAt(vn('2026-12-02T00:01:00')).day).toBe('2026-12-02');
    // 17:30 UTC is already the next day in Vietnam.
    expect(periodsAt(Date.parse('2026-12-01T17:30:00Z')).day).toBe('2026-12-02');
    expect(periodsAt(vn('2026-12-01T23:59:00')).ends.day).toBe(vn('2026-12-02T00:00:00'));
  });

  it('starts weeks on Monday and months on the 1st', () => {
    // 2026-11-29 is a Sunday, 2026-11-30 a Monday.
    expect(periodsAt(vn('2026-11-29T23:59:00')).week).toBe('2026-11-23');
    expect(periodsAt(vn('2026-11-30T00:00:00')).week).toBe('2026-11-30');
    expect(periodsAt(vn('2026-12-06T23:59:59')).week).toBe('2026-11-30');
    expect(periodsAt(vn('2026-11-30T23:59:00')).month).toBe('2026-11');
    expect(periodsAt(vn('2026-12-01T00:00:00')).month).toBe('2026-12');
    expect(periodsAt(vn('2026-12-31T23:00:00')).ends.month).toBe(vn('2027-01-01T00:00:00'));
    expect(periodsAt(vn('2028-02-29T12:00:00')).ends.month).toBe(vn('2028-03-01T00:00:00'));
  });

  it('names the last 7 days, today included', () => {
    expect(lastDays(vn('2026-12-02T00:30:00'), 7)).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });
});

const stores: CounterStore[] = [];
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await Promise.all(stores.map((store) => store.close()));
});

const kinds: Array<[string, () => CounterStore]> = [
  ['memory', () => new MemoryCounterStore()],
  ['Redis', () => new RedisCounterStore(REDIS_URL, `${prefix}${randomBytes(3).toString('hex')}:`)],
];

// Salts live until their period ends by the real clock (then visitors get new ids): the visits below are
// made at moments in the future, so that no period of theirs is over before the test ends. (In 2037 as in
// 2026, 1 December is a Tuesday.)
describe.each(kinds)('the %s store', (_kind, make) => {
  const open = () => {
    const store = make();
    stores.push(store);
    return store;
  };

  /** A visit by `who` at `at`, through the store's own salts, with the totals started at 0 when missing. */
  async function visit(store: CounterStore, who: string, at: number, article?: string, windowMs = 30 * 60_000) {
    const periods = periodsAt(at);
    const visitor = visitorIds(await store.salts(periods), '203.0.113.7', who);
    const request: HitRequest = { now: at, periods, visitor, article, viewWindowMs: windowMs, onlineWindowMs: 5 * 60_000 };
    let outcome = await store.hit(request);
    if (outcome.missing) {
      await store.seed(Object.fromEntries(outcome.missing.map((name) => [name, name.startsWith('a:') ? 100 : 0])));
      outcome = await store.hit(request);
    }
    if (outcome.missing) throw new Error('still missing');
    return outcome;
  }

  it('counts a hit at 23:59 and one at 00:01 local on two days, one week, one month; total adds up the days', async () => {
    const store = open();
    const night = await visit(store, 'reader-a', vn('2037-12-01T23:59:00'));
    expect(night.stats).toMatchObject({ today: 1, week: 1, month: 1, total: 1 });
    const morning = await visit(store, 'reader-a', vn('2037-12-02T00:01:00'));
    expect(morning.stats).toMatchObject({ today: 1, week: 1, month: 1, total: 2 });
    const pending = await store.takePending();
    expect(pending).toMatchObject({ 'd:2037-12-01': 1, 'd:2037-12-02': 1, 'w:2037-11-30': 1, 'm:2037-12': 1, all: 2 });
  });

  it("keeps a month's uniques real: not the sum of its days", async () => {
    const store = open();
    for (const day of ['2037-12-01', '2037-12-02', '2037-12-03']) {
      await visit(store, 'reader-b', vn(`${day}T09:00:00`));
      await visit(store, 'reader-c', vn(`${day}T10:00:00`));
    }
    const last = await visit(store, 'reader-b', vn('2037-12-03T11:00:00'));
    expect(last.stats).toMatchObject({ today: 2, week: 2, month: 2, total: 6 });
  });

  it('starts a new week on Monday and a new month on the 1st', async () => {
    const store = open();
    await visit(store, 'reader-d', vn('2037-11-29T20:00:00')); // Sunday
    const monday = await visit(store, 'reader-d', vn('2037-11-30T08:00:00'));
    expect(monday.stats).toMatchObject({ today: 1, week: 1, month: 1 });
    const pending = await store.takePending();
    expect(pending['w:2037-11-23']).toBe(1);
    expect(pending['w:2037-11-30']).toBe(1);
    expect(pending['m:2037-11']).toBe(1);
    const december = await visit(store, 'reader-d', vn('2037-12-01T08:00:00'));
    expect(december.stats).toMatchObject({ today: 1, week: 1, month: 1, total: 3 });
    expect(await store.takePending()).toMatchObject({ 'm:2037-12': 1, 'd:2037-12-01': 1, all: 1 });
  });

  it('counts an article once per visitor within the window, from its starting total, and again after the window', async () => {
    const store = open();
    const at = vn('2037-12-01T09:00:00');
    expect(await visit(store, 'reader-e', at, 'baiviet1', 60_000)).toMatchObject({ counted: true, views: 101 });
    expect(await visit(store, 'reader-e', at + 59_000, 'baiviet1', 60_000)).toMatchObject({ counted: false, views: 101 });
    expect(await visit(store, 'reader-f', at + 59_000, 'baiviet1', 60_000)).toMatchObject({ counted: true, views: 102 });
    if (store.kind === 'redis') await new Promise((resolve) => setTimeout(resolve, 1_100)); // Redis expires by its own clock
    const windowMs = store.kind === 'redis' ? 1_000 : 60_000;
    await visit(store, 'reader-g', at, 'baiviet2', windowMs);
    if (store.kind === 'redis') await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await visit(store, 'reader-g', at + 61_000, 'baiviet2', windowMs)).toMatchObject({ counted: true, views: 102 });
    const pending = await store.takePending();
    expect(pending).toMatchObject({ 'a:baiviet1': 2, 'v:baiviet1:2037-12-01': 2, 'a:baiviet2': 2 });
    expect(await store.takePending()).toEqual({});
  });

  it('sees who is online within 5 minutes', async () => {
    const store = open();
    const at = Date.now();
    await visit(store, 'reader-h', at - 6 * 60_000);
    await visit(store, 'reader-i', at - 60_000);
    const now = await visit(store, 'reader-j', at);
    expect(now.stats.online).toBe(2);
  });

  it('keeps totals it already has when seeded again, and gives back increments that could not be written', async () => {
    const store = open();
    const at = vn('2037-12-01T09:00:00');
    await visit(store, 'reader-k', at, 'baiviet3');
    await store.seed({ 'a:baiviet3': 5 });
    expect(await visit(store, 'reader-l', at, 'baiviet3')).toMatchObject({ views: 102 });
    const taken = await store.takePending();
    await store.returnPending(taken);
    await visit(store, 'reader-m', at, 'baiviet3');
    expect((await store.takePending())['a:baiviet3']).toBe(3);
  });
});

describe('two Redis stores sharing one Redis (two CMS instances)', () => {
  it('count one visitor once, whichever instance they reach, and hand each increment to one of them', async () => {
    const shared = `${prefix}shared:`;
    const a = new RedisCounterStore(REDIS_URL, shared);
    const b = new RedisCounterStore(REDIS_URL, shared);
    stores.push(a, b);
    const at = vn('2037-12-01T09:00:00');
    const periods = periodsAt(at);
    const salts = await a.salts(periods);
    expect(await b.salts(periods)).toEqual(salts);
    await a.seed({ 'a:chung': 10, [`d:${periods.day}`]: 0, [`w:${periods.week}`]: 0, [`m:${periods.month}`]: 0, all: 0 });
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 === 0 ? a : b).hit({
          now: at,
          periods,
          visitor: visitorIds(salts, '198.51.100.1', `reader-${index % 10}`),
          article: 'chung',
          viewWindowMs: 60_000,
          onlineWindowMs: 300_000,
        }),
      ),
    );
    expect(hits.filter((outcome) => !outcome.missing && outcome.counted).length).toBe(10);
    const [fromA, fromB] = await Promise.all([a.takePending(), b.takePending()]);
    expect((fromA['a:chung'] ?? 0) + (fromB['a:chung'] ?? 0)).toBe(10);
    const read = await b.stats({ now: at, periods, article: 'chung', onlineWindowMs: 300_000 });
    expect(read).toMatchObject({ views: 20, stats: { today: 10, month: 10, total: 10 } });
  });
});
