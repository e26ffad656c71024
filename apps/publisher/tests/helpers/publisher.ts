import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, startCmsProcess, type CmsProcess, type CmsTemplate } from 'cms/testing/setup';
import type { Status } from '../../src/status';

export { freePort };

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SECRET = 'publisher-test-secret-0123456789';

export type RunningPublisher = {
  controlUrl: string;
  siteUrl: string;
  releasesDir: string;
  child: ChildProcess;
  output: () => string;
  status: () => Promise<Status>;
  /** Waits until `predicate(status)` holds. */
  waitFor: (predicate: (status: Status) => boolean, timeoutMs?: number) => Promise<Status>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * A CMS on its own copy of the run's seeded template (SQLite) with `articles` synthetic published articles
 * added by the CMS's `scripts/seed-bulk.ts`, as a portal of that size has them. `stop()` stops the CMS and
 * drops its database.
 */
export async function startBulkCms(template: CmsTemplate, articles: number, env: Record<string, string> = {}): Promise<CmsProcess> {
  const database = await createTestDatabase('sqlite', template.name);
  try {
    const cmsDir = path.resolve(APP_DIR, '..', 'cms');
    // Not execFileSync: a blocked worker cannot answer the test runner meanwhile.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(cmsDir, 'node_modules', '.bin', 'tsx'), ['scripts/seed-bulk.ts', '--articles', String(articles)], {
        cwd: cmsDir,
        stdio: 'inherit',
        env: { ...process.env, ...database.env, PUBLIC_DIR: template.publicDir },
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`seed-bulk.ts failed (${signal ?? `exit code ${code}`})`))));
    });
    const cms = await startCmsProcess({ name: database.name, publicDir: template.publicDir }, 'sqlite', env);
    return {
      ...cms,
      stop: async () => {
        await cms.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export type PublisherDirs = { releasesDir: string; mediaCache: string };

export async function publisherDirs(): Promise<PublisherDirs> {
  const work = await mkdtemp(path.join(tmpdir(), 'publisher-test-'));
  return { releasesDir: path.join(work, 'releases'), mediaCache: path.join(work, 'media') };
}

/** Starts the real publisher (`tsx src/main.ts`) against a CMS, on free ports. */
export async function startPublisher(
  cmsUrl: string,
  dirs: PublisherDirs,
  env: Record<string, string> = {},
  controlPort?: number,
): Promise<RunningPublisher> {
  controlPort ??= await freePort();
  const sitePort = await freePort();
  let output = '';
  // One process (Node with tsx's loader), not the tsx wrapper: a SIGKILL must reach the publisher itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      // Anonymous, as the test CMS expects: else the publisher would take the CMS_TOKEN of the repository's
      // .env (written by `pnpm start`), which the test CMS does not know (401).
      CMS_TOKEN: '',
      CMS_URL: cmsUrl,
      SITE_URL: 'http://localhost:4321',
      PUBLISH_WEBHOOK_SECRET: SECRET,
      PUBLISHER_PORT: String(controlPort),
      PUBLISHER_HOST: '127.0.0.1',
      SITE_PORT: String(sitePort),
      SITE_HOST: '127.0.0.1',
      RELEASES_DIR: dirs.releasesDir,
      WEB_MEDIA_CACHE: dirs.mediaCache,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const controlUrl = `http://127.0.0.1:${controlPort}`;
  const status = async () => (await (await fetch(`${controlUrl}/status`)).json()) as Status;
  const waitFor = async (predicate: (s: Status) => boolean, timeoutMs = 180_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The publisher exited:\n${output.slice(-3000)}`);
      try {
        const current = await status();
        if (predicate(current)) return current;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Timed out waiting for the publisher:\n${output.slice(-3000)}`);
  };
  return {
    controlUrl,
    siteUrl: `http://127.0.0.1:${sitePort}`,
    releasesDir: dirs.releasesDir,
    child,
    output: () => output,
    status,
    waitFor,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Sends a webhook to the publisher as Strapi would. */
export function sendHook(publisher: RunningPublisher, body: unknown, headers: Record<string, string> = { 'x-publish-secret': SECRET }) {
  return fetch(`${publisher.controlUrl}/hooks/strapi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
