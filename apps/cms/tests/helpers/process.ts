import { spawn } from 'node:child_process';
import path from 'node:path';
import { freshSecrets } from './cms';
import { APP_DIR, createTestDatabase, type DbKind } from './database';
import type { CmsTemplate } from './template';

export type CmsProcess = {
  url: string;
  token: string;
  /** The counters' own port (COUNTER_PORT) as a base URL; undefined when off. */
  counterUrl: string | undefined;
  /** The CMS's process id (its CPU time and memory are read from /proc by the benches). */
  pid: number;
  stop: () => Promise<void>;
};

/** Starts a copy of the seeded template CMS in a child process and resolves once it serves HTTP. */
export function startCmsProcess(template: CmsTemplate, kind: DbKind = 'sqlite', env: Record<string, string> = {}): Promise<CmsProcess> {
  // Node with tsx's loader in one process, so signals reach the CMS itself rather than a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'helpers', 'serve-seeded.ts')], {
    cwd: APP_DIR,
    env: { ...process.env, ...env, TEST_DB: kind, TEMPLATE_NAME: template.name, PUBLIC_DIR: template.publicDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+) (\S+) (\S+)\n/.exec(output);
      if (ready) {
        resolve({
          pid: child.pid!,
          url: ready[1],
          token: ready[2],
          counterUrl: ready[3] === '-' ? undefined : ready[3],
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`The test CMS exited before it was ready (code ${code})`)));
  });
}

export type CmsCluster = { instances: CmsProcess[]; stop: () => Promise<void> };

/**
 * `count` CMS processes on one copy of the seeded template database, with the same secrets (a token or a
 * login made on one is valid on all), as several replicas behind a load balancer run. `env` goes to each
 * (REDIS_URL, for instance).
 */
export async function startCmsCluster(template: CmsTemplate, kind: DbKind, count: number, env: Record<string, string> = {}): Promise<CmsCluster> {
  const database = await createTestDatabase(kind, template.name);
  const secrets = freshSecrets();
  const instances: CmsProcess[] = [];
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
  };
  try {
    // One after the other: the first start runs the bootstrap's writes (permissions, the first editor) alone.
    for (let i = 0; i < count; i++) {
      instances.push(
        await startCmsProcess(template, kind, { ...env, TEST_SHARED_DATABASE: JSON.stringify(database.env), CMS_SECRETS: JSON.stringify(secrets) }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { instances, stop };
}
