/**
 * Where uploaded media are stored: UPLOAD_PROVIDER=local (the default: files under <PUBLIC_DIR>/uploads,
 * served by the CMS) or s3 (an S3-compatible bucket: MinIO in docker-compose, or AWS), with the S3_*
 * variables below. Read once per start by config/plugins.ts and config/middlewares.ts; a missing or wrong
 * value stops the start with the variable's name, so that no editor uploads into a store nobody can read.
 */
export type UploadSettings = { provider: 'local' } | S3Settings;

export type S3Settings = {
  provider: 's3';
  /** S3_ENDPOINT: the S3 API's address (http://minio:9000); undefined for AWS, which the SDK finds from the region. */
  endpoint: string | undefined;
  /** S3_REGION, `us-east-1` by default (MinIO accepts any). */
  region: string;
  /** S3_BUCKET. */
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** S3_FORCE_PATH_STYLE: <endpoint>/<bucket>/<key> rather than <bucket>.<endpoint>/<key>; true by default with an endpoint. */
  forcePathStyle: boolean;
  /** S3_PUBLIC_URL without trailing slashes: the file records' URLs are <publicUrl>/<prefix>/<name>. */
  publicUrl: string;
  /** The origin of publicUrl: the one the dashboard may show images and videos from (its CSP). */
  publicOrigin: string;
  /** S3_PREFIX without leading or trailing slashes; '' for none. */
  prefix: string;
};

const REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL'] as const;

/** S3's rules for bucket names: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
const BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Key segments of S3's "safe characters": https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;

function httpUrl(name: string, value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${name} must be an http(s) URL (got "${value}")`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`${name} must be a plain http(s) URL, without query, fragment or credentials (got "${value}")`);
  }
  return url;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const raw = value?.trim() ?? '';
  if (raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be true or false (got "${raw}")`);
}

function prefixOf(value: string | undefined): string {
  const prefix = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (prefix === '') return '';
  const segments = prefix.split('/');
  if (segments.some((segment) => !PREFIX_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
    throw new Error(`S3_PREFIX: segments of letters, digits and ! _ . * ' ( ) - separated by / (got "${value}")`);
  }
  return prefix;
}

function s3Settings(env: NodeJS.ProcessEnv): S3Settings {
  const value = (name: string) => env[name]?.trim() ?? '';
  const missing = REQUIRED.filter((name) => value(name) === '');
  if (missing.length > 0) throw new Error(`UPLOAD_PROVIDER=s3 needs ${missing.join(', ')}: see the Uploads block of .env.example`);

  const bucket = value('S3_BUCKET');
  if (!BUCKET.test(bucket)) throw new Error(`S3_BUCKET: 3–63 lower-case letters, digits, dots and hyphens (got "${bucket}")`);
  const endpoint = value('S3_ENDPOINT') === '' ? undefined : httpUrl('S3_ENDPOINT', value('S3_ENDPOINT')).toString().replace(/\/+$/, '');
  const region = value('S3_REGION') || 'us-east-1';
  if (!/^[a-z0-9-]{1,50}$/.test(region)) throw new Error(`S3_REGION: lower-case letters, digits and hyphens, e.g. us-east-1 (got "${region}")`);
  const publicUrl = httpUrl('S3_PUBLIC_URL', value('S3_PUBLIC_URL'));

  return {
    provider: 's3',
    endpoint,
    region,
    bucket,
    accessKeyId: value('S3_ACCESS_KEY_ID'),
    secretAccessKey: value('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: flag('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, endpoint !== undefined),
    publicUrl: publicUrl.toString().replace(/\/+$/, ''),
    publicOrigin: publicUrl.origin,
    prefix: prefixOf(env.S3_PREFIX),
  };
}

/** The upload store the environment names; anything but local or s3 (or an incomplete s3) stops the start. */
export function uploadSettings(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  const provider = env.UPLOAD_PROVIDER?.trim() ?? '';
  if (provider === '' || provider === 'local') return { provider: 'local' };
  if (provider === 's3') return s3Settings(env);
  throw new Error(`UPLOAD_PROVIDER must be "local" (the default) or "s3" (got "${provider}")`);
}
