import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from '../src/static-server';

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
