/**
 * `pnpm --filter publisher bench`: the publisher at scale. For each size of BENCH_ARTICLES (a comma list,
 * default "10000,100000"), seeds the demo content plus that many synthetic articles into a temporary
 * SQLite CMS, starts the real publisher and measures:
 *
 * - the cold full build (fetch, render, search index), the CPU time the publisher and the CMS spent on it,
 *   and the publisher's peak memory (VmHWM);
 * - BENCH_PREVIEW_ROUNDS (default 10) rounds of the editors' preview: a draft saved in the dashboard, the
 *   preview reopened, timed until it shows the change (scripts/preview-rounds.ts);
 * - BENCH_ROUNDS (default 10) edits of published articles (the newest: what editors correct most) through
 *   the CMS API, each timed from the CMS's answer (the webhook is on its way) until the site serves the new
 *   title, then until the search index has it;
 * - BENCH_NEW_ROUNDS (default 5) new articles, each timed until its page, the home page and its category
 *   all show it;
 * - the releases folder on disk after each round (`du`: hard links counted once) and the files each
 *   release holds of its own.
 *
 * Each round starts when the previous one is fully done, search index included. Figures go to
 * bench-results/publish-latency-<size>.json at the repository root, each beside the figure of the previous
 * run of the same size (when its file is there) and beside the figures measured before layered releases
 * and change-driven planning, as ratios.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareCmsTemplate, startCmsProcess } from 'cms/testing/setup';
import { escapeHtml } from 'web/site';
import { filesUnder } from '../src/file-tree';
import type { Status } from '../src/status';
import { APP_DIR, freePort, publisherDirs, SECRET, startPublisher } from '../tests/helpers/publisher';
import { previewRound, type PreviewRound } from './preview-rounds';

const SIZES = (process.env.BENCH_ARTICLES ?? '10000,100000').split(',').map((size) => Number(size.trim()));
if (SIZES.some((size) => !Number.isInteger(size) || size < 0 || size > 500_000))
  throw new Error(`BENCH_ARTICLES must be whole numbers from 0 to 500000, separated by commas (got ${process.env.BENCH_ARTICLES})`);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PREVIEW_ROUNDS = Number(process.env.BENCH_PREVIEW_ROUNDS ?? 10);
const NEW_ROUNDS = Number(process.env.BENCH_NEW_ROUNDS ?? 5);
if (!Number.isInteger(NEW_ROUNDS) || NEW_ROUNDS < 0 || NEW_ROUNDS > 50)
  throw new Error(`BENCH_NEW_ROUNDS must be a whole number from 0 to 50 (got ${process.env.BENCH_NEW_ROUNDS})`);
// One page of articles to edit: the public API serves at most 100 a page.
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 100)
  throw new Error(`BENCH_ROUNDS must be a whole number from 1 to 100 (got ${process.env.BENCH_ROUNDS})`);
if (!Number.isInteger(PREVIEW_ROUNDS) || PREVIEW_ROUNDS < 0 || ROUNDS + PREVIEW_ROUNDS > 100)
  throw new Error(`BENCH_PREVIEW_ROUNDS must be a whole number from 0 to ${100 - ROUNDS} (got ${process.env.BENCH_PREVIEW_ROUNDS})`);
const PREVIEW_SECRET = 'preview-secret-of-the-bench-0123456789abcdef';
const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const resultFile = (articles: number) => path.resolve(APP_DIR, '..', '..', 'bench-results', `publish-latency-${articles}.json`);

/**
 * The figures measured before releases were layered and planning followed the change (main at 31ecea5,
 * `BENCH_ROUNDS=10` at 10,064 articles on this 2-core machine); nothing was measured at 100,000 then.
 */
const BEFORE: Record<number, Figures> = {
  10_000: { editLiveP50Ms: 2100, editLiveP95Ms: 3100, firstFullBuildMs: 93_000, searchBehindP50Ms: 27_000 },
};

/** The figures compared from run to run (milliseconds, bytes). */
type Figures = Partial<
  Record<
    | 'editLiveP50Ms'
    | 'editLiveP95Ms'
    | 'newLiveP50Ms'
    | 'newLiveP95Ms'
    | 'firstFullBuildMs'
    | 'searchBehindP50Ms'
    | 'searchBehindP95Ms'
    | 'peakMemoryBytes'
    | 'diskGrowthPerReleaseBytes'
    | 'ownFilesPerReleaseP50',
    number
  >
>;

/** The targets at 10,000 and at 100,000 articles (sizes in between use the nearer one). */
const TARGETS: Record<number, Figures> = {
  10_000: {
    editLiveP50Ms: 1000,
    editLiveP95Ms: 2000,
    newLiveP50Ms: 1500,
    firstFullBuildMs: 30_000,
    searchBehindP95Ms: 5000,
    peakMemoryBytes: 1024 ** 3,
  },
  100_000: {
    editLiveP50Ms: 2000,
    editLiveP95Ms: 4000,
    newLiveP50Ms: 3000,
    firstFullBuildMs: 300_000,
    searchBehindP95Ms: 30_000,
    peakMemoryBytes: 3 * 1024 ** 3,
  },
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  for (const size of SIZES) await measure(size);
}

/** Peak resident memory of a process so far (VmHWM), in bytes. */
async function peakMemory(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** CPU seconds a process has used so far (user and system, its own threads; /proc/<pid>/stat). */
async function cpuSeconds(pid: number | string): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * The releases folder's size on disk, hard links counted once; releases being deleted in the background
 * (`.trash-*`) left out (du would trip over their vanishing files).
 */
function diskBytes(dir: string): number {
  const result = spawnSync('du', ['-sb', '--exclude=.trash-*', dir], { encoding: 'utf8' });
  const bytes = Number(result.stdout.split('\t')[0]);
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`du ${dir} failed: ${result.stderr}`);
  return bytes;
}

/** Files the live release holds of its own (its layers), its base left out. */
async function ownFiles(releasesDir: string): Promise<number> {
  const live = path.join(releasesDir, await readlink(path.join(releasesDir, 'current')));
  return (await filesUnder(live, (name) => name === 'base' || name === 'tree')).length;
}

async function measure(ARTICLES: number) {
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
  const dirs = await publisherDirs();
  const publisher = await startPublisher(cms.url, dirs, { PREVIEW_SECRET }, controlPort);
  const pid = publisher.child.pid!;
  const cmsCpuBefore = await cpuSeconds(cms.pid);
  try {
    const first = await publisher.waitFor((s) => s.lastBuild !== null && !s.search.refreshing, 60 * 60_000);
    const publisherCpuSeconds = await cpuSeconds(pid);
    const cmsCpu = await cpuSeconds(cms.pid);
    const cmsCpuSeconds = cmsCpu === null || cmsCpuBefore === null ? null : +(cmsCpu - cmsCpuBefore).toFixed(1);
    if (first.lastBuild?.result !== 'success') throw new Error(`The first build failed: ${first.lastBuild?.error}`);
    const disk: number[] = [diskBytes(publisher.releasesDir)];
    const own: number[] = [];
    console.log(`${ARTICLES} articles: first full build ${first.lastBuild.durationMs} ms, ${first.lastBuild.pages} pages; ${disk[0]} bytes on disk`);
    const newest = (await (
      await fetch(`${cms.url}/api/articles?pagination[pageSize]=${ROUNDS + PREVIEW_ROUNDS}&sort=publishedAt:desc&populate[category][fields][0]=slug`)
    ).json()) as {
      data: Array<{ documentId: string; slug: string; title: string; category: { documentId: string; slug: string } | null }>;
    };
    const articles = { data: newest.data.slice(0, ROUNDS) };
    const latencies: number[] = [];
    const searchBehind: number[] = [];
    const newLive: number[] = [];
    const builds: Build[] = [];
    const previews: PreviewRound[] = [];
    const run: Run = {
      articles: ARTICLES,
      first,
      seedMs,
      latencies,
      searchBehind,
      newLive,
      builds,
      previews,
      disk,
      own,
      peak: 0,
      firstBuildCpuSeconds: { publisher: publisherCpuSeconds, cms: cmsCpuSeconds },
    };
    const save = async () => {
      run.peak = await peakMemory(pid);
      await writeResult(run);
    };
    await save();
    const settled = () => publisher.waitFor((s) => !s.running && !s.queue.waiting && s.search.upToDate && !s.search.refreshing, 10 * 60_000);

    const jwt = await login(cms.url);
    for (const [round, article] of newest.data.slice(ROUNDS).entries()) {
      await settled();
      previews.push(await previewRound(cms.url, jwt, article, round));
      const last = previews[previews.length - 1];
      console.log(
        `preview ${round + 1}: shown ${last.totalMs} ms after the save (link ${last.linkMs} ms, page ${last.pageMs} ms; the save took ${last.saveMs} ms)`,
      );
      await save();
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
      const live = Date.now();
      latencies.push(live - started);
      const done = await settled();
      searchBehind.push(Date.now() - live);
      disk.push(diskBytes(publisher.releasesDir));
      own.push(await ownFiles(publisher.releasesDir));
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
        `round ${round + 1}: live after ${latencies[latencies.length - 1]} ms (${last.kind} build: ${last.pagesRendered} of ${last.pages} pages rendered in ${last.durationMs} ms: ${steps}); search index ${searchBehind[searchBehind.length - 1]} ms after the page`,
      );
      await save();
    }

    for (let round = 0; round < NEW_ROUNDS; round++) {
      await settled();
      const category = newest.data[0].category;
      const title = `Bài viết mới số ${round + 1} của lượt đo ${ARTICLES} bài`;
      const response = await fetch(`${cms.url}/api/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          data: { title, lead: 'Bài viết được tạo để đo thời gian đăng.', ...(category ? { category: category.documentId } : {}) },
        }),
      });
      if (!response.ok) throw new Error(`Creating an article failed: HTTP ${response.status}`);
      const started = Date.now();
      const { slug } = ((await response.json()) as { data: { slug: string } }).data;
      const link = `/bai-viet/${slug}/`;
      const places = [link, '/', ...(category ? [`/chuyen-muc/${category.slug}/`] : [])];
      for (;;) {
        const pages = await Promise.all(places.map(async (place) => (await fetch(`${publisher.siteUrl}${place}`)).text()));
        if (pages[0].includes(escapeHtml(title)) && pages.slice(1).every((html) => html.includes(link))) break;
        if (Date.now() - started > 10 * 60_000) throw new Error('The new article never went live');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      newLive.push(Date.now() - started);
      const done = await settled();
      disk.push(diskBytes(publisher.releasesDir));
      own.push(await ownFiles(publisher.releasesDir));
      console.log(
        `new article ${round + 1}: on its page, the home page and its category after ${newLive[newLive.length - 1]} ms (${done.lastBuild?.pagesRendered} pages rendered)`,
      );
      await save();
    }
  } finally {
    await publisher.stop('SIGTERM');
    await cms.stop();
    await cleanup();
    // The releases and the media cache: hundreds of megabytes per size.
    await rm(path.dirname(dirs.releasesDir), { recursive: true, force: true });
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

type Run = {
  articles: number;
  first: Status;
  seedMs: number;
  latencies: number[];
  searchBehind: number[];
  newLive: number[];
  builds: Build[];
  previews: PreviewRound[];
  /** The releases folder on disk, after the first build and after each round. */
  disk: number[];
  /** Files of the live release's own layers after each round. */
  own: number[];
  peak: number;
  /**
   * CPU seconds used until the first build ended: the publisher's process (from its start: the renderer's
   * loading, the fetch, the render, the search index) and the CMS's from the publisher's start (its answers
   * to the build's queries). Beside the build's duration, they show how much of the machine's two cores the
   * build kept busy, and what each part costs.
   */
  firstBuildCpuSeconds: { publisher: number | null; cms: number | null };
};

const stats = (values: number[]) => (values.length ? { rounds: values, p50: percentile(values, 50), p95: percentile(values, 95) } : null);

/** Each figure beside the previous run's and the figure before layered releases, with the ratios now / then. */
function compared(now: Figures, previous: Figures | undefined, before: Figures | undefined) {
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Number((a / b).toFixed(2)) : null);
  return Object.fromEntries(
    Object.entries(now).map(([name, value]) => {
      const key = name as keyof Figures;
      return [
        name,
        {
          now: value,
          previousRun: previous?.[key] ?? null,
          ratioToPreviousRun: ratio(value, previous?.[key]),
          beforeLayeredReleases: before?.[key] ?? null,
          ratioToBefore: ratio(value, before?.[key]),
        },
      ];
    }),
  );
}

/** Writes the figures so far (after every round: a long run stopped early still leaves its numbers). */
async function writeResult(run: Run) {
  const file = resultFile(run.articles);
  const earlier = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as { figures?: Figures; previousFigures?: Figures; measuredAt?: string; startedAt?: string })
    : null;
  // The previous run is the file's own figures, unless this run wrote it already (then it kept them).
  const previous = earlier?.startedAt === started ? earlier.previousFigures : earlier?.figures;
  const shown = run.previews.map((round) => round.totalMs);
  const growth = run.disk.slice(1).map((bytes, i) => bytes - run.disk[i]);
  const edit = stats(run.latencies);
  const added = stats(run.newLive);
  const behind = stats(run.searchBehind);
  const figures: Figures = {
    editLiveP50Ms: edit?.p50,
    editLiveP95Ms: edit?.p95,
    newLiveP50Ms: added?.p50,
    newLiveP95Ms: added?.p95,
    firstFullBuildMs: run.first.lastBuild!.durationMs,
    searchBehindP50Ms: behind?.p50,
    searchBehindP95Ms: behind?.p95,
    peakMemoryBytes: run.peak,
    diskGrowthPerReleaseBytes: growth.length ? percentile(growth, 50) : undefined,
    ownFilesPerReleaseP50: run.own.length ? percentile(run.own, 50) : undefined,
  };
  const size = run.articles >= 55_000 ? 100_000 : 10_000;
  const result = {
    measuredAt: new Date().toISOString(),
    startedAt: started,
    command: `BENCH_ARTICLES=${run.articles} pnpm --filter publisher bench`,
    machine: '2 cores',
    syntheticArticles: run.articles,
    bulkSeedMs: run.seedMs,
    firstFullBuild: {
      durationMs: run.first.lastBuild!.durationMs,
      pages: run.first.lastBuild!.pages,
      steps: run.first.lastBuild!.logTail.find((line) => line.startsWith('published as'))?.replace(/^.*\((.*)\)$/, '$1'),
      cpuSeconds: run.firstBuildCpuSeconds,
    },
    figures,
    previousFigures: previous ?? null,
    comparison: compared(figures, previous, BEFORE[size]),
    targets: TARGETS[size],
    publishToLiveMs: edit,
    newArticleLiveMs: added,
    searchBehindPageMs: behind,
    releasesOnDiskBytes: run.disk,
    releaseOwnFiles: run.own,
    builds: run.builds,
    previewAfterSaveMs: shown.length ? { ...stats(shown), target: 2000 } : null,
    previews: run.previews,
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ articles: run.articles, figures }));
}

/** When this run started: a file this run wrote keeps the previous run's figures. */
const started = new Date().toISOString();

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
