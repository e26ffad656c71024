/**
 * `pnpm --filter cms bench` (part of `pnpm bench`): the public API under load, on 127.0.0.1 only, every run
 * bounded in seconds and requests. Writes bench-results/api.json.
 *
 * "The 20 newest articles with author and category", on the seeded demo content:
 *   cached     anonymous GraphQL through the response cache
 *   uncached   the same query with the cache off
 *   rest       stock Strapi REST (populate) for the same data, cache off: the baseline
 * and, with the default rate limits: one address sends the alias bomb in a loop while a well-behaved client
 * reads and `/_health` is polled; their latencies say whether the abuse reaches anyone else.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from '../tests/helpers/process';
import { prepareCmsTemplate } from '../tests/helpers/template';
import { load as loadFor, MAX_REQUESTS, percentile, timed } from './bench-load';

const RESULT_FILE = path.resolve(__dirname, '..', '..', '..', 'bench-results', 'api.json');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const load = (url: string, options: Parameters<typeof loadFor>[1] = {}) => loadFor(url, { connections: CONNECTIONS, seconds: SECONDS, ...options });

const NEWEST =
  '{ articles(sort: "publishedAt:desc", pagination: { pageSize: 20 }) { documentId title slug publishedAt author { name slug } category { name slug } } }';
const NEWEST_REST =
  '/api/articles?sort=publishedAt:desc&pagination[pageSize]=20&fields[0]=title&fields[1]=slug&fields[2]=publishedAt' +
  '&populate[author][fields][0]=name&populate[author][fields][1]=slug&populate[category][fields][0]=name&populate[category][fields][1]=slug';
const ALIAS_BOMB = `query { ${Array.from(
  { length: 101 },
  (_, i) => `a${i}: articles(pagination: { pageSize: 100 }) { title body relatedArticles { title } }`,
).join(' ')} }`;

const UNLIMITED = {
  RATE_LIMIT_ANON_PER_MINUTE: '1000000',
  RATE_LIMIT_ANON_COST_PER_MINUTE: '1000000',
};

const graphqlBody = (query: string) => JSON.stringify({ query });

/** The abuse scenario: alias bombs from one address, a reader from another, /_health polled. */
async function underAbuse(cms: CmsProcess) {
  const deadline = Date.now() + SECONDS * 1000;
  const post = (from: string, query: string) =>
    fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: graphqlBody(query),
    });
  const attacker = async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    while (Date.now() < deadline && sent < MAX_REQUESTS) {
      const { status } = await timed(() => post('203.0.113.7', ALIAS_BOMB));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      sent++;
    }
    return statuses;
  };
  const reader = async () => {
    // The reader's query was read before the abuse began (as a portal's readers' queries are): the figure is
    // about what the abuse does to others, not about one cold read.
    await timed(() => post('198.51.100.20', NEWEST));
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    while (Date.now() < deadline) {
      const { ms, status } = await timed(() => post('198.51.100.20', NEWEST));
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      // A well-behaved client: about two requests a second, within 120 a minute.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { latencies, statuses };
  };
  const health = async () => {
    const latencies: number[] = [];
    while (Date.now() < deadline) {
      latencies.push((await timed(() => fetch(`${cms.url}/_health`))).ms);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return latencies;
  };
  const [attacks, readers, healthLatencies] = await Promise.all([Promise.all(Array.from({ length: 4 }, attacker)), reader(), health()]);
  const attackStatuses: Record<string, number> = {};
  for (const map of attacks) for (const [status, count] of map) attackStatuses[status] = (attackStatuses[status] ?? 0) + count;
  return {
    attackerStatuses: attackStatuses,
    readerRequests: readers.latencies.length,
    readerStatuses: Object.fromEntries(readers.statuses),
    readerP99Ms: Math.round(percentile(readers.latencies, 99)),
    healthMaxMs: Math.round(Math.max(...healthLatencies)),
    healthP99Ms: Math.round(percentile(healthLatencies, 99)),
  };
}

async function main() {
  console.log('Preparing a seeded CMS (compile, demo content)…');
  const { template, cleanup } = await prepareCmsTemplate('sqlite');
  const started: CmsProcess[] = [];
  try {
    const cached = await startCmsProcess(template, 'sqlite', { ...UNLIMITED });
    started.push(cached);
    const uncached = await startCmsProcess(template, 'sqlite', { ...UNLIMITED, RESPONSE_CACHE: 'off' });
    started.push(uncached);

    // Warm both (first requests compile Strapi's query paths), then measure.
    for (const cms of [cached, uncached]) await load(`${cms.url}/graphql`, { method: 'POST', body: graphqlBody(NEWEST) });
    console.log(`Cached GraphQL, ${SECONDS} s…`);
    const cachedFigures = await load(`${cached.url}/graphql`, { method: 'POST', body: graphqlBody(NEWEST) });
    console.log(`Uncached GraphQL, ${SECONDS} s…`);
    const uncachedFigures = await load(`${uncached.url}/graphql`, { method: 'POST', body: graphqlBody(NEWEST) });
    console.log(`Stock REST, ${SECONDS} s…`);
    const restFigures = await load(`${uncached.url}${NEWEST_REST}`);
    for (const cms of started.splice(0)) await cms.stop();

    // Default limits, behind a proxy as in production (the bench sends the address nginx would add).
    const guarded = await startCmsProcess(template, 'sqlite', {
      IS_PROXIED: 'true',
      RATE_LIMIT_ANON_PER_MINUTE: '120',
      RATE_LIMIT_ANON_COST_PER_MINUTE: '300',
    });
    started.push(guarded);
    console.log(`Alias bombs from one address while another reads, ${SECONDS} s…`);
    const abuse = await underAbuse(guarded);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: 'loopback, 127.0.0.1; demo content (SQLite)',
      query: 'the 20 newest articles with author and category',
      seconds: SECONDS,
      connections: CONNECTIONS,
      cachedGraphql: cachedFigures,
      uncachedGraphql: uncachedFigures,
      stockRest: restFigures,
      ratios: {
        cachedOverUncached: Number((cachedFigures.requestsPerSecond / Math.max(1, uncachedFigures.requestsPerSecond)).toFixed(1)),
        cachedOverStockRest: Number((cachedFigures.requestsPerSecond / Math.max(1, restFigures.requestsPerSecond)).toFixed(1)),
      },
      targets: { cachedRequestsPerSecond: 1000, cachedP99Ms: 50, readerP99MsUnderAbuse: 200, healthMsUnderAbuse: 1000 },
      underAbuse: abuse,
    };
    await mkdir(path.dirname(RESULT_FILE), { recursive: true });
    await writeFile(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    console.log(`Written to ${path.relative(process.cwd(), RESULT_FILE)}`);
  } finally {
    for (const cms of started) await cms.stop();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
