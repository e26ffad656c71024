/**
 * `pnpm --filter @portal/cms-client bench`: how long reading every article with everything the site shows
 * takes at scale. Seeds the demo content plus BENCH_ARTICLES synthetic articles (default 10,000) into a
 * temporary SQLite CMS, then times, on the same data and machine:
 *   - fetchAllArticles of this client (GraphQL, relations batched by the CMS): the figure that counts;
 *   - REST with `populate` for the same fields, pages of 100, as many requests in flight as the client: the baseline;
 *   - fetchAllArticles against the same CMS with GRAPHQL_BATCH_RELATIONS=false (Strapi's per-parent relation
 *     reads), for comparison; BENCH_STOCK=false skips it (it takes about half a minute).
 * BENCH_ROUNDS (default 3) timed runs of the first two, after one untimed warm-up each; the median counts.
 * The third is timed once, without a warm-up: at half a minute a run, a warm-up changes nothing.
 * Everything is on 127.0.0.1. Figures go to bench-results/bulk-reads.json at the repository root.
 *
 * The site's cold full build at 10,000 articles (fetch, render, search index: minutes) is measured by the
 * publisher's bench (`pnpm --filter publisher bench`, bench-results/publish-latency-10000.json, firstFullBuild), not
 * run again here; its last figure, when that file exists, is copied into these results with its date.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCmsTemplate, startCmsProcess, type CmsProcess, type CmsTemplate } from 'cms/testing/setup';
import { createCmsClient, fetchAllArticles, mapWithConcurrency } from '../src/index';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STOCK = process.env.BENCH_STOCK !== 'false';
/** The client's own defaults: pages of 100, 4 requests in flight. */
const PAGE_SIZE = 100;
const CONCURRENCY = 4;
/** What the site asks for in one page of its article query (src/queries/articles.ts), over REST. */
const REST_QUERY = [
  'fields[0]=documentId&fields[1]=title&fields[2]=slug&fields[3]=lead&fields[4]=source&fields[5]=body',
  'fields[6]=publishedAt&fields[7]=updatedAt&fields[8]=views',
  'populate[cover][fields][0]=url&populate[cover][fields][1]=alternativeText&populate[cover][fields][2]=width',
  'populate[cover][fields][3]=height&populate[cover][fields][4]=formats&populate[cover][fields][5]=caption',
  'populate[author][fields][0]=documentId&populate[author][fields][1]=name&populate[author][fields][2]=slug',
  'populate[category][fields][0]=documentId&populate[category][fields][1]=name&populate[category][fields][2]=slug',
  'populate[category][populate][parent][fields][0]=documentId&populate[category][populate][parent][fields][1]=name',
  'populate[category][populate][parent][fields][2]=slug',
  'populate[relatedArticles][fields][0]=documentId&populate[relatedArticles][fields][1]=slug',
  'populate[relatedArticles][fields][2]=title&populate[relatedArticles][fields][3]=publishedAt',
  'populate[seo][fields][0]=metaTitle&populate[seo][fields][1]=metaDescription',
  'populate[seo][populate][shareImage][fields][0]=url&populate[seo][populate][shareImage][fields][1]=width',
  'populate[seo][populate][shareImage][fields][2]=height',
  'sort[0]=publishedAt:desc&sort[1]=documentId:asc',
].join('&');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cmsDir = path.join(root, 'apps', 'cms');
const resultFile = path.join(root, 'bench-results', 'bulk-reads.json');
const publisherResultFile = path.join(root, 'bench-results', 'publish-latency-10000.json');

type FullBuild = { measuredAt?: string; syntheticArticles?: number; firstFullBuild?: { durationMs: number; pages: number } };

/** The cold full build the publisher's bench last measured, or undefined when it has not run here. */
async function lastFullBuild(): Promise<
  { measuredAt?: string; syntheticArticles?: number; durationMs: number; pages: number; command: string } | undefined
> {
  const text = await readFile(publisherResultFile, 'utf8').catch(() => undefined);
  const result = text ? (JSON.parse(text) as FullBuild) : undefined;
  if (!result?.firstFullBuild) return undefined;
  return {
    measuredAt: result.measuredAt,
    syntheticArticles: result.syntheticArticles,
    ...result.firstFullBuild,
    command: 'pnpm --filter publisher bench',
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

type Timed = { ms: number; articles: number };

async function timed(run: () => Promise<number>): Promise<Timed> {
  const started = performance.now();
  const articles = await run();
  return { ms: Math.round(performance.now() - started), articles };
}

/** `loadAverage`: the machine's 1-minute load average after the runs; above its core count, others' work slowed them. */
type Measured = { medianMs: number; runsMs: number[]; articles: number; loadAverage: number };

/** One warm-up (Strapi's first requests compile and cache) unless `warmUp` is false, then `rounds` timed runs. */
async function measure(name: string, rounds: number, run: () => Promise<number>, warmUp = true): Promise<Measured> {
  if (warmUp) await run();
  const runs: Timed[] = [];
  for (let round = 0; round < rounds; round++) {
    runs.push(await timed(run));
    console.log(`${name}: ${runs[runs.length - 1].articles} articles in ${runs[runs.length - 1].ms} ms`);
  }
  const loadAverage = Number(os.loadavg()[0].toFixed(2));
  return { medianMs: median(runs.map((run) => run.ms)), runsMs: runs.map((run) => run.ms), articles: runs[0].articles, loadAverage };
}

const graphqlArticles = (cms: CmsProcess) => async () => (await fetchAllArticles(createCmsClient({ url: cms.url, retries: 0 }))).length;

/** Every article over REST, page 1 first for the page count, then the rest CONCURRENCY at a time. */
const restArticles = (cms: CmsProcess) => async () => {
  const page = async (number: number) => {
    const response = await fetch(`${cms.url}/api/articles?${REST_QUERY}&pagination[page]=${number}&pagination[pageSize]=${PAGE_SIZE}`);
    if (!response.ok) throw new Error(`REST page ${number}: HTTP ${response.status}`);
    return (await response.json()) as { data: unknown[]; meta: { pagination: { pageCount: number } } };
  };
  const first = await page(1);
  const others = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, index) => index + 2);
  const rest = await mapWithConcurrency(others, CONCURRENCY, page);
  return [first, ...rest].reduce((sum, { data }) => sum + data.length, 0);
};

async function withCms<T>(template: CmsTemplate, env: Record<string, string>, run: (cms: CmsProcess) => Promise<T>): Promise<T> {
  // The database path is what is measured: with the response cache, every round after the first is a cache hit.
  const cms = await startCmsProcess(template, 'sqlite', { RESPONSE_CACHE: 'off', ...env });
  try {
    return await run(cms);
  } finally {
    await cms.stop();
  }
}

async function main() {
  const { template, cleanup } = await prepareCmsTemplate('sqlite');
  try {
    const seedStarted = Date.now();
    execFileSync(path.join(cmsDir, 'node_modules', '.bin', 'tsx'), ['scripts/seed-bulk.ts', '--articles', String(ARTICLES)], {
      cwd: cmsDir,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: template.name, PUBLIC_DIR: template.publicDir },
    });
    const seedMs = Date.now() - seedStarted;
    const loadBefore = Number(os.loadavg()[0].toFixed(2));

    const { graphql, rest } = await withCms(template, { GRAPHQL_BATCH_RELATIONS: 'true' }, async (cms) => ({
      graphql: await measure('GraphQL fetchAllArticles (batched relations)', ROUNDS, graphqlArticles(cms)),
      rest: await measure('REST populate', ROUNDS, restArticles(cms)),
    }));
    if (graphql.articles !== rest.articles) throw new Error(`GraphQL read ${graphql.articles} articles, REST ${rest.articles}`);
    // One run: at ~30 s it is only there to show what the batching saves.
    const stock = STOCK
      ? await withCms(template, { GRAPHQL_BATCH_RELATIONS: 'false' }, async (cms) =>
          measure('GraphQL fetchAllArticles (Strapi per-parent relations)', 1, graphqlArticles(cms), false),
        )
      : undefined;

    const result = {
      measuredAt: new Date().toISOString(),
      command: 'pnpm --filter @portal/cms-client bench',
      machine: `${os.cpus().length} cores, Node ${process.version}, SQLite`,
      /** The 1-minute load average before the runs and after each kind: above the core count, others' work slowed them. */
      loadAverage: { before: loadBefore, graphql: graphql.loadAverage, rest: rest.loadAverage, ...(stock ? { stock: stock.loadAverage } : {}) },
      syntheticArticles: ARTICLES,
      articles: graphql.articles,
      bulkSeedMs: seedMs,
      fetchAllArticlesMs: graphql.medianMs,
      fetchAllArticlesRunsMs: graphql.runsMs,
      targetMs: 6000,
      restPopulateMs: rest.medianMs,
      restPopulateRunsMs: rest.runsMs,
      /** fetchAllArticles time over REST populate time: 1 means as fast as REST. */
      ratioToRest: Number((graphql.medianMs / rest.medianMs).toFixed(2)),
      ...(stock ? { stockFetchAllArticlesMs: stock.medianMs, speedupOverStock: Number((stock.medianMs / graphql.medianMs).toFixed(1)) } : {}),
      /** From the publisher's bench (see the top of this file); absent when it has not run on this machine. */
      siteFullBuild: (await lastFullBuild()) ?? null,
    };
    await mkdir(path.dirname(resultFile), { recursive: true });
    await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
