import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

export type DbKind = 'sqlite' | 'postgres';

/** Where a test's database lives: a SQLite file, or a PostgreSQL database of its own. */
export type TestDatabase = { kind: DbKind; env: Record<string, string>; name: string; drop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The kind of database this vitest project runs against (see vitest.config.ts). */
export function dbKind(): DbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

async function withPostgres<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_DB=postgres needs TEST_POSTGRES_URL (for example postgres://postgres@127.0.0.1:5432/postgres)');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file: an empty one, or a copy of `template` (a SQLite file path or a
 * PostgreSQL database name) so that demo content seeded once per run is not seeded again per file.
 */
export async function createTestDatabase(kind: DbKind, template?: string): Promise<TestDatabase> {
  const name = `cms_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'cms-test-'));
    const file = path.join(dir, `${name}.db`);
    if (template) await copyFile(template, file);
    return {
      kind,
      name: file,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  await withPostgres((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(process.env.TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    kind,
    name,
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    drop: async () => {
      await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
