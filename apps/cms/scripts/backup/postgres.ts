/**
 * The PostgreSQL database: dumped with pg_dump (custom format) from the very snapshot the manifest's counts
 * are read in (the view counters write every second, so a count read a moment apart would differ), and
 * restored with pg_restore into the configured database in ONE transaction with psql: the schema's old
 * tables dropped, the dump's created and filled, the counts checked against the manifest, then committed.
 * Any error rolls all of it back and leaves the database as it was.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { CommandError } from './errors';
import { countQueries, COUNT_NAMES, COUNTED_TABLES, readCounts, type Counts } from './counts';
import type { PostgresSettings } from './settings';

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const tableIn = (schema: string) => (name: string) => `${identifier(schema)}.${identifier(name)}`;

function client(settings: PostgresSettings): pg.Client {
  const { host, port, database, user, password, ssl } = settings;
  return new pg.Client({ host, port, database, user, password, ssl: ssl ? { rejectUnauthorized: ssl === 'verify' } : false });
}

async function connected<T>(settings: PostgresSettings, run: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = client(settings);
  try {
    await db.connect();
  } catch (error) {
    throw new CommandError(`cannot connect to PostgreSQL ${settings.host}:${settings.port}/${settings.database}: ${(error as Error).message}`);
  }
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

/** The connection as libpq's variables, so that no password is on a command line. */
function libpqEnv(settings: PostgresSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: settings.host,
    PGPORT: String(settings.port),
    PGDATABASE: settings.database,
    PGUSER: settings.user,
    PGPASSWORD: settings.password,
    // As the CMS connects: no TLS unless DATABASE_SSL, then a checked certificate unless told otherwise.
    PGSSLMODE: settings.ssl === 'verify' ? 'verify-full' : settings.ssl === 'require' ? 'require' : 'disable',
    PGAPPNAME: 'portal-backup',
  };
}

type Run = { command: string; args: string[]; env: NodeJS.ProcessEnv };

/** The last lines a client tool printed, for a message. */
const tail = (text: string) => text.trim().split('\n').slice(-5).join(' | ');

function spawned({ command, args, env }: Run, stdio: Array<'ignore' | 'pipe'>) {
  const child = spawn(command, args, { env, stdio: [...stdio, 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-20_000)));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === 'ENOENT'
            ? `${command} is not installed (Debian: apt-get install postgresql-client)`
            : `${command} failed to start: ${error.message}`,
        ),
      ),
    );
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new CommandError(`${command} failed (${signal ?? `exit code ${code}`}): ${tail(errors) || 'no message'}`)),
    );
  });
  return { child, done };
}

async function missingTables(db: pg.Client, schema: string): Promise<string[]> {
  const { rows } = await db.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
  const present = new Set(rows.map((row) => row.tablename));
  return COUNTED_TABLES.filter((table) => !present.has(table));
}

/** Dumps the schema into `dest` and returns the counts of the same snapshot. */
export function backupPostgres(settings: PostgresSettings, dest: string): Promise<Counts> {
  return connected(settings, async (db) => {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await db.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const missing = await missingTables(db, settings.schema);
    if (missing.length > 0)
      throw new CommandError(`${settings.database} (schema ${settings.schema}) is not the CMS's database: it has no table ${missing.join(', ')}`);
    const counts = await readCounts(tableIn(settings.schema), async (sql) => Object.values((await db.query(sql)).rows[0] as object)[0]);
    // pg_dump reads the snapshot this transaction exported; it must stay open until the dump is done.
    await spawned(
      {
        command: 'pg_dump',
        args: ['--format=custom', `--snapshot=${rows[0].snapshot}`, `--schema=${settings.schema}`, '--no-owner', '--no-privileges', `--file=${dest}`],
        env: libpqEnv(settings),
      },
      ['ignore', 'ignore'],
    ).done;
    await db.query('COMMIT');
    return counts;
  });
}

/** The schema's tables that have rows (none when the schema does not exist). */
export function postgresNonEmptyTables(settings: PostgresSettings): Promise<string[]> {
  return connected(settings, async (db) => {
    const { rows } = await db.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [
      settings.schema,
    ]);
    const full: string[] = [];
    for (const { tablename } of rows) {
      const result = await db.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${tableIn(settings.schema)(tablename)}) AS present`);
      if (result.rows[0].present) full.push(tablename);
    }
    return full;
  });
}

/** The counts of the configured database. */
export function postgresCounts(settings: PostgresSettings): Promise<Counts> {
  return connected(settings, (db) => readCounts(tableIn(settings.schema), async (sql) => Object.values((await db.query(sql)).rows[0] as object)[0]));
}

/** What runs before the dump's statements: nothing of the schema's previous objects is left (the target was checked empty, or --force). */
function clearSchema(schema: string): string {
  const name = literal(schema);
  return `SET lock_timeout = '15s';
CREATE SCHEMA IF NOT EXISTS ${identifier(schema)};
DO $portal$
DECLARE item record;
BEGIN
  FOR item IN SELECT format('%I.%I', schemaname, matviewname) AS name FROM pg_matviews WHERE schemaname = ${name} LOOP
    EXECUTE 'DROP MATERIALIZED VIEW IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', schemaname, viewname) AS name FROM pg_views WHERE schemaname = ${name} LOOP
    EXECUTE 'DROP VIEW IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = ${name} LOOP
    EXECUTE 'DROP TABLE IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', sequence_schema, sequence_name) AS name FROM information_schema.sequences WHERE sequence_schema = ${name} LOOP
    EXECUTE 'DROP SEQUENCE IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
END $portal$;
`;
}

/** What runs after them, still in the transaction: the counts must be the manifest's, or all is rolled back. */
function checkCounts(schema: string, expected: Counts): string {
  const queries = countQueries(tableIn(schema));
  const checks = COUNT_NAMES.map((name) => `  IF (${queries[name]}) IS DISTINCT FROM ${expected[name]} THEN wrong := wrong || ' ${name}'; END IF;`);
  return `
DO $portal$
DECLARE wrong text := '';
BEGIN
${checks.join('\n')}
  IF wrong <> '' THEN RAISE EXCEPTION 'the restored counts differ from the manifest:%', wrong; END IF;
END $portal$;
`;
}

/** The dump's table of contents without its CREATE SCHEMA (the schema may exist already; clearSchema makes it). */
async function restoreList(dump: string, schema: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { child, done } = spawned({ command: 'pg_restore', args: ['--list', dump], env }, ['ignore', 'pipe']);
  let list = '';
  child.stdout!.on('data', (chunk: Buffer) => (list += chunk.toString()));
  await done;
  const own = new RegExp(`^\\d+; \\d+ \\d+ (SCHEMA - |COMMENT - SCHEMA )${schema.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
  return list
    .split('\n')
    .filter((line) => !own.test(line))
    .join('\n');
}

/** Restores `dump` (made from schema `schema`) into the configured database in one transaction. */
export async function restorePostgres(settings: PostgresSettings, dump: string, listFile: string, expected: Counts): Promise<void> {
  const env = libpqEnv(settings);
  await writeFile(listFile, await restoreList(dump, settings.schema, env));
  const psql = spawned({ command: 'psql', args: ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', '--file=-'], env }, [
    'pipe',
    'ignore',
  ]);
  const restore = spawned({ command: 'pg_restore', args: ['--no-owner', '--no-privileges', `--use-list=${listFile}`, '--file=-', dump], env }, [
    'ignore',
    'pipe',
  ]);
  const stdin = psql.child.stdin!;
  // psql stops reading at the first error; what pg_restore still writes then has nowhere to go.
  stdin.on('error', () => {});
  stdin.write(clearSchema(settings.schema));
  restore.child.stdout!.pipe(stdin, { end: false });
  // psql commits what it was given at the end of its input: only a whole dump may reach that end.
  restore.done.then(
    () => stdin.end(checkCounts(settings.schema, expected)),
    () => stdin.end("\nDO $portal$ BEGIN RAISE EXCEPTION 'pg_restore stopped before the end of the dump'; END $portal$;\n"),
  );
  const [restored, applied] = await Promise.allSettled([restore.done, psql.done]);
  if (applied.status === 'rejected') {
    const message = (applied.reason as Error).message;
    const hint = /lock timeout/.test(message) ? ' — the database is in use: stop the CMS before restoring' : '';
    throw new CommandError(`the database was left as it was: ${message}${hint}`);
  }
  if (restored.status === 'rejected') throw new CommandError(`the database was left as it was: ${(restored.reason as Error).message}`);
}
