import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, freshSecrets, type Cms } from './helpers/cms';
import { adminLogin, graphql } from './helpers/http';
import { testPhoto } from './helpers/images';
import { startS3Server, type S3Server } from './helpers/s3';
import { bootSeededCms } from './helpers/seeded';

/**
 * Uploads on S3-compatible object storage (UPLOAD_PROVIDER=s3): a real S3-protocol server (s3rver, on
 * loopback with a temporary folder), a real CMS storing into it through Strapi's S3 provider, and the
 * dashboard's own upload and delete calls. A start with an incomplete or wrong configuration is refused by
 * `strapi start` itself, with the variable's name.
 */

const ADMIN = { email: 'kho-anh@binhan.gov.vn', password: 'KhoAnh2026!' };
const PREFIX = 'cms-test';

type UploadedFile = {
  id: number;
  url: string;
  mime: string;
  width: number;
  height: number;
  provider: string;
  formats: Record<string, { url: string; width: number; height: number; mime: string }>;
};

let s3: S3Server;
let publicUrl: string;

/** The keys in the bucket under the test's prefix. */
async function bucketKeys(): Promise<string[]> {
  const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${PREFIX}/` }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

/** The key of an object from its public URL. */
const keyOf = (url: string) => url.slice(`${publicUrl}/`.length);

beforeAll(async () => {
  s3 = await startS3Server();
  publicUrl = s3.publicUrl;
});

afterAll(async () => {
  await s3?.stop();
});

describe('with UPLOAD_PROVIDER=s3', () => {
  let cms: Cms;
  let jwt: string;
  let uploaded: UploadedFile;
  let photo: Buffer;

  beforeAll(async () => {
    cms = await bootSeededCms({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...s3.env(PREFIX),
      // A trailing slash, as an operator may write it.
      S3_PUBLIC_URL: `${publicUrl}/`,
      // The preview's frame-src is merged into the same CSP at start.
      PREVIEW_SECRET: 'preview-secret-for-the-tests-0123456789abcdef',
      PREVIEW_URL: 'http://127.0.0.1:4999/preview',
    });
    jwt = await adminLogin(cms.url, ADMIN);
    photo = await testPhoto(1000, 700, '#1f5e7a');
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('stores an image uploaded from the dashboard and its sizes in the bucket, under S3_PUBLIC_URL', async () => {
    const form = new FormData();
    form.set('files', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'hoi-nghi-tinh-uy.jpg');
    form.set('fileInfo', JSON.stringify({ name: 'hoi-nghi-tinh-uy.jpg', alternativeText: 'Hội nghị Tỉnh ủy' }));
    const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(201);
    [uploaded] = JSON.parse(text) as UploadedFile[];

    expect(uploaded).toMatchObject({ provider: 'aws-s3', mime: 'image/jpeg', width: 1000, height: 700 });
    expect(uploaded.url).toMatch(new RegExp(`^${publicUrl}/${PREFIX}/hoi_nghi_tinh_uy_[0-9a-f]+\\.jpg$`));
    // 1000 px wide: Strapi's thumbnail and the breakpoints below it (small 480, medium 800), not large (1200).
    expect(Object.keys(uploaded.formats).sort()).toEqual(['medium', 'small', 'thumbnail']);
    for (const format of Object.values(uploaded.formats)) expect(format.url.startsWith(`${publicUrl}/${PREFIX}/`)).toBe(true);

    const urls = [uploaded.url, ...Object.values(uploaded.formats).map((format) => format.url)];
    expect(await bucketKeys()).toEqual(urls.map(keyOf).sort());
    for (const url of urls) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: keyOf(url) }));
      expect(head.ContentType, url).toBe('image/jpeg');
    }
  });

  it('serves the bytes at the public URL as they are in the bucket, the image and each of its sizes', async () => {
    for (const [name, file] of Object.entries({ original: uploaded, ...uploaded.formats })) {
      const response = await fetch(file.url);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe('image/jpeg');
      const bytes = Buffer.from(await response.arrayBuffer());
      const stored = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: keyOf(file.url) }));
      expect(bytes.equals(Buffer.from(await stored.Body!.transformToByteArray())), name).toBe(true);
      const image = await sharp(bytes).metadata();
      expect([image.format, image.width, image.height], name).toEqual(['jpeg', file.width, file.height]);
    }
  });

  it("gives readers' GraphQL the public URLs, which the site and the publisher download from", async () => {
    const articles = cms.strapi.documents('api::article.article');
    const [article] = (await articles.findMany({ status: 'published', limit: 1 } as never)) as Array<{ documentId: string }>;
    await articles.update({ documentId: article.documentId, data: { cover: uploaded.id } } as never);
    await articles.publish({ documentId: article.documentId } as never);
    const answer = await graphql<{ article: { cover: { url: string; formats: UploadedFile['formats'] } } }>(
      cms,
      `{ article(documentId: "${article.documentId}") { cover { url formats } } }`,
    );
    expect(answer.data?.article.cover.url).toBe(uploaded.url);
    expect(answer.data?.article.cover.formats.small.url).toBe(uploaded.formats.small.url);
  });

  it("lets the dashboard show media from the bucket's origin, and from no other; the preview's frame kept", async () => {
    const response = await fetch(`${cms.url}/admin`);
    const csp = Object.fromEntries(
      (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
    ) as Record<string, string[]>;
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', s3.endpoint]);
    expect(csp['media-src']).toEqual(["'self'", 'data:', 'blob:', s3.endpoint]);
    expect(Object.values(csp).flat()).not.toContain('*');
    expect(csp['frame-src']).toContain('http://127.0.0.1:4999');
  });

  it('rewrites the objects when the image is replaced in the media library, and drops the size it no longer has', async () => {
    const form = new FormData();
    form.set('files', new Blob([new Uint8Array(await testPhoto(600, 420, '#a50e0e'))], { type: 'image/jpeg' }), 'hoi-nghi-tinh-uy.jpg');
    form.set('fileInfo', JSON.stringify({ name: 'hoi-nghi-tinh-uy.jpg', alternativeText: 'Hội nghị Tỉnh ủy' }));
    const response = await fetch(`${cms.url}/upload?id=${uploaded.id}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    const replaced = JSON.parse(text) as UploadedFile;

    // The same URL (Strapi keeps the hash), new bytes; 600 px wide: no medium size any more.
    expect(replaced.url).toBe(uploaded.url);
    expect(Object.keys(replaced.formats).sort()).toEqual(['small', 'thumbnail']);
    const urls = [replaced.url, ...Object.values(replaced.formats).map((format) => format.url)];
    expect(await bucketKeys()).toEqual(urls.map(keyOf).sort());
    const image = await sharp(Buffer.from(await (await fetch(replaced.url)).arrayBuffer())).metadata();
    expect([image.width, image.height]).toEqual([600, 420]);
    uploaded = replaced;
  });

  it('removes the image and every size from the bucket when it is deleted in the media library', async () => {
    const response = await fetch(`${cms.url}/upload/files/${uploaded.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${jwt}` } });
    expect(response.status).toBe(200);
    expect(await bucketKeys()).toEqual([]);
    expect((await fetch(uploaded.url)).status).toBe(404);
    expect(await cms.strapi.db.query('plugin::upload.file').findOne({ where: { id: uploaded.id } })).toBeNull();
  });
});

/** `strapi start`, as the image runs it, with `env`: its exit code and what it wrote, once it exits by itself. */
function strapiStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(APP_DIR, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: APP_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...freshSecrets(), SERVE_ADMIN_PANEL: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`strapi start was still running after 90 s:\n${output.slice(-2000)}`));
    }, 90_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a start with uploads misconfigured', () => {
  let dir: string;
  let s3Env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cms-test-refused-'));
    s3Env = {
      // Never reached: the configuration is refused before any database is opened.
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'cms.db'),
      PUBLIC_DIR: dir,
      ...s3.env(''),
    };
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const refused: Array<[string, Record<string, string>, string]> = [
    ['without a bucket', { S3_BUCKET: '' }, 'UPLOAD_PROVIDER=s3 needs S3_BUCKET'],
    ['without keys', { S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' }, 'UPLOAD_PROVIDER=s3 needs S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY'],
    ['with a public URL that is not http(s)', { S3_PUBLIC_URL: 'ftp://127.0.0.1/portal-uploads' }, 'S3_PUBLIC_URL must be an http(s) URL'],
    ['with UPLOAD_PROVIDER=ftp', { UPLOAD_PROVIDER: 'ftp' }, 'UPLOAD_PROVIDER must be "local" (the default) or "s3" (got "ftp")'],
  ];
  for (const [name, change, message] of refused) {
    it(`is refused ${name}, naming the variable`, async () => {
      const { code, output } = await strapiStart({ ...s3Env, ...change });
      expect(code, output).not.toBe(0);
      expect(output).toContain(message);
    });
  }
});
