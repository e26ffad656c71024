import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * A real S3-protocol server on loopback, with one bucket, for a CMS with UPLOAD_PROVIDER=s3. Shared as
 * `cms/testing/s3`, apart from `cms/testing`, so that other tests do not load the AWS SDK.
 */
export type S3Server = {
  /** The S3 API (S3_ENDPOINT): http://127.0.0.1:<port>. */
  endpoint: string;
  bucket: string;
  /** Where the bucket's objects are read by anyone (S3_PUBLIC_URL, path-style). */
  publicUrl: string;
  /** A client of the server, to look into the bucket. */
  client: S3Client;
  /** The CMS's variables for this bucket, objects under `prefix`. */
  env: (prefix: string) => Record<string, string>;
  stop: () => Promise<void>;
};

/** s3rver's one account. */
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts s3rver on a free port of 127.0.0.1 with a temporary folder, and creates `bucket` in it. */
export async function startS3Server(bucket = 'portal-uploads'): Promise<S3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'cms-test-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: KEYS });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    publicUrl: `${endpoint}/${bucket}`,
    client,
    env: (prefix) => ({
      UPLOAD_PROVIDER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: '',
      S3_FORCE_PATH_STYLE: '',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      S3_PUBLIC_URL: `${endpoint}/${bucket}`,
      S3_PREFIX: prefix,
    }),
    stop: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
