import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { referencedMedia } from '../src/lib/content/fetch';
import { cacheMedia } from '../src/lib/media/cache';
import { allowedMediaUrl, MediaOriginError, mediaOrigins } from '../src/lib/media/origins';

/**
 * Media downloads over real HTTP on loopback: a CMS, a bucket (the CMS's uploads on object storage) and a
 * hostile server, each on its own origin. The build downloads from the first two only, and never sends the
 * third a request, whether content names it or a redirect leads there.
 */

type Origin = { url: string; hits: string[]; server: Server };

async function serve(routes: Record<string, (respond: (status: number, headers: Record<string, string>, body?: string) => void) => void>) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    route((status, headers, body) => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, hits, server } satisfies Origin;
}

const jpeg = (name: string) => (respond: (status: number, headers: Record<string, string>, body?: string) => void) =>
  respond(200, { 'content-type': 'image/jpeg' }, `bytes of ${name}`);

let cms: Origin;
let bucket: Origin;
let hostile: Origin;
let cacheDir: string;

beforeAll(async () => {
  hostile = await serve({ '/latest/meta-data/anh.jpg': jpeg('hostile') });
  cms = await serve({ '/uploads/anh_cms_1a2b.jpg': jpeg('cms') });
  bucket = await serve({
    '/portal-uploads/cms/anh_s3_3c4d.jpg': jpeg('bucket'),
    '/portal-uploads/cms/small_anh_s3_3c4d.jpg': jpeg('bucket small'),
    '/portal-uploads/cms/moved_5e6f.jpg': (respond) => respond(302, { location: '/portal-uploads/cms/anh_s3_3c4d.jpg' }),
    '/portal-uploads/cms/away_7a8b.jpg': (respond) => respond(302, { location: `${hostile.url}/latest/meta-data/anh.jpg` }),
  });
});

afterAll(async () => {
  for (const origin of [cms, bucket, hostile]) await new Promise((resolve) => origin?.server.close(resolve));
});

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'web-media-'));
  for (const origin of [cms, bucket, hostile]) origin.hits.length = 0;
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('mediaOrigins', () => {
  it('is the origin of S3_PUBLIC_URL, or MEDIA_ORIGINS when set, or none', () => {
    expect(mediaOrigins({})).toEqual([]);
    expect(mediaOrigins({ S3_PUBLIC_URL: 'https://media.binhan.gov.vn/anh/' })).toEqual(['https://media.binhan.gov.vn']);
    expect(
      mediaOrigins({ S3_PUBLIC_URL: 'http://localhost:9000/x', MEDIA_ORIGINS: ' http://minio:9000 , https://cdn.binhan.gov.vn:8443/ ' }),
    ).toEqual(['http://minio:9000', 'https://cdn.binhan.gov.vn:8443']);
  });

  it('refuses what is not an http(s) origin, naming the variable', () => {
    expect(() => mediaOrigins({ MEDIA_ORIGINS: 'http://minio:9000/portal-uploads' })).toThrow(
      'MEDIA_ORIGINS: "http://minio:9000/portal-uploads" is not an origin',
    );
    expect(() => mediaOrigins({ MEDIA_ORIGINS: 'minio:9000' })).toThrow(/^MEDIA_ORIGINS must hold http\(s\) URLs/);
    expect(() => mediaOrigins({ S3_PUBLIC_URL: 'ftp://media.binhan.gov.vn' })).toThrow(/^S3_PUBLIC_URL/);
  });
});

describe('allowedMediaUrl', () => {
  const sources = () => ({ cmsUrl: `${cms.url}/`, origins: [bucket.url] });

  it('takes paths on the CMS and absolute URLs on the CMS or a media origin', () => {
    expect(allowedMediaUrl('/uploads/a.jpg', sources())).toBe(`${cms.url}/uploads/a.jpg`);
    expect(allowedMediaUrl(`${cms.url}/uploads/a.jpg`, sources())).toBe(`${cms.url}/uploads/a.jpg`);
    expect(allowedMediaUrl(`${bucket.url}/portal-uploads/a.jpg`, sources())).toBe(`${bucket.url}/portal-uploads/a.jpg`);
    // Below a CMS served under a path, as the build always joined them.
    expect(allowedMediaUrl('/uploads/a.jpg', { cmsUrl: 'https://binhan.gov.vn/cms', origins: [] })).toBe('https://binhan.gov.vn/cms/uploads/a.jpg');
  });

  it('refuses every other address content could name', () => {
    const port = new URL(bucket.url).port;
    for (const url of [
      `${hostile.url}/latest/meta-data/anh.jpg`,
      `http://localhost:${port}/portal-uploads/a.jpg`,
      `https://127.0.0.1:${port}/portal-uploads/a.jpg`,
      'http://169.254.169.254/latest/meta-data/iam/anh.jpg',
      `//127.0.0.1:${new URL(hostile.url).port}/anh.jpg`,
      `http://admin:x@${bucket.url.slice('http://'.length)}/a.jpg`,
      `${bucket.url}.evil.vn/a.jpg`,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'anh.jpg',
    ]) {
      expect(() => allowedMediaUrl(url, sources()), url).toThrow(MediaOriginError);
    }
  });
});

describe('cacheMedia', () => {
  it('downloads from the CMS and from the configured media origin', async () => {
    const urls = [
      '/uploads/anh_cms_1a2b.jpg',
      `${bucket.url}/portal-uploads/cms/anh_s3_3c4d.jpg`,
      `${bucket.url}/portal-uploads/cms/small_anh_s3_3c4d.jpg`,
    ];
    expect(await cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [bucket.url] }, urls)).toBe(3);
    expect(await readFile(path.join(cacheDir, 'anh_cms_1a2b.jpg'), 'utf8')).toBe('bytes of cms');
    expect(await readFile(path.join(cacheDir, 'anh_s3_3c4d.jpg'), 'utf8')).toBe('bytes of bucket');
    expect(await readFile(path.join(cacheDir, 'small_anh_s3_3c4d.jpg'), 'utf8')).toBe('bytes of bucket small');
    // Cached: the next build asks nothing again.
    expect(await cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [bucket.url] }, urls)).toBe(0);
    expect(bucket.hits).toHaveLength(2);
  });

  it('follows a redirect within the media origins', async () => {
    await cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [bucket.url] }, [`${bucket.url}/portal-uploads/cms/moved_5e6f.jpg`]);
    expect(await readFile(path.join(cacheDir, 'moved_5e6f.jpg'), 'utf8')).toBe('bytes of bucket');
  });

  it('refuses the bucket when it is not configured: only the CMS by default', async () => {
    const download = cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [] }, [`${bucket.url}/portal-uploads/cms/anh_s3_3c4d.jpg`]);
    await expect(download).rejects.toThrow(MediaOriginError);
    expect(bucket.hits).toEqual([]);
  });

  it('requests nothing at all when content names a hostile URL, and says which', async () => {
    const urls = ['/uploads/anh_cms_1a2b.jpg', `${hostile.url}/latest/meta-data/anh.jpg`];
    const download = cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [bucket.url] }, urls);
    await expect(download).rejects.toThrow(
      `Media "${hostile.url}/latest/meta-data/anh.jpg" is not downloaded: only the CMS and the media origins are`,
    );
    expect([cms.hits, hostile.hits]).toEqual([[], []]);
    expect(existsSync(path.join(cacheDir, 'anh.jpg'))).toBe(false);
  });

  it('does not follow a redirect from a media origin to anywhere else', async () => {
    const download = cacheMedia(cacheDir, { cmsUrl: cms.url, origins: [bucket.url] }, [`${bucket.url}/portal-uploads/cms/away_7a8b.jpg`]);
    await expect(download).rejects.toThrow(MediaOriginError);
    expect(bucket.hits).toEqual(['/portal-uploads/cms/away_7a8b.jpg']);
    expect(hostile.hits).toEqual([]);
    expect(existsSync(path.join(cacheDir, 'away_7a8b.jpg'))).toBe(false);
  });
});

describe('referencedMedia', () => {
  it('finds files stored on the bucket (covers, their sizes, images in rich text), not links', () => {
    const s3 = 'http://localhost:9000/portal-uploads/cms';
    const article = {
      cover: { url: `${s3}/anh_1.jpg`, width: 1000, height: 700, formats: { small: { url: `${s3}/small_anh_1.jpg`, width: 480, height: 336 } } },
      seo: { shareImage: { url: `${s3}/chia_se.jpg`, width: 1200, height: 630 } },
      body: [
        { type: 'image', image: { url: `${s3}/bieu_do.png`, width: 800, height: 600, formats: null } },
        { type: 'paragraph', children: [{ type: 'link', url: 'https://chinhphu.vn/', children: [{ type: 'text', text: 'Cổng Chính phủ' }] }] },
      ],
    };
    expect(referencedMedia(article).sort()).toEqual([`${s3}/anh_1.jpg`, `${s3}/bieu_do.png`, `${s3}/chia_se.jpg`, `${s3}/small_anh_1.jpg`]);
  });
});
