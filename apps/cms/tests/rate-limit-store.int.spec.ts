import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, RedisStore, type Log, type Quota } from '../src/lib/rate-limit';
import { freePort } from './helpers/database';

/**
 * The Redis store against a Redis server of this test's own (Debian's redis-server, on a free port, keeping
 * nothing on disk), so that it can be stopped and started again: the Lua script decides as gcra.ts does,
 * two clients share one count, and when Redis goes away the store limits in memory, logs it, and goes back
 * to Redis when it answers again.
 */

type Entry = { level: keyof Log; message: string };

/** A log that keeps what it is told, to read back. */
function recordingLog(): Log & { entries: Entry[] } {
  const entries: Entry[] = [];
  const keep = (level: keyof Log) => (message: string) => void entries.push({ level, message });
  return { entries, error: keep('error'), warn: keep('warn'), info: keep('info') };
}

let port: number;
let server: ChildProcess | undefined;
const stores: RedisStore[] = [];

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  server = child;
}

async function stopRedis(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function store(prefix: string, log: Log = recordingLog()): RedisStore {
  const created = new RedisStore({ url: `redis://127.0.0.1:${port}`, prefix, log });
  stores.push(created);
  return created;
}

const QUOTAS = (cost: number): Quota[] => [
  { limit: 5, cost: 1 },
  { limit: 12, cost },
];

beforeAll(async () => {
  port = await freePort();
  await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((created) => created.close()));
  await stopRedis();
});

describe('RedisStore', () => {
  it('decides a sequence of requests exactly as the in-memory store does', async () => {
    const redis = store('same:');
    const memory = new MemoryStore();
    for (const cost of [1, 4, 4, 1, 4, 1, 1, 1]) {
      const [fromRedis, fromMemory] = [await redis.take('caller', 3_600_000, QUOTAS(cost)), memory.takeNow('caller', 3_600_000, QUOTAS(cost))];
      expect(fromRedis.allowed, `cost ${cost}`).toBe(fromMemory.allowed);
      expect(fromRedis.quotas.map((quota) => [quota.remaining, quota.refused])).toEqual(
        fromMemory.quotas.map((quota) => [quota.remaining, quota.refused]),
      );
      // The clocks (Redis's and this process's) are read a moment apart.
      expect(Math.abs(fromRedis.retryAfterMs - fromMemory.retryAfterMs)).toBeLessThan(1_000);
    }
    expect(redis.degraded).toBe(false);
  });

  it('shares one count between clients, as between CMS processes', async () => {
    const [first, second] = [store('shared:'), store('shared:')];
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i += 1) for (const client of [first, second]) allowed.push((await client.take('caller', 3_600_000, QUOTAS(1))).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false, false, false]);
    // Another prefix is another portal: nothing shared.
    expect((await store('other:').take('caller', 3_600_000, QUOTAS(1))).quotas[0].remaining).toBe(4);
  });

  it('loads its script again into a Redis that forgot it', async () => {
    const redis = store('flushed:');
    expect((await redis.take('caller', 3_600_000, QUOTAS(1))).allowed).toBe(true);
    const admin = new Redis(`redis://127.0.0.1:${port}`);
    await admin.script('FLUSH');
    admin.disconnect();
    const next = await redis.take('caller', 3_600_000, QUOTAS(1));
    expect(next.quotas[0].remaining).toBe(3);
    expect(redis.degraded).toBe(false);
  });

  it('limits in memory while Redis is down, says so loudly once, and shares again when Redis is back', async () => {
    const log = recordingLog();
    const redis = store('outage:', log);
    expect((await redis.take('caller', 3_600_000, QUOTAS(1))).quotas[0].remaining).toBe(4);

    await stopRedis();
    const during: boolean[] = [];
    for (let i = 0; i < 7; i += 1) during.push((await redis.take('caller', 3_600_000, QUOTAS(1))).allowed);
    // Counted from scratch in this process: the limit still holds, it is just no longer shared.
    expect(during).toEqual([true, true, true, true, true, false, false]);
    expect(redis.degraded).toBe(true);
    const errors = log.entries.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable.*in memory/);

    await startRedis();
    // The client reconnects in the background; requests go back to Redis once it answers.
    let back = false;
    for (let i = 0; i < 100 && !back; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await redis.take('someone-else', 3_600_000, QUOTAS(1));
      back = !redis.degraded;
    }
    expect(back).toBe(true);
    expect(log.entries.at(-1)).toMatchObject({ level: 'warn', message: expect.stringMatching(/answers again.*shared again/) as unknown });
    // The restarted Redis kept nothing (no disk): the caller starts again there.
    expect((await redis.take('caller', 3_600_000, QUOTAS(1))).quotas[0].remaining).toBe(4);
  });
});
