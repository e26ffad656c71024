/**
 * `pnpm --filter cms bench` (part of `pnpm bench`), after the API bench: the view counters under load, on
 * 127.0.0.1 only, every run bounded in seconds and requests. Writes bench-results/counters.json.
 *
 *   hits          POST /counter on the counters' own port (COUNTER_PORT, their own thread), every hit a new
 *                 visitor (a new user agent), so every one is counted — with editors' dashboard reads (the
 *                 Content Manager's article list, 5 a second) timed alongside
 *   hits via CMS  the same through /counter on the CMS's port (the main thread hands each hit to the thread)
 *   hits (Redis)  the first with REDIS_URL (TEST_REDIS_URL or 127.0.0.1:6379), under a prefix of its own
 *   stats         GET /counter/stats?article=… on the counters' port, the dashboard read alongside
 *   restart       hits from 16 readers, SIGTERM half-way through (as `docker stop` sends it), then the
 *                 database read again: every acknowledged hit must be in it
 * Targets: ≥ 2,000 counted hits/s with p99 ≤ 20 ms; the statistics p99 ≤ 20 ms; 0 hits lost.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createTestDatabase } from '../tests/helpers/database';
import { startCmsProcess, type CmsProcess } from '../tests/helpers/process';
import { prepareCmsTemplate, type CmsTemplate } from '../tests/helpers/template';
import { load, MAX_REQUESTS, percentile, timed, type Figures } from './bench-load';

const RESULT_FILE = path.resolve(__dirname, '..', '..', '..', 'bench-results', 'counters.json');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { email: 'bench@binhan.gov.vn', password: 'BenchDem2026!' };
const SITE = 'http://localhost:4321';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** One dashboard request this often. */
const DASHBOARD_EVERY_MS = 200;
const COUNTER_ENV = {
  COUNTER_PORT: '0',
  COUNTER_RATE_LIMIT_PER_MINUTE: '1000000',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RESPONSE_CACHE: 'off',
};

type Article = { documentId: string; views: number };

async function articles(url: string): Promise<Article[]> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ articles(pagination: { pageSize: 100 }) { documentId views } }' }),
  });
  return ((await response.json()) as { data: { articles: Article[] } }).data.articles;
}

let visitor = 0;
/** Every request a reader never seen before: a new user agent. */
const newVisitor = (request: { headers?: Record<string, string> }) => ({
  ...request,
  headers: { ...request.headers, 'user-agent': `${BROWSER} bench/${process.pid}/${++visitor}` },
});

/**
 * Editors at work in the dashboard while readers' hits pour in: the Content Manager's article list, sorted
 * by views, five times a second (a newsroom's worth of clicks), timed, until `until`.
 */
async function dashboard(url: string, until: number): Promise<{ requests: number; p50Ms: number; p99Ms: number; failed: number }> {
  const login = await fetch(`${url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const jwt = ((await login.json()) as { data: { token: string } }).data.token;
  const latencies: number[] = [];
  let failed = 0;
  while (Date.now() < until && latencies.length < MAX_REQUESTS) {
    const { ms, status } = await timed(() =>
      fetch(`${url}/content-manager/collection-types/api::article.article?page=1&pageSize=10&sort=views:DESC`, {
        headers: { authorization: `Bearer ${jwt}` },
      }),
    );
    latencies.push(ms);
    if (status !== 200) failed++;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, DASHBOARD_EVERY_MS - ms)));
  }
  return { requests: latencies.length, p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), failed };
}

/**
 * Counted hits per second sent to `base` (the counters' port, or the CMS's), with the dashboard read
 * alongside; checks that the database got every hit.
 */
async function hits(
  cms: CmsProcess,
  article: string,
  base: string,
): Promise<{ hits: Figures; dashboard: Awaited<ReturnType<typeof dashboard>>; written: number }> {
  const before = (await articles(cms.url)).find((a) => a.documentId === article)!.views;
  const body = JSON.stringify({ article });
  const headers = { 'content-type': 'text/plain', origin: SITE };
  // Warm-up: Strapi's and V8's first requests.
  await load(`${base}/counter`, { method: 'POST', body, headers, connections: 4, seconds: 2, setupRequest: newVisitor });
  const until = Date.now() + SECONDS * 1000;
  const [figures, editor] = await Promise.all([
    load(`${base}/counter`, { method: 'POST', body, headers, connections: CONNECTIONS, seconds: SECONDS, setupRequest: newVisitor }),
    dashboard(cms.url, until),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // the last flush
  const after = (await articles(cms.url)).find((a) => a.documentId === article)!.views;
  return { hits: figures, dashboard: editor, written: after - before };
}

/** SIGTERM under load: acknowledged hits against what the database holds afterwards. */
async function restart(template: CmsTemplate) {
  const database = await createTestDatabase('sqlite', template.name);
  const env = { ...COUNTER_ENV, TEST_SHARED_DATABASE: JSON.stringify(database.env), COUNTER_FLUSH_MS: '2000' };
  try {
    const first = await startCmsProcess(template, 'sqlite', env);
    const targets = (await articles(first.url)).slice(0, 8);
    let acknowledged = 0;
    let refused = 0;
    let sent = 0;
    let running = true;
    const readers = Array.from({ length: 16 }, async () => {
      while (running && sent < MAX_REQUESTS) {
        const article = targets[sent++ % targets.length].documentId;
        try {
          const response = await fetch(`${first.counterUrl}/counter`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': `${BROWSER} restart/${sent}` },
            body: JSON.stringify({ article }),
          });
          const answer = response.status === 200 ? ((await response.json()) as { counted: boolean }) : undefined;
          if (answer?.counted) acknowledged++;
          else refused++;
        } catch {
          return; // the process is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await first.stop();
    running = false;
    await Promise.all(readers);
    const second = await startCmsProcess(template, 'sqlite', env);
    const after = new Map((await articles(second.url)).map((a) => [a.documentId, a.views]));
    await second.stop();
    const written = targets.reduce((sum, a) => sum + (after.get(a.documentId)! - a.views), 0);
    return { acknowledged, refusedWhileStopping: refused, inDatabase: written, lost: acknowledged - written };
  } finally {
    await database.drop();
  }
}

async function main() {
  console.log('Preparing a seeded CMS (compile, demo content)…');
  const { template, cleanup } = await prepareCmsTemplate('sqlite');
  const prefix = `bench-counters-${randomBytes(4).toString('hex')}:`;
  try {
    const memory = await startCmsProcess(template, 'sqlite', COUNTER_ENV);
    const [first, second] = await articles(memory.url);
    console.log(`Hits (memory, the counters' port), ${SECONDS} s, ${CONNECTIONS} connections, the dashboard read alongside…`);
    const inMemory = await hits(memory, first.documentId, memory.counterUrl!);
    console.log(`Hits (memory, /counter on the CMS's port), ${SECONDS} s…`);
    const throughCms = await hits(memory, second.documentId, memory.url);
    console.log(`Statistics, ${SECONDS} s, the dashboard read alongside…`);
    const [stats, statsDashboard] = await Promise.all([
      load(`${memory.counterUrl}/counter/stats?article=${second.documentId}`, { connections: CONNECTIONS, seconds: SECONDS }),
      dashboard(memory.url, Date.now() + SECONDS * 1000),
    ]);
    await memory.stop();

    const shared = await startCmsProcess(template, 'sqlite', { ...COUNTER_ENV, REDIS_URL, REDIS_PREFIX: prefix });
    console.log(`Hits (Redis), ${SECONDS} s…`);
    const inRedis = await hits(shared, first.documentId, shared.counterUrl!);
    await shared.stop();

    console.log('SIGTERM under load…');
    const graceful = await restart(template);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: 'loopback, 127.0.0.1; demo content (SQLite); load generator on the same 2 cores',
      seconds: SECONDS,
      connections: CONNECTIONS,
      hitsInMemory: inMemory,
      hitsInMemoryThroughCmsPort: throughCms,
      hitsInRedis: inRedis,
      stats: { ...stats, dashboard: statsDashboard },
      gracefulRestart: graceful,
      targets: { countedHitsPerSecond: 2000, hitsP99Ms: 20, statsP99Ms: 20, lostHits: 0 },
    };
    await mkdir(path.dirname(RESULT_FILE), { recursive: true });
    await writeFile(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    console.log(`Written to ${path.relative(process.cwd(), RESULT_FILE)}`);
  } finally {
    await cleanup();
    // Tens of thousands of keys (a window per visitor): deleted a thousand at a time.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    for (let start = 0; start < keys.length; start += 1000) await redis.del(...keys.slice(start, start + 1000));
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
