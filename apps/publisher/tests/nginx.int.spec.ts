import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { previewPath, signPreviewToken } from 'cms/preview-link';
import { createStaticServer } from 'web/site';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { carryForward, startLayeredRelease } from '../src/release-layout';
import { servedFile } from './helpers/compare';
import { CMS_HOST, PREVIEW_SECRET, send, SITE_HOST, startNginxStack, type Answer, type NginxStack } from './helpers/nginx-stack';

/**
 * deploy/nginx in Debian's nginx, in front of a real CMS and the real publisher: the site's files answer
 * as the publisher's own static server answers them (status, body, redirects, headers), compressed and
 * cached as they should be; the CMS host proxies GraphQL, the preview and the publishing status; the view
 * counter answers on the site's origin; the CMS sees each reader's own address, which a client cannot
 * forge; releases switch under load without one failed or mixed answer.
 */
const SECURITY_HEADERS = ['content-security-policy', 'referrer-policy', 'permissions-policy', 'x-content-type-options'];
// Anonymous API reads per address in this file's CMS: 300 an hour, so a bucket refills one read in 12 s
// (what the test counts stays put) and a loop of one client empties it in a second or two. The publisher
// reads with an API token, in no reader's bucket.
const ANON_LIMIT = 300;
const LIMITS = { RATE_LIMIT_WINDOW_MS: '3600000', RATE_LIMIT_ANON_PER_MINUTE: String(ANON_LIMIT) };

let stack: NginxStack;
let staticUrl: URL;
let closeStatic: () => Promise<void>;
let article: { documentId: string; slug: string; title: string };
let asset: { css: string; js: string | undefined };
/** The first shard of the live release's search index (`base-<id>/`). */
let searchShard: string;

const site = (target: string, options: Partial<Parameters<typeof send>[2]> = {}) => send(stack.port, target, { host: SITE_HOST, ...options });
const cmsHost = (target: string, options: Partial<Parameters<typeof send>[2]> = {}) => send(stack.port, target, { host: CMS_HOST, ...options });
const direct = (target: string) => send(Number(staticUrl.port), target, { host: staticUrl.host });

async function firstFile(dir: string, extension: string): Promise<string | undefined> {
  const files = await readdir(path.join(stack.first, 'tree', dir)).catch(() => [] as string[]);
  const file = files.sort().find((name) => name.endsWith(extension));
  return file && `/${dir}/${file}`;
}

beforeAll(async () => {
  stack = await startNginxStack(inject('cmsTemplate'), LIMITS);
  const server = createStaticServer(() => stack.first, { release: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  staticUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  closeStatic = () => new Promise((resolve) => server.close(() => resolve()));
  const newest = await fetch(`${stack.cms.url}/api/articles?sort=publishedAt:desc&pagination[pageSize]=1&fields[0]=title&fields[1]=slug`, {
    headers: { authorization: `Bearer ${stack.cms.token}` },
  });
  [article] = ((await newest.json()) as { data: Array<typeof article> }).data;
  asset = { css: (await firstFile('_astro', '.css'))!, js: await firstFile('_astro', '.js') };
  searchShard = (JSON.parse((await servedFile(stack.first, '_search/recent.json')).toString('utf8')) as { bases: string[] }).bases[0];
});

afterAll(async () => {
  await closeStatic?.();
  await stack?.stop();
});

function expectSecurityHeaders(answer: Answer, from: Answer): void {
  for (const name of SECURITY_HEADERS) expect(answer.headers[name], name).toBe(from.headers[name]);
}

describe("nginx serving the site's live release", () => {
  it('answers every kind of path as the publisher’s static server does: status, body, redirect, headers', async () => {
    const paths = [
      '/',
      `/bai-viet/${article.slug}/`,
      `/bai-viet/${article.slug}`,
      `/bai-viet/${article.slug}/index.html`,
      '/chuyen-muc/kinh-te/',
      '/tim-kiem/',
      '/rss.xml',
      '/sitemap.xml',
      '/robots.txt',
      '/404.html',
      '/index.html',
      '/khong-co-trang-nay/',
      '/khong-co-trang-nay',
      '/khong-co.xml',
      `/bai-viet/${article.slug}/khong-co/`,
      asset.css,
      ...(asset.js ? [asset.js] : []),
      '/_search/recent.json',
      '/_search/engine.js',
      `/_search/${searchShard}index.json`,
      `/_search/${searchShard}w/0.json`,
    ];
    for (const target of paths) {
      const [proxied, own] = await Promise.all([site(target), direct(target)]);
      expect(proxied.status, target).toBe(own.status);
      expect(proxied.headers.location, target).toBe(own.headers.location);
      expectSecurityHeaders(proxied, own);
      // A redirect's body is nginx's own short page; the static server sends none.
      if (own.status === 301) continue;
      expect(proxied.body.equals(own.body), `${target}: the same bytes`).toBe(true);
      expect(proxied.headers['cache-control'], target).toBe(own.headers['cache-control']);
      // Scripts are application/javascript in nginx's mime.types, text/javascript in the static server's: both run.
      if (!/\.m?js$/.test(target)) expect(proxied.headers['content-type'], target).toBe(own.headers['content-type']);
    }
  });

  it('serves pages with 200 and the site’s 404 page with 404, each with the security headers', async () => {
    const home = await site('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Cổng thông tin điện tử tỉnh Bình An');
    const page = await site(`/bai-viet/${article.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(article.title);
    const missing = await site('/bai-viet/khong-co-bai-nay/');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe((await servedFile(stack.first, '404.html')).toString('utf8'));
    expect(missing.headers['cache-control']).toBe('no-store');
    for (const answer of [home, page, missing]) {
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('gives XML files the XML policy and type', async () => {
    for (const target of ['/rss.xml', '/sitemap.xml']) {
      const xml = await site(target);
      expect(xml.status, target).toBe(200);
      expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(xml.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(xml.headers['x-content-type-options']).toBe('nosniff');
      expect(xml.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('compresses text with gzip for clients that accept it, and only for them', async () => {
    const file = await servedFile(stack.first, 'index.html');
    const packed = await site('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(packed.body.equals(file)).toBe(true);
    expect(packed.compressedBytes).toBeLessThan(file.length / 2);
    const css = await site(asset.css, { headers: { 'accept-encoding': 'gzip' } });
    expect(css.headers['content-encoding']).toBe('gzip');
    const xml = await site('/rss.xml', { headers: { 'accept-encoding': 'gzip' } });
    expect(xml.headers['content-encoding']).toBe('gzip');
    const plain = await site('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);
  });

  it('caches hashed assets for a year and makes pages revalidate', async () => {
    expect((await site(asset.css)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await site('/')).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await site(`/bai-viet/${article.slug}/`)).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const first = await site(asset.css);
    const again = await site(asset.css, { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(searchShard).toMatch(/^base-[0-9a-f]{12}\/$/);
    expect((await site(`/_search/${searchShard}index.json`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await site('/_search/recent.json')).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await site('/_search/engine.js')).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  it('follows no symlink inside a release, answers only GET and HEAD, and no other host name', async () => {
    const link = path.join(stack.first, 'top', 'lien-ket.txt');
    await symlink('/etc/passwd', link);
    try {
      const leaked = await site('/lien-ket.txt');
      expect(leaked.status).toBe(404);
      expect(leaked.text).not.toContain('root:');
    } finally {
      await rm(link);
    }
    expect((await site('/', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await site('/', { method: 'HEAD' })).status).toBe(200);
    await expect(send(stack.port, '/', { host: 'khac.example' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});

describe('nginx proxying the CMS, the counter and the publisher', () => {
  it('answers GraphQL, the REST API and media on the CMS host, as the CMS does', async () => {
    const query = await cmsHost('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ articles(filters: { slug: { eq: "${article.slug}" } }) { title } }` }),
    });
    expect(query.status).toBe(200);
    expect(JSON.parse(query.text)).toEqual({ data: { articles: [{ title: article.title }] } });
    const rest = await cmsHost(`/api/articles?filters[slug][$eq]=${article.slug}&fields[0]=title`);
    expect(rest.status).toBe(200);
    expect((JSON.parse(rest.text) as { data: Array<{ title: string }> }).data[0].title).toBe(article.title);
    // Media of the CMS, as the dashboard and agencies read them.
    const covers = await cmsHost('/api/articles?populate[cover][fields][0]=url&fields[0]=slug&pagination[pageSize]=1');
    const cover = (JSON.parse(covers.text) as { data: Array<{ cover: { url: string } | null }> }).data[0].cover!;
    const image = await cmsHost(cover.url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
    // The site's files are not on the CMS host, nor the CMS on the site's.
    expect((await site('/graphql', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await site('/api/articles')).status).toBe(404);
  });

  it('refuses a body over the CMS’s upload limit (20 MB) before it reaches the CMS', async () => {
    const big = await cmsHost('/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x'.repeat(21 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it('passes the view counter on the site’s own origin to the CMS', async () => {
    const counted = await site('/counter', {
      method: 'POST',
      headers: { origin: stack.siteOrigin, 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
      body: JSON.stringify({ article: article.documentId }),
    });
    expect(counted.status).toBe(200);
    expect(JSON.parse(counted.text)).toMatchObject({ counted: true, stats: { online: expect.any(Number) as number } });
    const stats = await site(`/counter/stats?article=${article.documentId}`, { headers: { origin: stack.siteOrigin } });
    expect(stats.status).toBe(200);
    expect(JSON.parse(stats.text)).toMatchObject({ counted: false });
    const foreign = await site('/counter', {
      method: 'POST',
      headers: { origin: 'https://khac.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('proxies the editors’ preview and its files to the publisher on the CMS host', async () => {
    const refused = await cmsHost(`/preview/article/${article.documentId}?token=draft.1.khong-dung`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Liên kết xem trước không hợp lệ');
    expect(refused.headers['content-security-policy']).toContain(`frame-ancestors ${stack.cmsOrigin}`);
    const claim = { kind: 'article', documentId: article.documentId, status: 'published', expires: Math.floor(Date.now() / 1000) + 600 } as const;
    const preview = await cmsHost(`/preview${previewPath(claim, signPreviewToken(PREVIEW_SECRET, claim))}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(article.title);
    expect(preview.text).toContain('Bản xem trước');
    expect((await cmsHost(asset.css)).status).toBe(200);
    // Only reads: a POST to the preview never reaches the publisher.
    expect((await cmsHost(`/preview/article/${article.documentId}`, { method: 'POST', body: '' })).status).toBe(403);
  });

  it('shows the publishing status under /publisher/ and keeps the webhook and rollback internal', async () => {
    const page = await cmsHost('/publisher/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Tình trạng xuất bản');
    // The page's link to its JSON, followed from where nginx serves the page.
    const link = /<a href="([^"]+)">Dữ liệu JSON<\/a>/.exec(page.text)![1];
    const json = await cmsHost(new URL(link, 'http://cms/publisher/').pathname);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toMatchObject({ lastBuild: { result: 'success' } });
    expect((await cmsHost('/publisher')).headers.location).toBe('/publisher/');
    // These paths are the CMS's (which has no such routes), never the publisher's.
    for (const target of ['/hooks/strapi', '/rollback', '/publisher/rollback', '/publisher/hooks/strapi']) {
      const answer = await cmsHost(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect([403, 404, 405], target).toContain(answer.status);
    }
  });
});

describe('the readers’ addresses through nginx', () => {
  const read = (localAddress: string, headers: Record<string, string> = {}) => cmsHost('/api/categories?fields[0]=slug', { localAddress, headers });
  const remaining = (answer: Answer) => Number(answer.headers['ratelimit-remaining']);

  it('gives two readers separate rate-limit buckets, and a forged X-Forwarded-For no new one', async () => {
    const first = await read('127.0.0.2');
    expect(first.status).toBe(200);
    expect(Number(first.headers['ratelimit-limit'])).toBe(ANON_LIMIT);
    expect(remaining(first)).toBe(ANON_LIMIT - 1);
    expect(remaining(await read('127.0.0.2'))).toBe(ANON_LIMIT - 2);
    // Another reader starts with a full bucket of its own.
    expect(remaining(await read('127.0.0.3'))).toBe(ANON_LIMIT - 1);
    // Claims of another address are not believed: the request is counted under the reader's own.
    expect(remaining(await read('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' }))).toBe(ANON_LIMIT - 3);
    expect(remaining(await read('127.0.0.3', { 'x-forwarded-for': '127.0.0.2' }))).toBe(ANON_LIMIT - 2);

    // The reader at 127.0.0.2 uses its quota up: refused, whatever it claims to be, while 127.0.0.3 reads on.
    let answer = first;
    for (let i = 0; i < ANON_LIMIT && answer.status !== 429; i++) answer = await read('127.0.0.2');
    expect(answer.status).toBe(429);
    expect((await read('127.0.0.2', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    expect((await read('127.0.0.2', { 'x-forwarded-for': '198.51.100.7, 198.51.100.8' })).status).toBe(429);
    const other = await read('127.0.0.3');
    expect(other.status).toBe(200);
    expect(remaining(other)).toBe(ANON_LIMIT - 3);
  });
});

describe('a release switch under nginx', () => {
  it('serves 20 switches under load with no failed answer, each one a whole page of one release or the other', async () => {
    const targets = ['/', `/bai-viet/${article.slug}/`, '/rss.xml', asset.css];
    // The second release is layered on the first, as a partial build makes it: its pages on top, the CSS
    // file (the same in both) from the first release's tree.
    const draft = await startLayeredRelease(await stack.releases.create(), stack.first);
    const second = draft.dir;
    const written = new Set<string>();
    const expected = new Map<string, Buffer[]>();
    for (const target of targets) {
      const file = target.endsWith('/') ? `${target}index.html` : target;
      const before = await servedFile(stack.first, file.slice(1));
      let after = before;
      if (!target.startsWith('/_astro/')) {
        after = Buffer.from(before.toString('utf8').replace('</', '<!-- bản dựng sau --></'));
        await mkdir(path.dirname(path.join(draft.files, file)), { recursive: true });
        await writeFile(path.join(draft.files, file), after);
        written.add(file.slice(1));
      }
      expected.set(target, [before, after]);
    }
    await carryForward(draft, stack.first, { written, removed: [] });

    let running = true;
    const failures: string[] = [];
    const seen = { first: 0, second: 0 };
    const client = async (index: number) => {
      let count = 0;
      while (running) {
        const target = targets[(index + count++) % targets.length];
        try {
          const answer = await site(target);
          const [before, after] = expected.get(target)!;
          if (answer.status !== 200) failures.push(`${target}: ${answer.status}`);
          else if (answer.body.equals(before)) seen.first += 1;
          else if (answer.body.equals(after)) seen.second += 1;
          else failures.push(`${target}: a body of neither release (${answer.body.length} bytes)`);
        } catch (error) {
          failures.push(`${target}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, index) => client(index));
    for (let round = 0; round < 20; round++) {
      await stack.releases.publish(round % 2 === 0 ? second : stack.first);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    running = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(seen.first).toBeGreaterThan(0);
    expect(seen.second).toBeGreaterThan(0);
    // The last switch made the first release live again.
    expect((await site('/')).body.equals(expected.get('/')![0])).toBe(true);
    console.log(`release switches under nginx: ${seen.first + seen.second} answers, 0 failed`);
  });
});
