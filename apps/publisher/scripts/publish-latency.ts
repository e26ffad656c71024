/**
 * `pnpm --filter publisher bench`: publish-to-live latency with a large CMS. Seeds the demo content plus
 * BENCH_ARTICLES synthetic articles (default 10,000) into a temporary SQLite CMS, starts the real publisher,
 * then edits BENCH_ROUNDS published articles (the newest: what editors correct most) through the CMS API one
 * after another and times each from the moment the CMS answered (the webhook is on its way) until the site
 * serves the new title. Each round starts when the previous one is fully done, search index included.
 * Before those, BENCH_PREVIEW_ROUNDS (default 10) rounds of the editors' preview: a draft saved in the
 * dashboard, the preview reopened, timed until it shows the change (scripts/preview-rounds.ts).
 * Figures go to bench-results/publish-latency.json at the repository root.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareCmsTemplate, startCmsProcess } from 'cms/testing/setup';
import { escapeHtml } from 'web/site';
import type { Status } from '../src/status';
import { APP_DIR, freePort, publisherDirs, SECRET, startPublisher } from '../tests/helpers/publisher';
import { previewRound, type PreviewRound } from './preview-rounds';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PREVIEW_ROUNDS = Number(process.env.BENCH_PREVIEW_ROUNDS ?? 10);
// One page of articles to edit: the public API serves at most 100 a page.
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 100)
  throw new Error(`BENCH_ROUNDS must be a whole number from 1 to 100 (got ${process.env.BENCH_ROUNDS})`);
if (!Number.isInteger(PREVIEW_ROUNDS) || PREVIEW_ROUNDS < 0 || ROUNDS + PREVIEW_ROUNDS > 100)
  throw new Error(`BENCH_PREVIEW_ROUNDS must be a whole number from 0 to ${100 - ROUNDS} (got ${process.env.BENCH_PREVIEW_ROUNDS})`);
const PREVIEW_SECRET = 'preview-secret-of-the-bench-0123456789abcdef';
const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const resultFile = path.resolve(APP_DIR, '..', '..', 'bench-results', 'publish-latency.json');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const { template, cleanup } = await prepareCmsTemplate('sqlite');
  const cmsDir = path.resolve(APP_DIR, '..', 'cms');
  const seedStarted = Date.now();
  execFileSync(path.join(cmsDir, 'node_modules', '.bin', 'tsx'), ['scripts/seed-bulk.ts', '--articles', String(ARTICLES)], {
    cwd: cmsDir,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: template.name, PUBLIC_DIR: template.publicDir },
  });
  const seedMs = Date.now() - seedStarted;
  const controlPort = await freePort();
  const cms = await startCmsProcess(template, 'sqlite', {
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    PREVIEW_SECRET,
    ADMIN_EMAIL: EDITOR.email,
    ADMIN_PASSWORD: EDITOR.password,
  });
  const publisher = await startPublisher(cms.url, await publisherDirs(), { PREVIEW_SECRET }, controlPort);
  try {
    const first = await publisher.waitFor((s) => s.lastBuild !== null, 30 * 60_000);
    if (first.lastBuild?.result !== 'success') throw new Error(`The first build failed: ${first.lastBuild?.error}`);
    const newest = (await (await fetch(`${cms.url}/api/articles?pagination[pageSize]=${ROUNDS + PREVIEW_ROUNDS}&sort=publishedAt:desc`)).json()) as {
      data: Array<{ documentId: string; slug: string; title: string }>;
    };
    const articles = { data: newest.data.slice(0, ROUNDS) };
    const latencies: number[] = [];
    const builds: Build[] = [];
    const previews: PreviewRound[] = [];
    const settled = () => publisher.waitFor((s) => !s.running && !s.queue.waiting && s.search.upToDate && !s.search.refreshing, 10 * 60_000);

    const jwt = await login(cms.url);
    for (const [round, article] of newest.data.slice(ROUNDS).entries()) {
      await settled();
      previews.push(await previewRound(cms.url, jwt, article, round));
      const last = previews[previews.length - 1];
      console.log(
        `preview ${round + 1}: shown ${last.totalMs} ms after the save (link ${last.linkMs} ms, page ${last.pageMs} ms; the save took ${last.saveMs} ms)`,
      );
      await writeResult(first, seedMs, latencies, builds, previews);
    }

    for (const [round, article] of articles.data.entries()) {
      await settled();
      const title = `${article.title.slice(0, 200)} (cập nhật ${round + 1})`;
      const response = await fetch(`${cms.url}/api/articles/${article.documentId}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { title } }),
      });
      if (!response.ok) throw new Error(`Updating ${article.documentId} failed: HTTP ${response.status}`);
      const started = Date.now();
      const escaped = escapeHtml(title);
      for (;;) {
        const page = await fetch(`${publisher.siteUrl}/bai-viet/${article.slug}/`);
        if (page.ok && (await page.text()).includes(escaped)) break;
        if (Date.now() - started > 10 * 60_000) throw new Error('The change never went live');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      latencies.push(Date.now() - started);
      const done = await settled();
      const last = done.lastBuild!;
      const steps = last.logTail.find((line) => line.startsWith('published as'))?.replace(/^.*\((.*)\)$/, '$1');
      builds.push({
        kind: last.kind,
        durationMs: last.durationMs,
        pagesRendered: last.pagesRendered,
        pages: last.pages,
        steps,
        searchRefreshMs: done.search.lastRefresh?.durationMs,
      });
      console.log(
        `round ${round + 1}: live after ${latencies[latencies.length - 1]} ms (${last.kind} build: ${last.pagesRendered} of ${last.pages} pages rendered in ${last.durationMs} ms: ${steps}; search index ${done.search.lastRefresh?.durationMs} ms later)`,
      );
      await writeResult(first, seedMs, latencies, builds, previews);
    }
  } finally {
    await publisher.stop('SIGTERM');
    await cms.stop();
    await cleanup();
  }
}

async function login(cmsUrl: string): Promise<string> {
  const response = await fetch(`${cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(EDITOR),
  });
  if (!response.ok) throw new Error(`Dashboard login failed: HTTP ${response.status}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}

type Build = { kind: string; durationMs?: number; pagesRendered: number; pages?: number; steps?: string; searchRefreshMs?: number };

/** Writes the figures so far (after every round: a long run stopped early still leaves its numbers). */
async function writeResult(first: Status, seedMs: number, latencies: number[], builds: Build[], previews: PreviewRound[]) {
  const shown = previews.map((round) => round.totalMs);
  const result = {
    measuredAt: new Date().toISOString(),
    command: 'pnpm --filter publisher bench',
    machine: '2 cores',
    syntheticArticles: ARTICLES,
    bulkSeedMs: seedMs,
    firstFullBuild: { durationMs: first.lastBuild!.durationMs, pages: first.lastBuild!.pages },
    searchRefreshMs: builds.map((build) => build.searchRefreshMs),
    publishToLiveMs: { rounds: latencies, p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    target: { p50: 5000, p95: 10000 },
    builds,
    previewAfterSaveMs: shown.length ? { rounds: shown, p50: percentile(shown, 50), p95: percentile(shown, 95), target: 2000 } : null,
    previews,
  };
  await mkdir(path.dirname(resultFile), { recursive: true });
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    JSON.stringify({
      publishToLiveMs: result.publishToLiveMs,
      previewAfterSaveMs: result.previewAfterSaveMs && { p50: result.previewAfterSaveMs.p50, p95: result.previewAfterSaveMs.p95 },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
