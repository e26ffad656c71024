import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControl, createStaticServer, securityHeaders } from 'web/site';
import { APP_DIR } from './helpers/publisher';

let root: string;
let base: string;
let server: ReturnType<typeof createStaticServer>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'site-'));
  await mkdir(path.join(root, 'bai-viet', 'tin-a'), { recursive: true });
  await mkdir(path.join(root, '_astro'));
  await mkdir(path.join(root, 'media'));
  await writeFile(path.join(root, 'index.html'), '<h1>Trang chủ</h1>');
  await writeFile(path.join(root, 'bai-viet', 'tin-a', 'index.html'), '<h1>Tin A</h1>');
  await writeFile(path.join(root, '404.html'), '<h1>Không tìm thấy trang</h1>');
  await writeFile(path.join(root, '_astro', 'site.abc123.css'), 'body{}');
  await writeFile(path.join(root, 'media', 'anh_1.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  await writeFile(path.join(root, 'rss.xml'), '<rss/>');
  await mkdir(path.join(root, '_search', 'base-0123456789ab'), { recursive: true });
  await writeFile(path.join(root, '_search', 'base-0123456789ab', 'index.json'), '{}');
  await writeFile(path.join(root, '_search', 'recent.json'), '{}');
  const outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
  server = createStaticServer(() => root);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('static server', () => {
  it('serves pages with their content type, revalidated', async () => {
    const response = await fetch(`${base}/bai-viet/tin-a/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(await response.text()).toContain('Tin A');
    expect((await fetch(`${base}/rss.xml`)).headers.get('content-type')).toBe('application/xml; charset=utf-8');
  });

  it('caches hashed assets and media for a year, immutable', async () => {
    for (const url of ['/_astro/site.abc123.css', '/media/anh_1.jpg']) {
      const response = await fetch(`${base}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${base}/media/anh_1.jpg`)).headers.get('content-type')).toBe('image/jpeg');
  });

  it("caches the search index's named folders a year, and revalidates its recent.json", async () => {
    const shard = await fetch(`${base}/_search/base-0123456789ab/index.json`);
    expect(shard.status).toBe(200);
    expect(shard.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const manifest = await fetch(`${base}/_search/recent.json`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    // Dot segments sent as they are (fetch would resolve them first) are resolved before the policy is
    // chosen: this is recent.json, revalidated.
    for (const dotted of ['/_search/base-0123456789ab/../recent.json', '/_search/base-0123456789ab/%2e%2e/recent.json']) {
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        request({ host: '127.0.0.1', port, path: dotted }, resolve).on('error', reject).end();
      });
      answer.resume();
      expect(answer.statusCode, dotted).toBe(200);
      expect(answer.headers['cache-control'], dotted).toBe('public, max-age=0, must-revalidate');
    }
  });

  it('keeps a year exactly the paths it knows never change, and revalidates every other shape', () => {
    const year = 'public, max-age=31536000, immutable';
    const revalidate = 'public, max-age=0, must-revalidate';
    for (const kept of ['/_astro/a.css', '/media/anh.jpg', '/_search/base-0123456789ab/w/0.json', '/_search/recent-abcdef012345/d/1.json'])
      expect(cacheControl(kept), kept).toBe(year);
    for (const other of [
      '/_search/recent.json',
      '/_search/engine.js',
      '/_search/base-0123456789AB/index.json',
      '/_search/base-0123456789a/index.json',
      '/_search/base-0123456789abc/index.json',
      '/_search/base-0123456789ab',
      '/_search/base-0123456789ab.json',
      '/_search/shard-0123456789ab/index.json',
      '/_search//base-0123456789ab/index.json',
      '/_SEARCH/base-0123456789ab/index.json',
      '/x/_search/base-0123456789ab/index.json',
      '/_astro',
      '/media',
      '/MEDIA/anh.jpg',
      '//media/anh.jpg',
      '',
      '/',
    ])
      expect(cacheControl(other), other).toBe(revalidate);
  });

  it("answers unknown paths with the site's 404 page", async () => {
    const response = await fetch(`${base}/khong-co/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Không tìm thấy trang');
  });

  it('redirects a directory without its slash', async () => {
    const response = await fetch(`${base}/bai-viet/tin-a`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/bai-viet/tin-a/');
  });

  it('never leaves the site folder', async () => {
    for (const url of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/link.txt', '/%00', '/%E0%A4%A']) {
      const response = await fetch(`${base}${url}`);
      expect([400, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('root:');
    }
  });

  it('answers HEAD, conditional GET and refuses other methods', async () => {
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const etag = head.headers.get('etag')!;
    expect((await fetch(`${base}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('security headers', () => {
  it('go with every response: pages, 404, feeds, assets, media, redirects, HEAD, 304 and 405', async () => {
    const etag = (await fetch(`${base}/`)).headers.get('etag')!;
    const responses = [
      await fetch(`${base}/`),
      await fetch(`${base}/bai-viet/tin-a/`),
      await fetch(`${base}/khong-co/`),
      await fetch(`${base}/_astro/site.abc123.css`),
      await fetch(`${base}/media/anh_1.jpg`),
      await fetch(`${base}/bai-viet/tin-a`, { redirect: 'manual' }),
      await fetch(`${base}/`, { method: 'HEAD' }),
      await fetch(`${base}/`, { headers: { 'if-none-match': etag } }),
      await fetch(`${base}/`, { method: 'POST' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 200, 200, 301, 200, 304, 405]);
    for (const response of responses) expect(Object.fromEntries(response.headers)).toMatchObject(securityHeaders());
    const feed = await fetch(`${base}/rss.xml`);
    expect(feed.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(Object.fromEntries(feed.headers)).toMatchObject(securityHeaders({ xml: true }));
  });

  it("give XML files (feeds, sitemap) no script and no source, only what the browser's XML viewer draws with", async () => {
    const csp = (await fetch(`${base}/rss.xml`)).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'; img-src data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
  });

  it('deny framing, inline script, eval and powerful features, with one constant policy', async () => {
    const headers = Object.fromEntries((await fetch(`${base}/`)).headers);
    const csp = headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", 'nonce-', '*']) expect(csp).not.toContain(loose);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(headers['permissions-policy']).toContain(`${feature}=()`);
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
    // No per-response nonce: the same strings every time, so an nginx configuration can carry them.
    expect(Object.fromEntries((await fetch(`${base}/khong-co/`)).headers)).toMatchObject({ 'content-security-policy': csp });
  });

  it('let the dashboard frame pages once its origin is listed, a one-line change', () => {
    const csp = securityHeaders({ frameAncestors: ['https://cms.binhan.gov.vn'] })['content-security-policy'];
    expect(csp).toContain('frame-ancestors https://cms.binhan.gov.vn');
    expect(csp).not.toContain("frame-ancestors 'none'");
  });
});

/** The real `serve` entry (src/serve.ts) in a process of its own, so that a crash shows as an exit. */
async function serveInChild(siteDir: string, prefix: string[] = []): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const command = [...prefix, process.execPath, '--import', 'tsx', 'src/serve.ts'];
  const child = spawn(command[0], command.slice(1), {
    cwd: APP_DIR,
    env: { ...process.env, SITE_DIR: siteDir, SITE_PORT: '0', SITE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    child.once('error', reject);
  });
  return { url, child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('a file that fails to be read', () => {
  it('gets a 500 when it cannot be opened (mode 000), and the server answers the next request', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'site-locked-'));
    await writeFile(path.join(site, 'index.html'), '<h1>Trang chủ</h1>');
    await mkdir(path.join(site, 'khoa'));
    await writeFile(path.join(site, 'khoa', 'index.html'), '<h1>Không ai đọc được</h1>');
    await chmod(path.join(site, 'khoa', 'index.html'), 0o000);
    // Root reads mode-000 files through CAP_DAC_OVERRIDE; the server runs without it, as a site's user would.
    const withoutRootReads = process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'] : [];
    const server = await serveInChild(site, withoutRootReads);
    try {
      const locked = await fetch(`${server.url}/khoa/`);
      expect(locked.status).toBe(500);
      expect(await locked.text()).toContain('không đọc được trang này');
      expect(locked.headers.get('content-security-policy')).toContain("default-src 'none'");
      const next = await fetch(`${server.url}/`);
      expect(next.status).toBe(200);
      expect(await next.text()).toContain('Trang chủ');
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).toMatch(/Serving \/khoa\/ failed: EACCES/);
    } finally {
      await stop(server.child);
      await rm(site, { recursive: true, force: true });
    }
  });

  it('gets a 500 when its first read fails after the open (an I/O error), and the server answers the next request', async () => {
    // Linux's /proc/self/mem is a regular file that opens, but reading it at offset 0 always fails with EIO.
    const server = await serveInChild('/proc/self');
    try {
      const broken = await fetch(`${server.url}/mem`);
      expect(broken.status).toBe(500);
      expect(await broken.text()).toContain('không đọc được trang này');
      // /proc files report no size, so the next answer to check is the 404 for a path that is not there.
      const next = await fetch(`${server.url}/khong-co/`);
      expect(next.status).toBe(404);
      expect(await next.text()).toContain('Không tìm thấy trang');
      expect(server.child.exitCode).toBeNull();
    } finally {
      await stop(server.child);
    }
  });
});
