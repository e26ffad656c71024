import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_DIR, createTestDatabase, DIST_DIR, type DbKind } from './database';

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

/** Boots the compiled CMS once on a new database and upload folder so that bootstrap seeds the demo content. */
async function seedTemplate(kind: DbKind): Promise<{ database: Awaited<ReturnType<typeof createTestDatabase>>; publicDir: string }> {
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-test-public-'));
  await mkdir(path.join(publicDir, 'uploads'));
  const database = await createTestDatabase(kind);
  try {
    await run(bin('tsx'), [path.join('tests', 'helpers', 'make-template.ts')], {
      cwd: APP_DIR,
      env: { ...process.env, TEST_DB: kind, PUBLIC_DIR: publicDir, ...database.env },
    });
  } catch (error) {
    await database.drop();
    await rm(publicDir, { recursive: true, force: true });
    throw error;
  }
  return { database, publicDir };
}

/**
 * Compiles the CMS, then boots it once in a child process on a new template database so that bootstrap
 * seeds the demo content. Test files start from copies of it (see bootSeededCms). Returns a cleanup.
 *
 * With `reuse` (the test runs' global setups), a template seeded by an earlier run of the same compiled CMS
 * and demo data, less than an hour ago, is copied rather than seeded again (see cachedTemplate): `pnpm test`
 * prepares one per package and database, each the same. The copy is the run's own, as a new one would be.
 */
export async function prepareCmsTemplate(
  kind: DbKind,
  options: { reuse?: boolean } = {},
): Promise<{ template: CmsTemplate; cleanup: () => Promise<void> }> {
  await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: APP_DIR });
  if (options.reuse && process.env.CMS_TEST_TEMPLATE_CACHE !== 'off') return cachedTemplate(kind);
  const { database, publicDir } = await seedTemplate(kind);
  return {
    template: { name: database.name, publicDir },
    cleanup: async () => {
      await database.drop();
      await rm(publicDir, { recursive: true, force: true });
    },
  };
}

/** How long a seeded template is reused: the demo content's dates are relative to the hour it was seeded. */
const REUSE_MS = 60 * 60 * 1000;
/** Older ones are removed (never one a run still copies from: runs take minutes, not hours). */
const KEEP_MS = 3 * REUSE_MS;
const CACHE_DIR = path.join(tmpdir(), 'cms-test-templates');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** What the seeded content is made from: the compiled CMS, the demo data and the installed packages. */
async function templateKey(kind: DbKind): Promise<string> {
  const hash = createHash('sha256').update(kind);
  const files = [
    ...(await filesUnder(DIST_DIR)).filter((file) => !file.endsWith('.tsbuildinfo')),
    ...(await filesUnder(path.join(APP_DIR, 'scripts', 'seed'))),
    path.join(APP_DIR, 'tests', 'helpers', 'make-template.ts'),
    path.join(APP_DIR, 'package.json'),
    path.join(APP_DIR, '..', '..', 'pnpm-lock.yaml'),
  ];
  for (const file of files)
    hash
      .update(path.relative(APP_DIR, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function withPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A seeded template kept for reuse: a folder `<key>-<time seeded>` under the system's temporary folder with
 * the upload folder (and the SQLite database), and on PostgreSQL a database `cms_tpl_<key>_<time seeded>`.
 * Each is put in place whole (a rename), so a run never sees half of one. The run copies them, and drops
 * its copies at the end; the kept ones stay for the next run, and are removed once older than KEEP_MS.
 */
async function cachedTemplate(kind: DbKind): Promise<{ template: CmsTemplate; cleanup: () => Promise<void> }> {
  const key = await templateKey(kind);
  const now = Date.now();
  await mkdir(CACHE_DIR, { recursive: true });
  const kept = new Map<number, string>();
  for (const name of await readdir(CACHE_DIR)) {
    const match = /^([0-9a-f]{16})-(\d+)$/.exec(name);
    if (!match) continue;
    const seeded = Number(match[2]);
    if (now - seeded > KEEP_MS) await rm(path.join(CACHE_DIR, name), { recursive: true, force: true });
    else if (match[1] === key && now - seeded < REUSE_MS) kept.set(seeded, path.join(CACHE_DIR, name));
  }
  let databases: string[] = [];
  if (kind === 'postgres') {
    databases = await withPostgres(async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cms\\_tpl\\_%'");
      const names: string[] = [];
      for (const { datname } of rows) {
        const match = /^cms_tpl_([0-9a-f]{16})_(\d+)$/.exec(datname);
        if (!match) continue;
        if (now - Number(match[2]) > KEEP_MS) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        else names.push(datname);
      }
      return names;
    });
  }
  const usable = [...kept].filter(([seeded]) => kind === 'sqlite' || databases.includes(`cms_tpl_${key}_${seeded}`)).sort((a, b) => b[0] - a[0]);
  let seeded: number;
  let dir: string;
  if (usable.length > 0) {
    [seeded, dir] = usable[0];
  } else {
    seeded = now;
    dir = path.join(CACHE_DIR, `${key}-${seeded}`);
    const fresh = await seedTemplate(kind);
    const staging = await mkdtemp(path.join(CACHE_DIR, 'staging-'));
    await cp(fresh.publicDir, path.join(staging, 'public'), { recursive: true });
    await rm(fresh.publicDir, { recursive: true, force: true });
    if (kind === 'sqlite') {
      await copyFile(fresh.database.name, path.join(staging, 'template.db'));
      await fresh.database.drop();
    } else {
      await withPostgres((client) => client.query(`ALTER DATABASE ${fresh.database.name} RENAME TO cms_tpl_${key}_${seeded}`));
    }
    await rename(staging, dir);
  }
  // The run's own copies: its tests write uploads into the template's folder, and must not leave them here.
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-test-public-'));
  await cp(path.join(dir, 'public'), publicDir, { recursive: true });
  const database = await createTestDatabase(kind, kind === 'sqlite' ? path.join(dir, 'template.db') : `cms_tpl_${key}_${seeded}`);
  return {
    template: { name: database.name, publicDir },
    cleanup: async () => {
      await database.drop();
      await rm(publicDir, { recursive: true, force: true });
    },
  };
}
