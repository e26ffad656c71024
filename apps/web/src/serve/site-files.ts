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
 * The layers of a publisher's release folder (apps/publisher/src/release-layout.ts writes them; this is
 * the one place that reads them, for the publisher's server as for nginx's configuration):
 *
 *   gone/   an empty file per page removed since the base: that page is not served
 *   top/    the files added or changed since the base (everything, in a release that is its own base)
 *   base    a link to the full tree the release starts from (its own `tree/`, or an earlier release's)
 *
 * A file is looked up in that order. A release built from the live one writes only what changed, so
 * publishing costs what changed, not the size of the site.
 */
export const RELEASE_LAYERS = { gone: 'gone', top: 'top', base: 'base' } as const;

/** Where a URL path is looked up: a plain folder (a static build), or a release folder with its layers. */
export type SiteRoot = { dir: string; layered: boolean };

/** The files a URL path may be served from, relative to a root: the file, or the `index.html` of a folder. */
function candidates(urlPath: string): string[] | null {
  const root = `${path.sep}site`;
  const candidate = resolvePath(root, urlPath);
  if (!candidate) return null;
  const file = candidate.slice(root.length + 1);
  return urlPath.endsWith('/') ? [path.join(file, 'index.html')] : [file, path.join(file, 'index.html')];
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The open file a URL path serves from `root`: the file itself, or the `index.html` of a folder; from a
 * release, the file of its top layer, else of its base, unless the page was removed. A release is
 * resolved once per request (`current` may be switched meanwhile): every lookup of one request reads one
 * release. The caller owns the handle (streaming it closes it).
 */
export async function openSiteFile(root: string | SiteRoot, urlPath: string): Promise<SiteFile | null> {
  const { dir, layered } = typeof root === 'string' ? { dir: root, layered: false } : root;
  const files = candidates(urlPath);
  if (!files || files.length === 0) return null;
  if (!layered) {
    for (const file of files) {
      const found = await openRegularFile(dir, path.join(dir, file));
      if (found) return found;
    }
    return null;
  }
  let release: string;
  try {
    release = await realpath(dir);
  } catch {
    return null; // nothing is live
  }
  for (const file of files) {
    if (await exists(path.join(release, RELEASE_LAYERS.gone, file))) continue;
    for (const layer of [RELEASE_LAYERS.top, RELEASE_LAYERS.base]) {
      const layerDir = path.join(release, layer);
      const found = await openRegularFile(layerDir, path.join(layerDir, file));
      if (found) return found;
    }
  }
  return null;
}
