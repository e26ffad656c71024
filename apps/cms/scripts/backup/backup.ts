/**
 * `pnpm backup [--out <file>]`: the whole portal in one archive, taken while the CMS runs. The database (a
 * SQLite online backup, or pg_dump of one snapshot) with its counts, then the uploads (the local folder,
 * or every object of the bucket), then manifest.json with every file's size and sha256. Reads the
 * repository's .env like every command. Default archive: backups/portal-<UTC time>.tar.gz at the root.
 */
import '@portal/env/load';
import path from 'node:path';
import { writeArchive, type SourceFile } from './archive';
import { parseBackupArgs } from './args';
import { formatCounts, type Counts } from './counts';
import { runCommand } from './errors';
import { fileStamp, hashFile, withTempDir } from './files';
import { localUploadFiles } from './local-uploads';
import { FORMAT, FORMAT_VERSION, type Manifest } from './manifest';
import { backupPostgres } from './postgres';
import { s3UploadFiles } from './s3-uploads';
import { APP_DIR, databaseSettings, describeDatabase, describeUploads, uploadSettings } from './settings';
import { backupSqlite } from './sqlite';

async function main() {
  const { out: chosen } = parseBackupArgs(process.argv.slice(2));
  const database = databaseSettings();
  const uploads = uploadSettings();
  const createdAt = new Date();
  const out = chosen ?? path.join(APP_DIR, '..', '..', 'backups', `portal-${fileStamp(createdAt)}.tar.gz`);

  await withTempDir('portal-backup', async (dir) => {
    console.log(`Database: ${describeDatabase(database)}`);
    const databasePath = database.kind === 'sqlite' ? 'database/cms.db' : 'database/cms.dump';
    const databaseFile = path.join(dir, 'cms-database');
    const counts: Counts =
      database.kind === 'sqlite' ? await backupSqlite(database.filename, databaseFile) : await backupPostgres(database, databaseFile);
    // After the database: an upload made meanwhile is in the archive unused; one referenced is never missing.
    console.log(`Uploads: ${describeUploads(uploads)}`);
    const uploaded = uploads.kind === 'local' ? await localUploadFiles(uploads.dir) : await s3UploadFiles(uploads, path.join(dir, 'objects'));
    const files: SourceFile[] = [{ path: databasePath, source: databaseFile, ...(await hashFile(databaseFile)) }, ...uploaded];
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      database: { kind: database.kind, path: databasePath, ...(database.kind === 'postgres' ? { schema: database.schema } : {}) },
      uploads: { kind: uploads.kind, count: uploaded.length, bytes: uploaded.reduce((sum, file) => sum + file.size, 0) },
      counts,
      files: files.map(({ source, ...file }) => file),
    };
    await writeArchive(out, manifest, files);
    console.log(`${formatCounts(counts)}\n  uploads${' '.repeat(16)}${String(uploaded.length).padStart(10)} files\nBackup written: ${out}`);
  });
}

runCommand('pnpm backup', main);
