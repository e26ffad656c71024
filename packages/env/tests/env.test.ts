import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import {
  applyEnvFile,
  ensureEnvFile,
  envFilePath,
  formatEnv,
  parseEnv,
  readEnvFile,
  REPO_ROOT,
  repoPath,
  SECRET_GENERATORS,
  startEnv,
  toRecord,
  withEnv,
} from '../src/index';

async function tempFile() {
  return path.join(await mkdtemp(path.join(tmpdir(), 'env-test-')), '.env');
}

describe('ensureEnvFile', () => {
  it('creates the file with every secret, readable by its owner only', async () => {
    const file = await tempFile();
    const { values, generated } = await ensureEnvFile(file);
    expect(generated.sort()).toEqual(Object.keys(SECRET_GENERATORS).sort());
    const written = toRecord(parseEnv(await readFile(file, 'utf8')));
    expect(written).toEqual(values);
    expect(written.APP_KEYS.split(',')).toHaveLength(4);
    expect(new Set(Object.values(written)).size).toBe(Object.keys(written).length);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('generates what docker-compose.yml requires, in the forms PostgreSQL and MinIO accept', async () => {
    const { values } = await ensureEnvFile(await tempFile());
    expect(values.DATABASE_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(values.MINIO_ROOT_PASSWORD).toMatch(/^[0-9a-f]{40}$/);
    // MinIO: access keys of 3–20 characters, secret keys of 8–40.
    expect(values.S3_ACCESS_KEY_ID).toMatch(/^portal[0-9a-f]{14}$/);
    expect(values.S3_SECRET_ACCESS_KEY).toMatch(/^[0-9a-f]{40}$/);
    const again = await ensureEnvFile(await tempFile());
    for (const name of ['DATABASE_PASSWORD', 'MINIO_ROOT_PASSWORD', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
      expect(again.values[name]).not.toBe(values[name]);
  });

  it('never changes a value that is there, fills only what is missing or empty', async () => {
    const file = await tempFile();
    await writeFile(file, '# mine\nJWT_SECRET=keep-me\nADMIN_JWT_SECRET=\nDATABASE_CLIENT=postgres\n');
    const { values, generated } = await ensureEnvFile(file);
    expect(values.JWT_SECRET).toBe('keep-me');
    expect(values.DATABASE_CLIENT).toBe('postgres');
    expect(generated).toContain('ADMIN_JWT_SECRET');
    expect(generated).not.toContain('JWT_SECRET');
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('# mine\nJWT_SECRET=keep-me\nADMIN_JWT_SECRET=')).toBe(true);

    const before = await readFile(file, 'utf8');
    const second = await ensureEnvFile(file);
    expect(second.generated).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('parseEnv / formatEnv', () => {
  it('round-trips quoted values, comments and blanks', () => {
    const text = '# c\n\nA=1\nB="two words"\nC=\'x#y\'\nD=plain # trailing comment\n';
    const lines = parseEnv(text);
    expect(toRecord(lines)).toEqual({ A: '1', B: 'two words', C: 'x#y', D: 'plain' });
    expect(toRecord(parseEnv(formatEnv(lines)))).toEqual(toRecord(lines));
  });

  it('lets exported variables win over the file', () => {
    expect(withEnv({ PORT: '1', HOST: 'a' }, { PORT: '2' })).toEqual({ PORT: '2', HOST: 'a' });
  });
});

describe('startEnv', () => {
  it('sends the webhook to the port the publisher really listens on, an exported one included', () => {
    expect(startEnv({ PUBLISHER_PORT: '5000' }, {}).PUBLISHER_URL).toBe('http://127.0.0.1:5000');
    expect(startEnv({ PUBLISHER_PORT: '5000' }, { PUBLISHER_PORT: '6000' }).PUBLISHER_URL).toBe('http://127.0.0.1:6000');
    expect(startEnv({}, {}).PUBLISHER_URL).toBe('http://127.0.0.1:4322');
    expect(startEnv({ PUBLISHER_URL: 'http://publisher:4322' }, { PUBLISHER_PORT: '6000' }).PUBLISHER_URL).toBe('http://publisher:4322');
  });

  it('runs in production unless told otherwise, exported variables winning over .env', () => {
    expect(startEnv({}, {}).NODE_ENV).toBe('production');
    expect(startEnv({ NODE_ENV: 'development' }, {}).NODE_ENV).toBe('development');
    expect(startEnv({ PORT: '1337' }, { PORT: '1400' }).PORT).toBe('1400');
  });
});

describe('the .env file for every command', () => {
  it('goes under the process environment, which wins; a missing file is no error', async () => {
    const file = await tempFile();
    await writeFile(file, 'PUBLISH_WEBHOOK_SECRET=from-the-file\nPUBLISHER_PORT=5000\n');
    const env: NodeJS.ProcessEnv = { PUBLISHER_PORT: '6000' };
    applyEnvFile(env, file);
    expect(env).toEqual({ PUBLISH_WEBHOOK_SECRET: 'from-the-file', PUBLISHER_PORT: '6000' });
    expect(readEnvFile(path.join(path.dirname(file), 'none', '.env'))).toEqual({});
  });

  it('is found at the repository root, or at PORTAL_ENV_FILE', () => {
    expect(envFilePath({})).toBe(path.join(REPO_ROOT, '.env'));
    expect(envFilePath({ PORTAL_ENV_FILE: '/tmp/x/.env' })).toBe('/tmp/x/.env');
    expect(existsSync(path.join(REPO_ROOT, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('resolves relative paths against the repository root, whatever the working folder', () => {
    expect(repoPath('apps/publisher/data/releases')).toBe(path.join(REPO_ROOT, 'apps', 'publisher', 'data', 'releases'));
    expect(repoPath('/srv/releases')).toBe('/srv/releases');
  });
});
