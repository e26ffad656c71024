import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseEnv, REPO_ROOT } from '../src/index';

/**
 * The production shape (docker-compose.yml, docs/deploy.md) keeps its rules: what every service needs to be
 * run unattended, where secrets may come from, which services may be replicated and which must stay
 * single, and the contract with the nginx templates. The file is read with a YAML parser, and given to
 * Debian's docker-compose when it is installed (required in CI).
 */
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  restart?: string;
  container_name?: string;
  ports?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[]; disable?: boolean };
};

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const text = read('docker-compose.yml');
const compose = parse(text) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = Object.entries(compose.services);
const service = (name: string) => compose.services[name];

/** Every `${VAR…}` the file interpolates, with what follows the name (`:?message`, `:-default`, nothing). */
const references = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/g)].map(([, name, rest]) => ({ name, rest }));
const required = [...new Set(references.filter((ref) => ref.rest.startsWith(':?')).map((ref) => ref.name))];

/** Names that hold secrets: their value may only come from .env. */
const SECRET_NAME = /(PASSWORD|TOKEN|SALT|KEYS?|KEY_ID)$|SECRET/;
/** A value taken from .env: required, or empty by default (an optional secret, such as PREVIEW_SECRET). */
const FROM_ENV = /^\$\{[A-Z0-9_]+(:\?[^}]*|:-)?\}$/;

describe('docker-compose.yml', () => {
  it('has the services of the production shape', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['cms', 'minio', 'minio-setup', 'nginx', 'postgres', 'publisher', 'redis']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['minio-data', 'postgres-data', 'redis-data', 'site-data']);
  });

  it('gives every service a healthcheck, unless it is a one-shot that others wait to complete', () => {
    for (const [name, definition] of services) {
      if (definition.healthcheck) {
        expect(definition.healthcheck.disable, name).toBeFalsy();
        expect(definition.healthcheck.test.length, name).toBeGreaterThan(0);
        continue;
      }
      expect(definition.restart, `${name} has no healthcheck, so it must be a one-shot`).toBe('no');
      const waiting = services.filter(([, other]) => other.depends_on?.[name]?.condition === 'service_completed_successfully');
      expect(waiting.length, `${name} is a one-shot nobody waits for`).toBeGreaterThan(0);
    }
    // The long-running ones come back after a crash or a reboot.
    for (const [name, definition] of services) if (definition.healthcheck) expect(definition.restart, name).toBe('unless-stopped');
  });

  it('takes every secret from .env, never inline, build arguments included', () => {
    for (const [name, definition] of services) {
      for (const [key, value] of Object.entries({ ...definition.environment, ...definition.build?.args })) {
        if (SECRET_NAME.test(key)) expect(String(value), `${name}: ${key}`).toMatch(FROM_ENV);
      }
    }
    // The secrets every deployment must have are required: compose refuses to start without them.
    for (const secret of ['DATABASE_PASSWORD', 'MINIO_ROOT_PASSWORD', 'S3_SECRET_ACCESS_KEY', 'APP_KEYS', 'PUBLISH_WEBHOOK_SECRET', 'CMS_TOKEN'])
      expect(required, secret).toContain(secret);
  });

  it('lets the CMS run as several replicas and keeps the publisher single', () => {
    const cms = service('cms');
    expect(cms.container_name).toBeUndefined();
    expect(cms.ports).toBeUndefined();
    expect(cms.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(cms.environment?.REDIS_URL).toBe('redis://redis:6379/0');
    expect(cms.environment?.DATABASE_HOST).toBe('postgres');
    const publisher = service('publisher');
    expect(publisher.deploy?.replicas).toBe(1);
    expect(publisher.container_name).toBeUndefined();
    expect(publisher.ports).toBeUndefined();
    // Only nginx publishes a port to the world; MinIO (for the TLS terminator) and PostgreSQL (for pnpm backup
    // from the host) on the host's loopback only.
    const publishing = services.filter(([, definition]) => definition.ports).map(([name]) => name);
    expect(publishing.sort()).toEqual(['minio', 'nginx', 'postgres']);
    expect(service('minio').ports).toEqual(['127.0.0.1:${MINIO_PORT:-9000}:9000']);
    expect(service('postgres').ports).toEqual(['127.0.0.1:${POSTGRES_PORT:-5432}:5432']);
    expect(service('nginx').ports).toEqual(['${HTTP_BIND:-0.0.0.0}:${HTTP_PORT:-80}:80']);
  });

  it('pins every image to a major version (or a dated release), and builds the two apps from their Dockerfiles', () => {
    for (const [name, definition] of services) {
      if (definition.build) {
        expect(definition.image, name).toBeUndefined();
        continue;
      }
      expect(definition.image, name).toMatch(/^[a-z0-9/._-]+:(\d+(\.\d+)*(-[a-z0-9.]+)?|RELEASE\.[0-9TZ-]+)$/);
    }
    expect(service('cms').build).toMatchObject({ context: '.', dockerfile: 'apps/cms/Dockerfile' });
    expect(service('publisher').build).toMatchObject({ context: '.', dockerfile: 'apps/publisher/Dockerfile' });
  });

  it('documents every variable it uses in .env.example', () => {
    const documented = new Set(parseEnv(read('.env.example')).flatMap((line) => ('key' in line ? [line.key] : [])));
    const missing = [...new Set(references.map((ref) => ref.name))].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('stores the CMS uploads in the bundled MinIO, under the variables of the S3 provider', () => {
    const { environment } = service('cms');
    expect(environment).toMatchObject({ UPLOAD_PROVIDER: 's3', S3_ENDPOINT: '${S3_ENDPOINT:-http://minio:9000}', S3_FORCE_PATH_STYLE: 'true' });
    for (const name of ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL', 'S3_PREFIX'])
      expect(environment?.[name], name).toMatch(new RegExp(`^\\$\\{${name}:`));
    // The bucket setup creates the CMS's key for the same bucket, and runs before any CMS replica starts.
    expect(service('minio-setup').environment).toMatchObject({ S3_BUCKET: environment?.S3_BUCKET, S3_ACCESS_KEY_ID: environment?.S3_ACCESS_KEY_ID });
    expect(service('cms').depends_on?.['minio-setup']).toEqual({ condition: 'service_completed_successfully' });
  });

  it('keeps the nginx contract: its variables, the templates, the releases read-only under SITE_ROOT', () => {
    const nginx = service('nginx');
    expect(nginx.environment).toMatchObject({
      CMS_UPSTREAM: 'cms:1337',
      COUNTER_UPSTREAM: 'cms:1338',
      PUBLISHER_UPSTREAM: 'publisher:4322',
      SITE_ROOT: '/srv/releases/current',
    });
    expect(nginx.environment?.SITE_HOST).toMatch(FROM_ENV);
    expect(nginx.environment?.CMS_HOST).toMatch(FROM_ENV);
    expect(nginx.volumes).toContain('./deploy/nginx/templates:/etc/nginx/templates:ro');
    expect(service('cms').environment?.COUNTER_PORT).toBe('1338');
    expect(service('cms').environment?.PORT).toBe('1337');
    expect(service('publisher').environment?.PUBLISHER_PORT).toBe('4322');
    // nginx sees the publisher's volume at the same place, read-only: SITE_ROOT is its releases' `current`.
    const publisherMount = service('publisher').volumes!.find((volume) => volume.startsWith('site-data:'))!;
    const [, target] = publisherMount.split(':');
    expect(nginx.volumes).toContain(`site-data:${target}:ro`);
    expect(`${service('publisher').environment?.RELEASES_DIR}/current`).toBe(nginx.environment?.SITE_ROOT);
    expect(service('publisher').environment?.RELEASES_DIR?.startsWith(`${target}/`)).toBe(true);
  });
});

describe('the images', () => {
  for (const app of ['cms', 'publisher']) {
    it(`${app}: multi-stage, frozen lockfile, run by the unprivileged node user, with a healthcheck and no secret`, () => {
      const dockerfile = read(`apps/${app}/Dockerfile`);
      const stages = dockerfile.split(/^FROM /m).slice(1);
      expect(stages.length).toBeGreaterThanOrEqual(2);
      expect(stages[0]).toMatch(new RegExp(`pnpm install --frozen-lockfile --filter ${app}\\.\\.\\.`));
      const last = stages.at(-1)!;
      expect(last).toMatch(/^USER node$/m);
      expect(last.indexOf('USER node')).toBeLessThan(last.indexOf('CMD'));
      expect(last).toMatch(/^HEALTHCHECK /m);
      for (const line of dockerfile.split('\n').filter((l) => /^(ENV|ARG) /.test(l))) expect(line).not.toMatch(SECRET_NAME);
      expect(dockerfile).not.toMatch(/^(COPY|ADD) .*\.env\b/m);
    });
  }

  it('are built from a context without dependencies, data, releases, backups or .env', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '.env', '**/.env', 'apps/cms/data', 'apps/publisher/data', 'backups', '.git'])
      expect(ignored).toContain(entry);
  });
});

const run = promisify(execFile);

/** Where docker-compose is, or null when it is not installed. */
async function dockerCompose(): Promise<string | null> {
  try {
    return (await run('sh', ['-c', 'command -v docker-compose'])).stdout.trim() || null;
  } catch {
    return null;
  }
}

describe('docker-compose config', async () => {
  const binary = await dockerCompose();
  if (process.env.CI === 'true' && !binary) throw new Error('docker-compose is required in CI (.ci/run installs it)');

  /** `docker-compose config -q` with only `values` set: a throwaway env file, none of the shell's variables. */
  async function config(values: Record<string, string>): Promise<{ ok: boolean; output: string }> {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'compose-env-')), 'throwaway.env');
    await writeFile(
      file,
      Object.entries(values)
        .map(([key, value]) => `${key}=${value}\n`)
        .join(''),
    );
    try {
      const { stderr } = await run(binary!, ['-f', 'docker-compose.yml', '--env-file', file, 'config', '-q'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: tmpdir() },
      });
      return { ok: true, output: stderr };
    } catch (error) {
      const failure = error as { stderr?: string; message: string };
      return { ok: false, output: failure.stderr || failure.message };
    }
  }

  const throwaway = Object.fromEntries(required.map((name) => [name, `throwaway-${name.toLowerCase()}`]));

  it.runIf(binary)('accepts the file with every required variable set', async () => {
    const result = await config(throwaway);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it.runIf(binary)('refuses to start without a required secret, naming it', async () => {
    const { CMS_TOKEN: _dropped, ...rest } = throwaway;
    const result = await config(rest);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('set CMS_TOKEN in .env');
  });
});
