/**
 * Uploads in an S3 bucket (UPLOAD_PROVIDER=s3): every object under S3_PREFIX (the whole bucket when it is
 * empty) downloaded for a backup with its Content-Type, put back under the same keys for a restore. The
 * archive's path of an object is `uploads/<key>`. Checksums only where S3 requires them, as the upload
 * provider sends them: S3-compatible stores (MinIO, s3rver, providers' own) do not all know the SDK's newer
 * default ones.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SourceFile } from './archive';
import { CommandError } from './errors';
import { Hasher } from './files';
import { isSafeArchivePath, type ManifestFile } from './manifest';
import type { S3Uploads } from './settings';
import type { UploadTarget } from './upload-target';

export function s3Client(settings: S3Uploads): S3Client {
  // The SDK's only switch for its notice that versions after January 2027 will need Node 22: the version
  // pinned here runs on the portal's Node 20, and an operator's backup log should not warn of it each night.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const where = (settings: S3Uploads) => `s3://${settings.bucket}/${settings.prefix}`;

/** What went wrong talking to the bucket, with the bucket's name. */
function s3Failure(settings: S3Uploads, doing: string, error: unknown): CommandError {
  const { name, message } = error as Error;
  return new CommandError(`${doing} ${where(settings)} failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`);
}

/** Every object key under the prefix; folder markers (keys ending in "/", no content) are not uploads. */
async function listKeys(client: S3Client, settings: S3Uploads, limit = Infinity): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: settings.bucket,
          Prefix: settings.prefix || undefined,
          ContinuationToken: token,
          MaxKeys: Math.min(1000, limit),
        }),
      );
      for (const item of page.Contents ?? []) if (item.Key && !item.Key.endsWith('/')) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && keys.length < limit);
  } catch (error) {
    throw s3Failure(settings, 'listing', error);
  }
  return keys.sort();
}

/** Downloads every object into `dir` (as uploads/<key>) and returns them as files of the archive. */
export async function s3UploadFiles(settings: S3Uploads, dir: string): Promise<SourceFile[]> {
  const client = s3Client(settings);
  const files: SourceFile[] = [];
  try {
    for (const key of await listKeys(client, settings)) {
      const archivePath = `uploads/${key}`;
      if (!isSafeArchivePath(archivePath))
        throw new CommandError(`the object key ${JSON.stringify(key)} cannot be stored as a file (empty, "." or ".." segments)`);
      const source = path.join(dir, ...archivePath.split('/'));
      await mkdir(path.dirname(source), { recursive: true });
      const hasher = new Hasher();
      let contentType: string | undefined;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
        contentType = object.ContentType;
        await pipeline(object.Body as Readable, hasher, createWriteStream(source, { mode: 0o600 }));
      } catch (error) {
        throw s3Failure(settings, `downloading ${key} from`, error);
      }
      files.push({ path: archivePath, source, size: hasher.size, sha256: hasher.digest(), ...(contentType ? { contentType } : {}) });
    }
  } finally {
    client.destroy();
  }
  return files;
}

/** The bucket as a restore target: `files` are the archive's uploads, extracted under `staged`. */
export function s3UploadTarget(settings: S3Uploads, staged: string, files: ManifestFile[]): UploadTarget {
  const client = s3Client(settings);
  const uploads = files.filter((file) => file.path.startsWith('uploads/'));
  const restoredKeys = new Set(uploads.map((file) => file.path.slice('uploads/'.length)));
  let replacing = false;
  const put: string[] = [];
  const remove = async (keys: string[]) => {
    for (const key of keys) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
      } catch (error) {
        throw s3Failure(settings, `deleting ${key} from`, error);
      }
    }
  };
  return {
    async existing() {
      const keys = await listKeys(client, settings, 1000);
      replacing = keys.length > 0;
      return keys.map((key) => `uploads/${key}`);
    },
    async prepare() {
      for (const file of uploads) {
        const key = file.path.slice('uploads/'.length);
        try {
          await client.send(
            new PutObjectCommand({
              Bucket: settings.bucket,
              Key: key,
              Body: createReadStream(path.join(staged, ...file.path.split('/'))),
              ContentLength: file.size,
              ContentType: file.contentType,
            }),
          );
        } catch (error) {
          throw s3Failure(settings, `uploading ${key} to`, error);
        }
        put.push(key);
      }
    },
    async commit(replace) {
      try {
        if (replace) await remove((await listKeys(client, settings)).filter((key) => !restoredKeys.has(key)));
      } finally {
        client.destroy();
      }
    },
    async rollback() {
      try {
        // Into an empty bucket the restore's objects are all there is: take them back out. Over --force the
        // objects it replaced are gone; the ones it did not reach are unchanged.
        if (!replacing) await remove(put);
      } finally {
        client.destroy();
      }
    },
  };
}
