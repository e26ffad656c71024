import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from 'cms/testing/setup';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runSiteBuild } from './helpers/site-build';

type GqlArticle = { slug: string; title: string; category: { slug: string } | null; author: { slug: string } | null };

const site = inject('site');
let articles: GqlArticle[] = [];
let categories: Array<{ slug: string }> = [];
let authors: Array<{ slug: string }> = [];
const draftTitles: string[] = [];

async function gql<T>(query: string): Promise<T> {
  const response = await fetch(`${site.cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: T }).data;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Text of every file of the build, the search index's JSON strings decoded. */
async function allOutputText(): Promise<string> {
  let text = '';
  for await (const file of files(site.dist)) {
    if (/\.(jpg|png|webp)$/.test(file)) continue;
    const buffer = await readFile(file);
    text += buffer.toString('utf8');
    // The search index's files hold JSON strings: their text as a reader's browser reads it.
    if (file.endsWith('.json')) text += `\n${jsonStrings(JSON.parse(buffer.toString('utf8')) as unknown).join('\n')}`;
  }
  return text;
}

/** Every string in a parsed JSON value, keys included. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...jsonStrings(inner)]);
  return [];
}

beforeAll(async () => {
  const data = await gql<{ articles: GqlArticle[]; categories: Array<{ slug: string }>; authors: Array<{ slug: string }> }>(
    `{ articles(pagination: { pageSize: 100 }, sort: "publishedAt:desc") { slug title category { slug } author { slug } }
       categories(pagination: { pageSize: 100 }) { slug } authors(pagination: { pageSize: 100 }) { slug } }`,
  );
  ({ articles, categories, authors } = data);
  const demo = path.resolve(__dirname, '..', '..', 'cms', 'scripts', 'seed', 'data');
  for (const file of (await readdir(demo)).filter((name) => name.startsWith('articles-'))) {
    const entries = JSON.parse(await readFile(path.join(demo, file), 'utf8')) as Array<{ title: string; draft?: boolean }>;
    draftTitles.push(...entries.filter((entry) => entry.draft).map((entry) => entry.title));
  }
});

describe('a build against the seeded CMS', () => {
  it('has a page for every article, category and author', () => {
    expect(articles.length).toBeGreaterThanOrEqual(60);
    for (const article of articles) expect(existsSync(path.join(site.dist, 'bai-viet', article.slug, 'index.html')), article.slug).toBe(true);
    for (const category of categories) expect(existsSync(path.join(site.dist, 'chuyen-muc', category.slug, 'index.html'))).toBe(true);
    for (const author of authors) expect(existsSync(path.join(site.dist, 'tac-gia', author.slug, 'index.html'))).toBe(true);
    for (const page of [
      'index.html',
      '404.html',
      'rss.xml',
      'robots.txt',
      'sitemap.xml',
      'tim-kiem/index.html',
      '_search/engine.js',
      '_search/recent.json',
    ]) {
      expect(existsSync(path.join(site.dist, page)), page).toBe(true);
    }
  });

  it('pages listings: every article of a category appears on exactly one of its pages', async () => {
    const slug = 'tin-tuc';
    const expected = articles.filter(
      (a) => a.category?.slug === slug || ['thoi-su-chinh-tri', 'kinh-te', 'van-hoa-xa-hoi', 'an-ninh-quoc-phong'].includes(a.category?.slug ?? ''),
    );
    const pages = Math.ceil(expected.length / 10);
    expect(pages).toBeGreaterThan(1);
    let found = 0;
    for (let page = 1; page <= pages; page++) {
      const file = path.join(site.dist, 'chuyen-muc', slug, ...(page > 1 ? ['trang', String(page)] : []), 'index.html');
      const html = await readFile(file, 'utf8');
      found += (html.match(/href="\/bai-viet\//g) ?? []).length;
    }
    expect(found).toBe(expected.length);
    expect(existsSync(path.join(site.dist, 'chuyen-muc', slug, 'trang', String(pages + 1)))).toBe(false);
  });

  it('never contains a draft: not in pages, RSS, sitemap or the search index', async () => {
    expect(draftTitles.length).toBeGreaterThanOrEqual(3);
    const text = await allOutputText();
    expect(text).toContain(articles[0].title.replace(/"/g, '&quot;').slice(0, 20));
    for (const title of draftTitles) {
      expect(text.includes(title), title).toBe(false);
      expect(text.includes(title.replace(/"/g, '&quot;')), title).toBe(false);
    }
  });

  it('carries its media: every image the pages use is in the build', async () => {
    const html = await readFile(path.join(site.dist, 'bai-viet', articles[0].slug, 'index.html'), 'utf8');
    const sources = [...html.matchAll(/(?:src|srcset)="([^"]+)"/g)].flatMap((m) => m[1].split(',').map((s) => s.trim().split(' ')[0]));
    const media = sources.filter((s) => s.startsWith('/media/'));
    expect(media.length).toBeGreaterThan(0);
    for (const src of media) expect(existsSync(path.join(site.dist, decodeURIComponent(src))), src).toBe(true);
    // Readers' browsers never fetch media from the CMS (only the "Đăng nhập" link points there).
    expect(html).not.toContain(`${site.cmsUrl}/uploads`);
    expect(html).not.toContain('/uploads/');
  });

  it('runs no inline script and carries no inline style, so the CSP allows neither', async () => {
    let scripts = 0;
    for await (const file of files(site.dist)) {
      if (!file.endsWith('.html')) continue;
      const html = await readFile(file, 'utf8');
      for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        // JSON-LD is a data block: browsers never run it, and CSP does not apply to it.
        if (attributes.includes('type="application/ld+json"')) continue;
        expect({ file, body }).toEqual({ file, body: '' });
        expect(attributes).toMatch(/ src="\/_astro\/[\w-]+\.js"/);
        scripts++;
      }
      expect(html, file).not.toMatch(/<style[\s>]/);
      expect(html, file).not.toMatch(/<[a-z][^>]*\sstyle=/i);
      expect(html, file).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    }
    expect(scripts).toBeGreaterThan(articles.length);
  });

  it('emits no bidi control or line/paragraph separator: not in pages, feeds, sitemap or the search index', async () => {
    for await (const file of files(site.dist)) {
      if (!/\.(html|xml|txt|json)$/.test(file)) continue;
      const text = await readFile(file, 'utf8');
      expect(text.match(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g), file).toBeNull();
    }
  });

  it('has RSS, sitemap and robots pointing at the public site', async () => {
    const rss = await readFile(path.join(site.dist, 'rss.xml'), 'utf8');
    expect(rss).toContain('<language>vi</language>');
    expect(rss).toContain(`http://localhost:4321/bai-viet/${articles[0].slug}/`);
    const sitemap = await readFile(path.join(site.dist, 'sitemap.xml'), 'utf8');
    for (const article of articles) expect(sitemap).toContain(`/bai-viet/${article.slug}/`);
    expect(await readFile(path.join(site.dist, 'robots.txt'), 'utf8')).toContain('Sitemap: http://localhost:4321/sitemap.xml');
  });
});

describe('a build that cannot reach the CMS', () => {
  it('fails with a clear message, a non-zero exit, and leaves the existing build untouched', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'web-fail-'));
    const dist = path.join(work, 'dist');
    await cp(site.dist, dist, { recursive: true });
    const before = execFileSync('sh', ['-c', `cd ${dist} && find . -type f | sort | xargs md5sum | md5sum`]).toString();
    const closedPort = await freePort();
    const cmsUrl = `http://127.0.0.1:${closedPort}`;
    const result = await runSiteBuild({ CMS_URL: cmsUrl, WEB_DIST: dist, WEB_MEDIA_CACHE: site.mediaCache });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`CMS at ${cmsUrl} is unreachable: start it with \`pnpm start\` or set CMS_URL`);
    expect(execFileSync('sh', ['-c', `cd ${dist} && find . -type f | sort | xargs md5sum | md5sum`]).toString()).toBe(before);
  });
});

describe('two builds at once', () => {
  it('each writes its own complete site, even into folders outside the project, and no server chunk', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'web-twice-'));
    const dists = [path.join(work, 'one'), path.join(work, 'two')];
    const results = await Promise.all(dists.map((dist) => runSiteBuild({ CMS_URL: site.cmsUrl, WEB_DIST: dist, WEB_MEDIA_CACHE: site.mediaCache })));
    for (const result of results) expect(result.code, result.output.slice(-2000)).toBe(0);
    const listing = async (dir: string) => {
      const names: string[] = [];
      for await (const file of files(dir)) names.push(path.relative(dir, file));
      return names.sort();
    };
    const expected = await listing(site.dist);
    for (const dist of dists) {
      const names = await listing(dist);
      expect(names.filter((name) => name.endsWith('.mjs'))).toEqual([]);
      expect(names).toEqual(expected);
    }
  });
});
