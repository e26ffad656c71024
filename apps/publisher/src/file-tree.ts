/**
 * File trees for releases: listing a folder's files and hard-linking files from one release into the
 * next. A partial build links tens of thousands of unchanged files, so folders are made once each and
 * links run many at a time (file system calls run in libuv's thread pool).
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { mapWithConcurrency } from '@portal/cms-client';

/** Every file under `dir`, as paths relative to it, minus the top-level entries `skip` names. */
export async function filesUnder(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !skip(file.split(path.sep)[0]));
}

/** Hard-links a whole folder (`_astro`, `_search`, a release) into `to`, minus the top-level entries `skip` names. */
export async function linkTree(from: string, to: string, skip?: (name: string) => boolean): Promise<void> {
  await mkdir(to, { recursive: true });
  await linkFiles(from, to, await filesUnder(from, skip));
}

/**
 * Hard-links `files` (relative paths) from `from` into `to`: every folder once, a level at a time (no
 * recursive mkdir per file), then the links, many at a time. A file that cannot be linked (another
 * file system) is copied.
 */
export async function linkFiles(from: string, to: string, files: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.dirname(file); dir !== '.' && !folders.has(dir); dir = path.dirname(dir)) folders.add(dir);
  const byDepth = new Map<number, string[]>();
  for (const dir of folders) {
    const depth = dir.split(path.sep).length;
    const level = byDepth.get(depth);
    if (level) level.push(dir);
    else byDepth.set(depth, [dir]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await mapWithConcurrency(byDepth.get(depth)!, 32, (dir) =>
      mkdir(path.join(to, dir)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      }),
    );
  }
  await mapWithConcurrency(files, 32, (file) =>
    link(path.join(from, file), path.join(to, file)).catch(() => copyFile(path.join(from, file), path.join(to, file))),
  );
}
