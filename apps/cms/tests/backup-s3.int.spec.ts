import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Manifest } from '../scripts/backup/manifest';
import { readManifest, runBackupCommand } from './helpers/backup';
import { createTestDatabase, dbKind, freePort, type TestDatabase } from './helpers/database';

/**
 * The S3 path of `pnpm backup` and `pnpm restore` (UPLOAD_PROVIDER=s3) against a real S3 server of its own
 * (s3rver): the media of the seeded demo put in a bucket under a prefix, backed up with a copy of the seeded
 * database, restored into a new database and an empty bucket, object for object.
 */

const kind = dbKind();
const SOURCE = 'portal-media';
const TARGET = 'portal-restored';
const PREFIX = 'cms/';
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

type StoredObject = { key: string; bytes: Buffer; contentType: string | undefined };

describe(`pnpm backup and pnpm restore with uploads in S3 (${kind})`, () => {
  let work: string;
  let server: S3rver;
  let s3: S3Client;
  let endpoint: string;
  let source: TestDatabase;
  let target: TestDatabase;
  let archive: string;
  let manifest: Manifest;
  const originals: StoredObject[] = [];

  const s3Env = (bucket: string): Record<string, string> => ({
    UPLOAD_PROVIDER: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_PREFIX: PREFIX,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: KEYS.accessKeyId,
    S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  });

  /** Every object under the prefix with its bytes and type. */
  async function objectsOf(bucket: string): Promise<StoredObject[]> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: PREFIX }));
    const objects: StoredObject[] = [];
    for (const { Key } of listed.Contents ?? []) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      objects.push({ key: Key!, bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType });
    }
    return objects.sort((a, b) => a.key.localeCompare(b.key));
  }

  beforeAll(async () => {
    // This file's own client: the SDK's notice that its releases after January 2027 need Node 22.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    work = await mkdtemp(path.join(tmpdir(), 'cms-backup-s3-test-'));
    const port = await freePort();
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: path.join(work, 's3'),
      configureBuckets: [
        { name: SOURCE, configs: [] },
        { name: TARGET, configs: [] },
      ],
    });
    await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: KEYS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

    // The demo's media as the S3 provider stores them: under the prefix, with their types.
    const uploads = path.join(inject('cmsTemplate').publicDir, 'uploads');
    const names = (await readdir(uploads)).filter((name) => !name.startsWith('.')).slice(0, 12);
    for (const name of names) {
      const object = {
        key: `${PREFIX}${name}`,
        bytes: await readFile(path.join(uploads, name)),
        contentType: name.endsWith('.png') ? 'image/png' : 'image/jpeg',
      };
      await s3.send(new PutObjectCommand({ Bucket: SOURCE, Key: object.key, Body: object.bytes, ContentType: object.contentType }));
      originals.push(object);
    }
    // Beside the prefix: not the CMS's, not backed up.
    await s3.send(new PutObjectCommand({ Bucket: SOURCE, Key: 'other-app/report.pdf', Body: 'không thuộc cổng', ContentType: 'application/pdf' }));
    originals.sort((a, b) => a.key.localeCompare(b.key));

    source = await createTestDatabase(kind, inject('cmsTemplate').name);
    target = await createTestDatabase(kind);
    archive = path.join(work, 'portal-s3.tar.gz');
    const backup = await runBackupCommand('backup', ['--out', archive], { ...source.env, ...s3Env(SOURCE) }, work);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    manifest = await readManifest(archive);
  }, 300_000);

  afterAll(async () => {
    s3?.destroy();
    await server?.close();
    await source?.drop();
    await target?.drop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up every object under the prefix with its size, sha256 and content type', () => {
    expect(manifest.uploads).toEqual({ kind: 's3', count: originals.length, bytes: originals.reduce((sum, object) => sum + object.bytes.length, 0) });
    const uploads = manifest.files.filter((file) => file.path.startsWith('uploads/'));
    expect(uploads.map((file) => file.path)).toEqual(originals.map((object) => `uploads/${object.key}`));
    expect(uploads.map((file) => [file.size, file.contentType])).toEqual(originals.map((object) => [object.bytes.length, object.contentType]));
  });

  it('restores into a new database and an empty bucket, object for object', async () => {
    const result = await runBackupCommand('restore', [archive], { ...target.env, ...s3Env(TARGET) }, work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`articles published\\s+${manifest.counts.publishedArticles}\\s+${manifest.counts.publishedArticles}\\n`),
    );
    const restored = await objectsOf(TARGET);
    expect(restored.map((object) => object.key)).toEqual(originals.map((object) => object.key));
    for (const [index, object] of restored.entries()) {
      expect(object.bytes.equals(originals[index].bytes), object.key).toBe(true);
      expect(object.contentType).toBe(originals[index].contentType);
    }
  });

  it('refuses the bucket once it holds objects, and with --force replaces them, removing what the archive does not have', async () => {
    const stray = `${PREFIX}khong-thuoc-ban-sao-luu.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: TARGET, Key: stray, Body: 'ảnh lạ', ContentType: 'image/jpeg' }));
    await s3.send(new DeleteObjectCommand({ Bucket: TARGET, Key: originals[0].key }));
    const refused = await runBackupCommand('restore', [archive], { ...target.env, ...s3Env(TARGET) }, work);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`the target is not empty \\(.*bucket s3://${TARGET}/${PREFIX} holds \\d+ uploads`));

    const forced = await runBackupCommand('restore', [archive, '--force'], { ...target.env, ...s3Env(TARGET) }, work);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    const restored = await objectsOf(TARGET);
    expect(restored.map((object) => object.key)).toEqual(originals.map((object) => object.key));
    expect(restored[0].bytes.equals(originals[0].bytes)).toBe(true);
  });

  it('refuses an archive of S3 uploads on a machine that stores them in a folder', async () => {
    const fresh = await createTestDatabase(kind);
    try {
      const result = await runBackupCommand(
        'restore',
        [archive],
        { ...fresh.env, UPLOAD_PROVIDER: 'local', PUBLIC_DIR: path.join(work, 'public') },
        work,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /the archive's uploads come from an S3 bucket, and this machine stores them in a local folder \(UPLOAD_PROVIDER\)/,
      );
    } finally {
      await fresh.drop();
    }
  });

  it('says which bucket it cannot reach', async () => {
    const result = await runBackupCommand('backup', ['--out', path.join(work, 'never.tar.gz')], { ...source.env, ...s3Env('no-such-bucket') }, work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/listing s3:\/\/no-such-bucket\/cms\/ failed: NoSuchBucket/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
