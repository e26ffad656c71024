import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { APP_DIR, createTestDatabase, type DbKind } from './helpers/database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded template database of this run and the uploads folder its media live in. */
    cmsTemplate: { name: string; publicDir: string };
  }
}

const bin = (name: string) => path.join(APP_DIR, 'node_modules', '.bin', name);

/**
 * Once per run and database kind: compile the CMS, then boot it once in a child process on a template
 * database so bootstrap seeds the demo content; each integration file starts from a copy of it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: APP_DIR, stdio: 'inherit' });
  const kind = (project.config.env?.TEST_DB ?? 'sqlite') as DbKind;
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-test-public-'));
  await mkdir(path.join(publicDir, 'uploads'));
  const template = await createTestDatabase(kind);
  execFileSync(bin('tsx'), [path.join('tests', 'helpers', 'make-template.ts')], {
    cwd: APP_DIR,
    stdio: 'inherit',
    env: { ...process.env, TEST_DB: kind, PUBLIC_DIR: publicDir, ...template.env },
  });
  project.provide('cmsTemplate', { name: template.name, publicDir });
  return async () => {
    await template.drop();
    await rm(publicDir, { recursive: true, force: true });
  };
}
