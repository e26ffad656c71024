import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * Finding and opening the file a URL maps to inside a release. A file is opened before anything is sent,
 * and its size and date are read from the open file: what is streamed is what was found, even when a
 * publish switches the release or deletes an old one in the meantime.
 */
export type SiteFile = { file: string; handle: FileHandle; size: number; mtime: Date };

/** The file a URL path maps to inside `root`, or null when it would leave `root`. */
export function resolvePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** Open errors meaning the file is no longer there (a release switched since the lookup): a 404, not a failure. */
const GONE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENXIO', 'ELOOP']);

function isGone(error: unknown): boolean {
  return error instanceof Error && GONE.has((error as NodeJS.ErrnoException).code ?? '');
}

async function isInside(root: string, file: string): Promise<boolean> {
  try {
    return (await realpath(file)).startsWith((await realpath(root)) + path.sep);
  } catch {
    return false;
  }
}

/**
 * Opens `file` when it is a regular file inside `root`; null when it is missing or something else.
 * Errors other than "not there" (no permission, no file descriptors left) are thrown: a 500, not a 404.
 */
async function openRegularFile(root: string, file: string): Promise<SiteFile | null> {
  try {
    // Only regular files are opened at all: opening a device or a FIFO could block or have effects.
    if (!(await stat(file)).isFile()) return null;
  } catch {
    return null;
  }
  // A symlink inside the site must not lead outside it.
  if (!(await isInside(root, file))) return null;
  let handle: FileHandle;
  try {
    // O_NONBLOCK: should a FIFO take the file's place after the stat, opening it must not wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isFile()) return { file, handle, size: info.size, mtime: info.mtime };
  } catch (error) {
    await handle.close();
    throw error;
  }
  await handle.close();
  return null;
}

/**
 * The open file a URL path serves from `root`: the file itself, or the `index.html` of a folder.
 * The caller owns the handle (streaming it closes it).
 */
export async function openSiteFile(root: string, urlPath: string): Promise<SiteFile | null> {
  const candidate = resolvePath(root, urlPath);
  if (!candidate) return null;
  const files = urlPath.endsWith('/') ? [path.join(candidate, 'index.html')] : [candidate, path.join(candidate, 'index.html')];
  for (const file of files) {
    const found = await openRegularFile(root, file);
    if (found) return found;
  }
  return null;
}
