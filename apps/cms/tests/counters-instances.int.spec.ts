import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dbKind } from './helpers/database';
import { startCmsCluster, startCmsProcess, type CmsCluster, type CmsProcess } from './helpers/process';

/**
 * The counters across processes: a graceful shutdown under load loses no acknowledged hit, and two CMS
 * processes sharing one database and one Redis count each view once.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SITE = 'http://localhost:4321';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Numbers = { counted: boolean; views: number | null; stats: { today: number; total: number } };

async function hit(url: string, article: string, visitor: string): Promise<{ status: number; body?: Numbers }> {
  const response = await fetch(`${url}/counter`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': `${BROWSER} ${visitor}`, origin: SITE },
    body: JSON.stringify({ article }),
  });
  const text = await response.text();
  return { status: response.status, body: response.status === 200 ? (JSON.parse(text) as Numbers) : undefined };
}

/** Every article's views as the database holds them (the response cache is off in these CMSs). */
async function databaseViews(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ articles(pagination: { pageSize: 100 }) { documentId views } }' }),
  });
  const body = (await response.json()) as { data: { articles: Array<{ documentId: string; views: number }> } };
  return new Map(body.data.articles.map((article) => [article.documentId, article.views]));
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a graceful shutdown under load', () => {
  it('writes every acknowledged hit to the database before the process exits', async () => {
    const template = inject('cmsTemplate');
    const database = await createTestDatabase(dbKind(), template.name);
    cleanups.push(() => database.drop());
    const env = { TEST_SHARED_DATABASE: JSON.stringify(database.env), RESPONSE_CACHE: 'off', COUNTER_FLUSH_MS: '2000' };
    const first: CmsProcess = await startCmsProcess(template, dbKind(), env);
    const before = await databaseViews(first.url);
    const targets = [...before.keys()].slice(0, 4);

    const acknowledged = new Map<string, number>(targets.map((id) => [id, 0]));
    let stopped = false;
    let sent = 0;
    let refused = 0;
    // 16 readers in a loop, each hit by a new visitor, until the CMS no longer answers.
    const readers = Array.from({ length: 16 }, async (_, reader) => {
      while (!stopped) {
        const article = targets[sent % targets.length];
        sent += 1;
        try {
          const reply = await hit(first.url, article, `reader-${reader}-${sent}`);
          if (reply.status === 200 && reply.body?.counted) acknowledged.set(article, acknowledged.get(article)! + 1);
          else if (reply.status === 503) refused += 1;
          else if (reply.status !== 200) throw new Error(`unexpected ${reply.status}`);
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          return; // connection refused: the process is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // SIGTERM, as a process manager or `docker stop` sends it; flushes are 2 s apart here, so hits are pending.
    const stopping = first.stop();
    await stopping;
    stopped = true;
    await Promise.all(readers);
    const total = [...acknowledged.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(50);

    const second = await startCmsProcess(template, dbKind(), env);
    cleanups.push(() => second.stop());
    const after = await databaseViews(second.url);
    for (const id of targets) expect(after.get(id), `${id} (${refused} hits refused while stopping)`).toBe(before.get(id)! + acknowledged.get(id)!);
  });
});

describe('two CMS processes sharing one database and one Redis', () => {
  let cluster: CmsCluster;
  const prefix = `test-counters-${randomBytes(4).toString('hex')}:`;

  afterAll(async () => {
    await cluster?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('count each view once, whichever process the reader reaches, and write it once', async () => {
    cluster = await startCmsCluster(inject('cmsTemplate'), dbKind(), 2, {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      RESPONSE_CACHE: 'off',
      COUNTER_FLUSH_MS: '200',
      // Shared by both processes: this test's one address may send 40 requests a minute in all.
      COUNTER_RATE_LIMIT_PER_MINUTE: '40',
    });
    const [a, b] = cluster.instances;
    const started = Date.now();
    const before = await databaseViews(a.url);
    const [article] = [...before.keys()];
    // One reader reloading on both processes, then ten readers each reaching both.
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit(i % 2 === 0 ? a.url : b.url, article, 'the-same-reader'));
    expect(results.map((reply) => reply.body?.counted)).toEqual([true, false, false, false]);
    const others = await Promise.all(Array.from({ length: 20 }, (_, i) => hit(i % 2 === 0 ? a.url : b.url, article, `reader-${i % 10}`)));
    expect(others.filter((reply) => reply.body?.counted).length).toBe(10);
    const fromA = await fetch(`${a.url}/counter/stats?article=${article}`).then((r) => r.json() as Promise<Numbers>);
    const fromB = await fetch(`${b.url}/counter/stats?article=${article}`).then((r) => r.json() as Promise<Numbers>);
    expect(fromA.views).toBe(before.get(article)! + 11);
    expect(fromB).toEqual(fromA);
    const deadline = Date.now() + 5_000;
    let views = 0;
    while (Date.now() < deadline) {
      views = (await databaseViews(b.url)).get(article)!;
      if (views === before.get(article)! + 11) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(views).toBe(before.get(article)! + 11);
    // Some time later, still once: no increment was written by both processes.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await databaseViews(a.url)).get(article)).toBe(before.get(article)! + 11);

    // 26 requests so far (24 hits, 2 statistics reads) of the 40 a minute both processes share: of 20 more,
    // 14 pass, plus the few that the minute gave back meanwhile (one every 1.5 s). Each process alone would
    // have let all 20 through.
    const more = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${(i % 2 === 0 ? a : b).url}/counter`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': `${BROWSER} more-${i}`, origin: SITE },
        body: JSON.stringify({ article }),
      });
      more.push({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() });
    }
    const passed = more.filter((reply) => reply.status === 200).length;
    expect(passed).toBeGreaterThanOrEqual(14);
    expect(passed).toBeLessThanOrEqual(14 + Math.ceil((Date.now() - started) / 1_500));
    expect(more.every((reply) => reply.status === 200 || reply.status === 429)).toBe(true);
    const refused = more.filter((reply) => reply.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0].retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused[0].body)).toMatchObject({ error: { status: 429 } });
  });
});
