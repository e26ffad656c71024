/**
 * Where the portal's data lives, read from the same variables the CMS reads (apps/cms/config/database.ts,
 * config/server.ts's PUBLIC_DIR, and the S3 upload provider's UPLOAD_PROVIDER and S3_*), so that a backup
 * takes exactly what the CMS of this .env uses and a restore puts it back there.
 */
import path from 'node:path';
import { usageError } from './errors';

/** The CMS app's folder: DATABASE_FILENAME and PUBLIC_DIR are relative to it, as for the CMS. */
export const APP_DIR = path.resolve(__dirname, '..', '..');

export type SqliteSettings = { kind: 'sqlite'; filename: string };

/** A PostgreSQL database as node-postgres and libpq both take it. */
export type PostgresSettings = {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  schema: string;
  /** DATABASE_SSL; `verify` when the certificate must be checked (DATABASE_SSL_REJECT_UNAUTHORIZED). */
  ssl: false | 'require' | 'verify';
};

export type DatabaseSettings = SqliteSettings | PostgresSettings;

export type LocalUploads = { kind: 'local'; dir: string };

export type S3Uploads = {
  kind: 's3';
  bucket: string;
  prefix: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

export type UploadSettings = LocalUploads | S3Uploads;

const text = (env: NodeJS.ProcessEnv, name: string, fallback = '') => env[name]?.trim() || fallback;

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = text(env, name).toLowerCase();
  if (value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw usageError(`${name} must be true or false (got "${env[name]}")`);
}

function port(value: string, name: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw usageError(`${name} must be a port number (got "${value}")`);
  return Number(value);
}

/** DATABASE_URL when set (as node-postgres prefers it), else DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD. */
function postgresSettings(env: NodeJS.ProcessEnv): PostgresSettings {
  const sslOn = flag(env, 'DATABASE_SSL', false);
  const ssl = sslOn ? (flag(env, 'DATABASE_SSL_REJECT_UNAUTHORIZED', true) ? 'verify' : 'require') : false;
  const schema = text(env, 'DATABASE_SCHEMA', 'public');
  const url = text(env, 'DATABASE_URL');
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw usageError('DATABASE_URL is not a URL (expected postgres://user:password@host:5432/name)');
    }
    if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) throw usageError('DATABASE_URL must start with postgres://');
    return {
      kind: 'postgres',
      host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
      port: parsed.port ? port(parsed.port, 'DATABASE_URL') : 5432,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
      user: decodeURIComponent(parsed.username) || 'postgres',
      password: decodeURIComponent(parsed.password),
      schema,
      // node-postgres reads sslmode from the URL too.
      ssl: ssl || (['require', 'verify-ca', 'verify-full'].includes(parsed.searchParams.get('sslmode') ?? '') ? 'require' : false),
    };
  }
  return {
    kind: 'postgres',
    host: text(env, 'DATABASE_HOST', '127.0.0.1'),
    port: port(text(env, 'DATABASE_PORT', '5432'), 'DATABASE_PORT'),
    database: text(env, 'DATABASE_NAME', 'cms'),
    user: text(env, 'DATABASE_USERNAME', 'postgres'),
    password: env.DATABASE_PASSWORD ?? '',
    schema,
    ssl,
  };
}

/** The database the CMS of this environment uses. */
export function databaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const client = text(env, 'DATABASE_CLIENT', 'sqlite');
  if (client === 'sqlite') return { kind: 'sqlite', filename: path.resolve(APP_DIR, text(env, 'DATABASE_FILENAME', 'data/cms.db')) };
  if (client === 'postgres') return postgresSettings(env);
  throw usageError(`DATABASE_CLIENT must be "sqlite" or "postgres" (got "${client}")`);
}

/** The upload store: PUBLIC_DIR/uploads (relative to apps/cms), or the bucket when UPLOAD_PROVIDER=s3. */
export function uploadSettings(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  const provider = text(env, 'UPLOAD_PROVIDER', 'local');
  if (provider === 'local') return { kind: 'local', dir: path.resolve(APP_DIR, text(env, 'PUBLIC_DIR', './public'), 'uploads') };
  if (provider !== 's3') throw usageError(`UPLOAD_PROVIDER must be "local" or "s3" (got "${provider}")`);
  const bucket = text(env, 'S3_BUCKET');
  if (!bucket) throw usageError('UPLOAD_PROVIDER=s3 needs S3_BUCKET');
  const accessKeyId = text(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = text(env, 'S3_SECRET_ACCESS_KEY');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw usageError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all');
  return {
    kind: 's3',
    bucket,
    prefix: text(env, 'S3_PREFIX'),
    region: text(env, 'S3_REGION', 'us-east-1'),
    endpoint: text(env, 'S3_ENDPOINT') || undefined,
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE', false),
    // Without keys the SDK's own chain (instance role, ~/.aws) is used, as by the upload provider.
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : undefined,
  };
}

/** A short name of a store for messages: the file, database or bucket. */
export function describeDatabase(settings: DatabaseSettings): string {
  return settings.kind === 'sqlite'
    ? `SQLite ${settings.filename}`
    : `PostgreSQL ${settings.host}:${settings.port}/${settings.database} (schema ${settings.schema})`;
}

export function describeUploads(settings: UploadSettings): string {
  return settings.kind === 'local' ? `folder ${settings.dir}` : `bucket s3://${settings.bucket}/${settings.prefix}`;
}
