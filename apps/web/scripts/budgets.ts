/**
 * `pnpm --filter web bench`: measures the built site against its budgets and writes the figures to
 * bench-results/web-budgets.json at the repository root. Budgets (article page): HTML + CSS ≤ 14 KB
 * gzip; JavaScript ≤ 2 KB (the contrast toggle/print script and the counters).
 * Run it after a build: `pnpm start` (the publisher's live release) or `pnpm --filter web build`.
 */
import '@portal/env/load';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { repoPath } from '@portal/env';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The build to measure: WEB_DIST, else the publisher's live release (`pnpm start`), else apps/web/dist
 * (relative paths against the repository root).
 */
const liveRelease = path.join(repoPath(process.env.RELEASES_DIR || 'apps/publisher/data/releases'), 'current');
const dist = process.env.WEB_DIST
  ? repoPath(process.env.WEB_DIST)
  : existsSync(path.join(liveRelease, 'index.html'))
    ? liveRelease
    : path.resolve(webDir, 'dist');
const resultFile = path.resolve(webDir, '..', '..', 'bench-results', 'web-budgets.json');
const BUDGET = { htmlCssGzip: 14 * 1024, js: 2 * 1024 };

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

async function pageWeight(html: string) {
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  let cssText = '';
  for (const href of css) cssText += await readFile(path.join(dist, href), 'utf8');
  const inlineJs = [...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('');
  const externalJs = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  let js = Buffer.byteLength(inlineJs);
  for (const src of externalJs) js += (await readFile(path.join(dist, src))).length;
  return { htmlCssGzip: gz(html + cssText), htmlGzip: gz(html), cssGzip: gz(cssText), js, jsGzip: gz(inlineJs) };
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

async function main() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`No build in ${dist}: run \`pnpm start\` (or \`pnpm --filter web build\` against a running CMS) first`);
  }
  const slugs = await readdir(path.join(dist, 'bai-viet'));
  const weights = [];
  for (const slug of slugs) weights.push(await pageWeight(await readFile(path.join(dist, 'bai-viet', slug, 'index.html'), 'utf8')));
  const result = {
    measuredAt: new Date().toISOString(),
    command: 'pnpm --filter web bench',
    build: dist,
    articlePages: slugs.length,
    budgets: BUDGET,
    htmlCssGzipBytes: summary(weights.map((w) => w.htmlCssGzip)),
    htmlGzipBytes: summary(weights.map((w) => w.htmlGzip)),
    cssGzipBytes: summary(weights.map((w) => w.cssGzip)),
    jsBytes: summary(weights.map((w) => w.js)),
    withinBudget: weights.every((w) => w.htmlCssGzip <= BUDGET.htmlCssGzip && w.js <= BUDGET.js),
  };
  await mkdir(path.dirname(resultFile), { recursive: true });
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  if (!result.withinBudget) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
