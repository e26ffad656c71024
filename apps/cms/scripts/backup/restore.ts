/**
 * `pnpm restore <archive> [--force]`: puts a backup back into the database and upload store this .env
 * configures. The archive is verified first, whole (extracted into a private folder, every size and sha256
 * checked); then the target must be empty (no table with rows, no upload) unless --force; then the uploads
 * are made ready, the database is replaced in one step (a file renamed into place, or one PostgreSQL
 * transaction), the uploads are moved in, and the counts read back from the restored database must be the
 * manifest's. The CMS must be stopped meanwhile.
 */
import '@portal/env/load';
import path from 'node:path';
import { readArchive } from './archive';
import { parseRestoreArgs } from './args';
import { countDifferences, formatCounts } from './counts';
import { CommandError, runCommand } from './errors';
import { withTempDir } from './files';
import { localUploadTarget } from './local-uploads';
import type { Manifest } from './manifest';
import { postgresCounts, postgresNonEmptyTables, restorePostgres } from './postgres';
import { s3UploadTarget } from './s3-uploads';
import { databaseSettings, describeDatabase, describeUploads, uploadSettings, type DatabaseSettings, type UploadSettings } from './settings';
import { installSqlite, sqliteCounts, sqliteNonEmptyTables } from './sqlite';
import type { UploadTarget } from './upload-target';

const some = (names: string[], what: string) => `${names.length} ${what} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;

/** The archive must hold what this machine stores, where it stores it. */
function checkKinds(manifest: Manifest, database: DatabaseSettings, uploads: UploadSettings): void {
  if (manifest.database.kind !== database.kind) {
    throw new CommandError(
      `the archive holds a ${manifest.database.kind} database, and DATABASE_CLIENT here is ${database.kind}: restore it into the same kind`,
    );
  }
  if (database.kind === 'postgres' && manifest.database.schema !== database.schema) {
    throw new CommandError(`the archive's tables are in schema ${manifest.database.schema}, and DATABASE_SCHEMA here is ${database.schema}`);
  }
  if (manifest.uploads.kind !== uploads.kind) {
    const where = (kind: string) => (kind === 's3' ? 'an S3 bucket' : 'a local folder');
    throw new CommandError(
      `the archive's uploads come from ${where(manifest.uploads.kind)}, and this machine stores them in ${where(uploads.kind)} (UPLOAD_PROVIDER): the files' addresses in the database would not match`,
    );
  }
}

async function main() {
  const { archive, force } = parseRestoreArgs(process.argv.slice(2));
  const database = databaseSettings();
  const uploads = uploadSettings();

  await withTempDir('portal-restore', async (dir) => {
    const extracted = path.join(dir, 'archive');
    console.log(`Checking ${archive}…`);
    const manifest = await readArchive(archive, extracted);
    console.log(`The archive is whole: ${manifest.files.length} files checked, made ${manifest.createdAt}.`);
    checkKinds(manifest, database, uploads);
    const stagedDatabase = path.join(extracted, ...manifest.database.path.split('/'));
    if (database.kind === 'sqlite') {
      const differ = countDifferences(manifest.counts, await sqliteCounts(stagedDatabase));
      if (differ.length > 0)
        throw new CommandError(`archive refused, nothing was restored: its database does not hold what its manifest counts (${differ.join(', ')})`);
    }

    const target: UploadTarget =
      uploads.kind === 'local' ? localUploadTarget(uploads.dir, path.join(extracted, 'uploads')) : s3UploadTarget(uploads, extracted, manifest.files);
    const tables = database.kind === 'sqlite' ? await sqliteNonEmptyTables(database.filename) : await postgresNonEmptyTables(database);
    const present = await target.existing();
    if ((tables.length > 0 || present.length > 0) && !force) {
      const what = [
        tables.length > 0 ? `${describeDatabase(database)} has rows in ${some(tables, tables.length === 1 ? 'table' : 'tables')}` : '',
        present.length > 0
          ? `${describeUploads(uploads)} holds ${some(
              present.map((name) => name.slice('uploads/'.length)),
              present.length === 1 ? 'upload' : 'uploads',
            )}`
          : '',
      ].filter(Boolean);
      throw new CommandError(
        `refused, nothing was restored: the target is not empty (${what.join('; ')}). Restore into an empty database and upload store, or add --force to replace what is there`,
      );
    }

    console.log(`Restoring into ${describeDatabase(database)} and ${describeUploads(uploads)}${force ? ' (replacing what is there)' : ''}…`);
    try {
      await target.prepare();
      if (database.kind === 'sqlite') await installSqlite(stagedDatabase, database.filename);
      else await restorePostgres(database, stagedDatabase, path.join(dir, 'restore.list'), manifest.counts);
    } catch (error) {
      await target.rollback();
      throw error;
    }
    await target.commit(force);

    const restored = database.kind === 'sqlite' ? await sqliteCounts(database.filename) : await postgresCounts(database);
    console.log(formatCounts(manifest.counts, restored));
    const differ = countDifferences(manifest.counts, restored);
    if (differ.length > 0) throw new CommandError(`the restored database's counts differ from the archive's: ${differ.join(', ')}`);
    console.log(
      `Restored ${manifest.uploads.count} uploads and the database. Start the CMS with the .env of the machine the backup came from: API tokens are checked with its API_TOKEN_SALT.`,
    );
  });
}

runCommand('pnpm restore', main);
