import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_DIR, createTestDatabase, type DbKind } from './database';

/** The seeded template database of a test run and the uploads folder its media live in. */
export type CmsTemplate = { name: string; publicDir: string };

declare module 'vitest' {
  export interface ProvidedContext {
    cmsTemplate: CmsTemplate;
  }
}

const bin = (name: string) => path.join(APP_DIR, 'node_modules', '.bin', name);

/**
 * Runs a command to its end without blocking this process: a global setup that blocked (execFileSync)
 * kept vitest's main process from answering its workers, which then failed with "Timeout calling
 * onTaskUpdate" on a loaded machine.
 */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/**
 * Compiles the CMS, then boots it once in a child process on a new template database so that bootstrap
 * seeds the demo content. Test files start from copies of it (see bootSeededCms). Returns a cleanup.
 */
export async function prepareCmsTemplate(kind: DbKind): Promise<{ template: CmsTemplate; cleanup: () => Promise<void> }> {
  await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: APP_DIR });
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-test-public-'));
  await mkdir(path.join(publicDir, 'uploads'));
  const database = await createTestDatabase(kind);
  await run(bin('tsx'), [path.join('tests', 'helpers', 'make-template.ts')], {
    cwd: APP_DIR,
    env: { ...process.env, TEST_DB: kind, PUBLIC_DIR: publicDir, ...database.env },
  });
  return {
    template: { name: database.name, publicDir },
    cleanup: async () => {
      await database.drop();
      await rm(publicDir, { recursive: true, force: true });
    },
  };
}
