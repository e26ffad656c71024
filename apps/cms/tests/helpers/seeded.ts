import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import './template';
import { bootCms, type Cms } from './cms';
import { createTestDatabase, dbKind } from './database';

/** The CMS on a copy of this run's seeded demo database. */
export async function bootSeededCms(env: Record<string, string> = {}): Promise<Cms> {
  const template = inject('cmsTemplate');
  const database = await createTestDatabase(dbKind(), template.name);
  return bootCms(database, { PUBLIC_DIR: template.publicDir, ...env });
}

/** The CMS on an empty database, without demo content. */
export async function bootEmptyCms(env: Record<string, string> = {}): Promise<Cms> {
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-test-public-'));
  await mkdir(path.join(publicDir, 'uploads'));
  const database = await createTestDatabase(dbKind());
  return bootCms(database, { PUBLIC_DIR: publicDir, SEED_DEMO: 'false', ...env });
}
