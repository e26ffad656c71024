import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCmsProcess, testPhoto, type CmsProcess } from 'cms/testing';
import { startS3Server, type S3Server } from 'cms/testing/s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runSiteBuild } from './helpers/site-build';

/**
 * The site built from a CMS whose uploads are on object storage (UPLOAD_PROVIDER=s3, a real S3-protocol
 * server on loopback): the build downloads a cover and an image inside an article's text from the bucket
 * into the site, and, when the bucket's origin is not configured, refuses them and leaves the site as it was.
 */

type UploadedFile = { id: number; url: string; name: string; formats: Record<string, { url: string }> };

let s3: S3Server;
let cms: CmsProcess;
let work: string;
let cover: UploadedFile;
let figure: UploadedFile;
const slug = 'anh-tu-kho-luu-tru';

/** Uploads a generated JPEG through the content API's upload route, with the CMS's full-access token. */
async function upload(name: string, width: number, background: string): Promise<UploadedFile> {
  const photo = await testPhoto(width, Math.round(width * 0.6), background);
  const form = new FormData();
  form.set('files', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), name);
  const response = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${cms.token}` }, body: form });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/upload answered ${response.status}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as UploadedFile[])[0];
}

const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

beforeAll(async () => {
  s3 = await startS3Server();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', s3.env('site'));
  work = await mkdtemp(path.join(tmpdir(), 'web-test-s3-'));
  cover = await upload('anh-bia.jpg', 900, '#a50e0e');
  figure = await upload('bieu-do.jpg', 640, '#19547b');
  const response = await fetch(`${cms.url}/api/articles?status=published`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      data: {
        title: 'Ảnh từ kho lưu trữ',
        slug,
        lead: 'Ảnh bìa và ảnh trong bài nằm trong kho lưu trữ đối tượng.',
        cover: cover.id,
        body: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Biểu đồ dưới đây:' }] },
          { type: 'image', image: { ...figure, alternativeText: 'Biểu đồ' }, children: [{ type: 'text', text: '' }] },
        ],
      },
    }),
  });
  if (!response.ok) throw new Error(`POST /api/articles answered ${response.status}: ${await response.text()}`);
});

afterAll(async () => {
  await cms?.stop();
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a site whose media are on the bucket', () => {
  const dist = () => path.join(work, 'dist');
  const mediaCache = () => path.join(work, 'media-cache');

  it('is built with them downloaded from S3_PUBLIC_URL into the site, which links to no bucket', async () => {
    const build = await runSiteBuild({
      CMS_URL: cms.url,
      WEB_DIST: dist(),
      WEB_MEDIA_CACHE: mediaCache(),
      S3_PUBLIC_URL: s3.publicUrl,
      MEDIA_ORIGINS: '',
    });
    expect(build.code, build.output.slice(-3000)).toBe(0);
    const html = await readFile(path.join(dist(), 'bai-viet', slug, 'index.html'), 'utf8');
    expect(html).not.toContain(s3.endpoint);
    for (const file of [cover, figure]) {
      expect(file.url.startsWith(`${s3.publicUrl}/site/`)).toBe(true);
      for (const url of [file.url, ...Object.values(file.formats).map((format) => format.url)]) {
        const name = fileName(url);
        const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
        expect((await readFile(path.join(dist(), 'media', name))).equals(stored), name).toBe(true);
      }
    }
    // The image in the text, and the cover as the page's share image.
    for (const file of [figure, cover]) expect(html).toContain(`/media/${fileName(file.url)}`);
  });

  it('is not built when the bucket is not a media origin: no download, the site left as it was', async () => {
    const before = await readFile(path.join(dist(), 'index.html'), 'utf8');
    const build = await runSiteBuild({ CMS_URL: cms.url, WEB_DIST: dist(), WEB_MEDIA_CACHE: mediaCache(), S3_PUBLIC_URL: '', MEDIA_ORIGINS: '' });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain(`is not downloaded: only the CMS and the media origins are (${cms.url};`);
    expect(await readFile(path.join(dist(), 'index.html'), 'utf8')).toBe(before);
    expect(existsSync(`${dist()}.next`)).toBe(false);
  });
});
