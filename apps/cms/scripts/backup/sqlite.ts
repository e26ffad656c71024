/**
 * The SQLite database: copied while the CMS runs with SQLite's online backup (a consistent copy of every
 * page, the write-ahead log included, taken between the CMS's transactions), never a raw copy of a live
 * file; restored by writing the whole file beside the target and renaming it into place.
 */
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CommandError } from './errors';
import { COUNTED_TABLES, readCounts, type Counts } from './counts';
import { besideName } from './files';
import { processesUsing } from './open-files';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function open(file: string, readonly: boolean): Database.Database {
  try {
    return new Database(file, { readonly, fileMustExist: true, timeout: 10_000 });
  } catch (error) {
    throw new CommandError(`cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
}

function tablesOf(db: Database.Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
    .pluck()
    .all() as string[];
}

/** The counts of a database file, after checking that it is whole and is the CMS's. */
export async function sqliteCounts(file: string): Promise<Counts> {
  const db = open(file, true);
  try {
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new CommandError(`the SQLite database ${file} is damaged (quick_check: ${check})`);
    const missing = COUNTED_TABLES.filter((table) => !tablesOf(db).includes(table));
    if (missing.length > 0) throw new CommandError(`${file} is not the CMS's database: it has no table ${missing.join(', ')}`);
    return await readCounts(quote, (sql) => db.prepare(sql).pluck().get());
  } finally {
    db.close();
  }
}

/** Copies the live database at `source` into `dest` (a file of its own, no WAL) and reads its counts. */
export async function backupSqlite(source: string, dest: string): Promise<Counts> {
  const exists = await stat(source).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!exists) throw new CommandError(`the SQLite database ${source} does not exist (DATABASE_FILENAME)`);
  const db = open(source, true);
  try {
    // All remaining pages in one step: a write of the CMS between two steps would start the copy again, and
    // the counters write every second. WAL readers do not block the CMS's writes meanwhile.
    await db.backup(dest, { progress: () => 0x7fffffff });
  } catch (error) {
    throw new CommandError(`SQLite's backup of ${source} failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  // The copy keeps the source's journal mode: make it one self-contained file.
  const copy = open(dest, false);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return sqliteCounts(dest);
}

/** The tables of `file` that have rows (none when there is no file or it is empty). */
export async function sqliteNonEmptyTables(file: string): Promise<string[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info || info.size === 0) return [];
  const db = open(file, true);
  try {
    return tablesOf(db).filter(
      (table) =>
        db
          .prepare(`SELECT EXISTS (SELECT 1 FROM ${quote(table)})`)
          .pluck()
          .get() === 1,
    );
  } finally {
    db.close();
  }
}

/**
 * Makes sure no process has `file` open (that one can see), and that a database in WAL mode has its log
 * folded back and is switched to a rollback journal, which SQLite refuses while another connection uses
 * it: no -wal or -shm file is left that would be replayed onto the restored database.
 */
async function releaseTarget(file: string): Promise<void> {
  const users = await processesUsing(file);
  if (users.length > 0) throw new CommandError(`the SQLite database ${file} is in use (process ${users.join(', ')}): stop the CMS before restoring`);
  const db = open(file, false);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') throw new Error(`it stays in ${mode} mode`);
  } catch (error) {
    throw new CommandError(`the SQLite database ${file} is in use (${(error as Error).message}): stop the CMS before restoring`);
  } finally {
    db.close();
  }
}

/**
 * Puts the checked database file `staged` at `target`: copied beside it in full first, then renamed over
 * it, so the target is either what it was or the restored database, never a half-written file.
 */
export async function installSqlite(staged: string, target: string): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) await releaseTarget(target);
  const incoming = besideName(target, 'restoring');
  try {
    await copyFile(staged, incoming);
    await rename(incoming, target);
  } finally {
    await rm(incoming, { force: true });
  }
  await Promise.all(['-wal', '-shm', '-journal'].map((suffix) => rm(`${target}${suffix}`, { force: true })));
}
