/**
 * Uploads in the local folder (PUBLIC_DIR/uploads): read in place for a backup; for a restore, copied into a
 * hidden folder inside the uploads folder (the same file system, even when the folder is a mounted volume)
 * and moved into place with renames once the database is restored.
 */
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from './archive';
import { hashFile, listFiles } from './files';
import type { UploadTarget } from './upload-target';

/** Every upload of the folder, hashed, as files of the archive. */
export async function localUploadFiles(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const relative of await listFiles(dir)) {
    const source = path.join(dir, ...relative.split('/'));
    files.push({ path: `uploads/${relative}`, source, ...(await hashFile(source)) });
  }
  return files;
}

/** Entries of `dir` that are uploads (dot-names are not). */
async function uploadEntries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
}

/** The folder as a restore target: `staged` is the extracted archive's uploads/ folder. */
export function localUploadTarget(dir: string, staged: string): UploadTarget {
  const incoming = path.join(dir, `.restoring-${process.pid}`);
  return {
    existing: async () => (await listFiles(dir)).map((name) => `uploads/${name}`),
    async prepare() {
      await mkdir(dir, { recursive: true });
      await rm(incoming, { recursive: true, force: true });
      await mkdir(incoming);
      for (const name of await readdir(staged).catch(() => [] as string[]))
        await cp(path.join(staged, name), path.join(incoming, name), { recursive: true });
    },
    async commit(replace) {
      if (replace) for (const name of await uploadEntries(dir)) await rm(path.join(dir, name), { recursive: true, force: true });
      for (const name of await readdir(incoming)) await rename(path.join(incoming, name), path.join(dir, name));
      await rm(incoming, { recursive: true, force: true });
    },
    rollback: () => rm(incoming, { recursive: true, force: true }),
  };
}
