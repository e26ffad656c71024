import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiToken, bootSeededCms, type Cms } from 'cms/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * examples/agency-sync run as an agency runs it: a separate Node process with CMS_URL and a read-only
 * CMS_TOKEN, against a real seeded CMS. What it must print is read from the CMS's own data here.
 */

const EXAMPLE = fileURLToPath(new URL('../../../examples/agency-sync/', import.meta.url));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the example to its end without blocking this process, which serves the CMS it talks to. */
function runExample(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync.ts', ...args], {
      cwd: EXAMPLE,
      env: { ...process.env, CMS_URL: '', CMS_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Published = { documentId: string; title: string; publishedAt: string; category: { documentId: string; slug: string } | null };

let cms: Cms;
let token: string;
let folder: string;

beforeAll(async () => {
  cms = await bootSeededCms();
  token = await apiToken(cms, 'read-only');
  folder = await mkdtemp(path.join(tmpdir(), 'agency-sync-'));
});

afterAll(async () => {
  await cms?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The published articles of `slug` and the categories under it since `since`, oldest first, from Strapi itself. */
async function expectedArticles(slug: string, since: string): Promise<Published[]> {
  const categories = (await cms.strapi.documents('api::category.category').findMany({
    status: 'published',
    fields: ['slug'],
    populate: { parent: { fields: ['slug'] } },
  } as never)) as unknown as Array<{ documentId: string; slug: string; parent: { documentId: string } | null }>;
  const tree = new Set(categories.filter((category) => category.slug === slug).map((category) => category.documentId));
  for (let size = 0; size !== tree.size;) {
    size = tree.size;
    for (const category of categories) if (category.parent && tree.has(category.parent.documentId)) tree.add(category.documentId);
  }
  const articles = (await cms.strapi.documents('api::article.article').findMany({
    status: 'published',
    fields: ['title', 'publishedAt'],
    populate: { category: { fields: ['slug'] } },
    filters: { publishedAt: { $gte: since } },
    sort: ['publishedAt:asc', 'documentId:asc'],
    limit: 10_000,
  } as never)) as unknown as Published[];
  return articles.filter((article) => article.category && tree.has(article.category.documentId));
}

describe('examples/agency-sync', () => {
  it('prints and writes every article of the category and its sub-categories since the date, oldest first', async () => {
    const since = '2025-06-01';
    const expected = await expectedArticles('tin-tuc', new Date(since).toISOString());
    expect(expected.length).toBeGreaterThan(5);
    const out = path.join(folder, 'tin-tuc.json');
    const run = await runExample(['--category', 'tin-tuc', '--since', since, '--out', out], { CMS_URL: cms.url, CMS_TOKEN: token });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${expected.length} articles in tin-tuc and its sub-categories since 2025-06-01T00:00:00.000Z`);
    const printed = lines.slice(1, -1).map((line) => line.split('\t'));
    expect(printed.map(([, , title]) => title)).toEqual(expected.map((article) => article.title));
    expect(printed.map(([publishedAt]) => publishedAt)).toEqual(expected.map((article) => article.publishedAt));
    expect(printed.map(([, category]) => category)).toEqual(expected.map((article) => article.category!.slug));
    expect(lines.at(-1)).toBe(`Wrote ${out}`);

    const written = JSON.parse(await readFile(out, 'utf8')) as Array<{ documentId: string; title: string; cover: string | null }>;
    expect(written.map((article) => article.documentId)).toEqual(expected.map((article) => article.documentId));
    expect(written.every((article) => article.cover?.startsWith(`${cms.url}/uploads/`))).toBe(true);
  });

  it('exits 1 with the CMS’s reason for an unknown category, and 2 for a wrong command line', async () => {
    const unknown = await runExample(['--category', 'khong-co', '--since', '2025-01-01'], { CMS_URL: cms.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no published category has the slug "khong-co"');
    const missing = await runExample(['--category', 'tin-tuc'], { CMS_URL: cms.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: tsx sync.ts --category <slug> --since <date>');
    const badDate = await runExample(['--category', 'tin-tuc', '--since', '2025-13-45'], { CMS_URL: cms.url });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--since must be a Date or an ISO date');
  });
});
