/**
 * `pnpm --filter web bench` (second part): how long the search index of N articles (BENCH_ARTICLES,
 * default 10,000) takes to write whole, and to update after one article changed (the refresh that makes
 * search follow the pages after an edit: a recent index, see search-update.ts). Articles are made from the
 * demo texts (each one different), turned into search records as a build does, and indexed into temporary
 * folders. Also the CPU time the whole index takes, per article (this process's: the index is built in the
 * process that writes it), what a full build of the site must find besides rendering. Figures go to bench-results/search-index.json.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleRecord } from '../src/integrations/search';
import { StoredRecord } from '../src/integrations/search-record';
import { writeSearchUpdate } from '../src/integrations/search-update';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);

type Demo = { title: string; lead: string; paragraphs: string[] };

async function demoTexts(): Promise<Demo[]> {
  const dir = path.join(root, 'apps', 'cms', 'scripts', 'seed', 'data');
  const files = ['articles-1.json', 'articles-2.json'];
  return (await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Demo[]))).flat();
}

/** The article part of a page as the site renders it (what articleRecord reads). */
function articleHtml(demo: Demo, n: number, extra = ''): string {
  const paragraphs = demo.paragraphs.map((text, i) => `<p>${text} (${n}-${i})</p>`).join('');
  return `<main><article><h1>${demo.title} số ${n}</h1><p><time datetime="2026-01-01T00:00:00Z">01/01/2026</time></p><p class="lead">${demo.lead}</p>${paragraphs}${extra}</article></main>`;
}

async function main() {
  const demos = await demoTexts();
  const started = performance.now();
  const records = new Map<string, StoredRecord>();
  let characters = 0;
  for (let n = 0; n < ARTICLES; n++) {
    const slug = `bai-${String(n).padStart(6, '0')}`;
    const record = articleRecord(articleHtml(demos[n % demos.length], n), `/bai-viet/${slug}/`);
    if (!record) continue;
    records.set(slug, StoredRecord.of(record));
    characters += record.content.length;
  }
  const averageRecordCharacters = Math.round(characters / records.size);
  const recordsMs = performance.now() - started;
  const out = await mkdtemp(path.join(tmpdir(), 'search-bench-'));
  try {
    const indexStarted = performance.now();
    const cpuBefore = process.cpuUsage();
    const full = (await writeSearchUpdate(records, path.join(out, 'full'), null))!;
    const indexMs = performance.now() - indexStarted;
    const cpu = process.cpuUsage(cpuBefore);
    const indexCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const slug = 'bai-000005';
    records.set(
      slug,
      StoredRecord.of(articleRecord(articleHtml(demos[5 % demos.length], 5, '<p>Bài đã sửa: thêm một đoạn mới.</p>'), `/bai-viet/${slug}/`)!),
    );
    const updateStarted = performance.now();
    const update = (await writeSearchUpdate(records, path.join(out, 'update'), full.state))!;
    const updateMs = performance.now() - updateStarted;
    const result = {
      articles: ARTICLES,
      indexed: full.state.base.size,
      recordsSeconds: +(recordsMs / 1000).toFixed(1),
      indexSeconds: +(indexMs / 1000).toFixed(1),
      indexFiles: full.written.length,
      indexCpuSeconds: +indexCpuSeconds.toFixed(1),
      indexCpuMsPerArticle: +((indexCpuSeconds * 1000) / full.state.base.size).toFixed(2),
      averageRecordCharacters,
      oneChangeSeconds: +(updateMs / 1000).toFixed(2),
      oneChangeFiles: update.written.length,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      measuredAt: new Date().toISOString(),
    };
    await mkdir(path.join(root, 'bench-results'), { recursive: true });
    await writeFile(path.join(root, 'bench-results', 'search-index.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `Search index of ${result.indexed} articles: records ${result.recordsSeconds} s, whole index ${result.indexSeconds} s (${result.indexFiles} files, ` +
        `${result.indexCpuMsPerArticle} ms of CPU per article), ` +
        `after one change ${result.oneChangeSeconds} s (${result.oneChangeFiles} files) → bench-results/search-index.json`,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
