import { execFile } from 'node:child_process';
import { mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCmsClient } from '@portal/cms-client';
import { REPO_ROOT } from '@portal/env';
import { freePort } from 'cms/testing/setup';
import { afterEach, describe, expect, it } from 'vitest';
import { Publisher } from '../src/publisher';
import { createReleases } from '../src/releases';
import { createControlServer } from '../src/server';

/**
 * `pnpm --filter publisher rollback` as a new user types it, from the repository root, with only the
 * .env file configured: nothing the publisher reads is exported in the shell.
 */

const SECRET = 'secret-de-la-cong-xuat-ban-01';
const VARIABLES = ['PUBLISH_WEBHOOK_SECRET', 'RELEASES_DIR', 'PUBLISHER_PORT', 'PUBLISHER_HOST', 'KEEP_RELEASES', 'PORTAL_ENV_FILE'];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A releases folder with two complete releases, the newer live. */
async function twoReleases(): Promise<{ dir: string; older: string; newer: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rollback-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const releases = createReleases(dir, 5);
  const [older, newer] = [await releases.create(), await releases.create()];
  for (const release of [older, newer]) {
    await writeFile(path.join(release, 'index.html'), `<h1>${path.basename(release)}</h1>`);
    await releases.publish(release);
  }
  return { dir, older, newer };
}

/** Runs the documented command with `.env` holding `values` and none of the publisher's variables exported. */
async function rollback(values: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const envDir = await mkdtemp(path.join(tmpdir(), 'rollback-env-'));
  cleanups.push(() => rm(envDir, { recursive: true, force: true }));
  const envFile = path.join(envDir, '.env');
  await writeFile(
    envFile,
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !VARIABLES.includes(key)));
  return promisify(execFile)('pnpm', ['--filter', 'publisher', 'rollback'], { cwd: REPO_ROOT, env: { ...env, PORTAL_ENV_FILE: envFile } });
}

describe('pnpm --filter publisher rollback', () => {
  it('reads the secret and the releases folder from .env, and rolls back with no publisher running', async () => {
    const { dir, older } = await twoReleases();
    const { stdout } = await rollback({ PUBLISH_WEBHOOK_SECRET: SECRET, RELEASES_DIR: dir, PUBLISHER_PORT: String(await freePort()) });
    expect(stdout).toContain('no publisher was running');
    expect(path.basename(await readlink(path.join(dir, 'current')))).toBe(path.basename(older));
  });

  it('asks the running publisher where PUBLISHER_HOST says it listens', async () => {
    const { dir, older } = await twoReleases();
    const publisher = new Publisher({
      webDir: path.join(REPO_ROOT, 'apps', 'web'),
      releasesDir: dir,
      keepReleases: 5,
      compactAfter: 2000,
      debounceMs: 300,
      maxWaitMs: 2000,
      siteUrl: 'http://localhost:4321',
      dashboardUrl: 'http://localhost:1337/admin',
      counterUrl: 'http://localhost:1337/counter',
      source: { cms: createCmsClient({ url: 'http://127.0.0.1:1' }), mediaCacheDir: path.join(dir, 'media-cache') },
      buildEnv: {},
      partial: true,
      log: () => {},
    });
    await publisher.recover();
    const server: Server = createControlServer(publisher, SECRET);
    const port = await freePort();
    // A loopback address other than 127.0.0.1: the command used to ask 127.0.0.1 whatever the setting.
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.2', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));

    const { stdout } = await rollback({
      PUBLISH_WEBHOOK_SECRET: SECRET,
      RELEASES_DIR: dir,
      PUBLISHER_PORT: String(port),
      PUBLISHER_HOST: '127.0.0.2',
    });
    expect(stdout).toContain(`Rolled back: ${path.basename(older)} is live`);
    expect(stdout).not.toContain('no publisher was running');
    expect((await publisher.status()).live.release).toBe(path.basename(older));
  });

  it('names the missing variable when neither .env nor the shell has it', async () => {
    const failed = await rollback({}).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toMatch(/PUBLISH_WEBHOOK_SECRET must be set/);
  });
});
