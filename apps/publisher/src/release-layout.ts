/**
 * The inside of a release folder: what a build writes, so that a release costs what changed rather than
 * the size of the site. Readers' lookups follow web's RELEASE_LAYERS (site-files.ts, and nginx's
 * configuration in deploy/nginx): `gone/`, then `top/`, then `base`.
 *
 *   full release      tree/  every file of the site        base → tree    top/, gone/ empty
 *   layered release   base → ../<full release>/tree        top/  the files added or changed since that tree
 *                                                          gone/ an empty file per file removed since then
 *
 * A layered release is made from the live one: its files (rendered pages, new media, a new search index)
 * go into `top/`, the live release's `top/` and `gone/` are carried over by hard links (minus what was
 * rewritten or removed), and its base is the live release's base. Publishing an edit therefore links the
 * files changed since the base, not 100,000 pages. Every release has the same three entries, so a reader's
 * lookup never falls between two releases: a request reads one release (the server resolves `current`
 * once per request), and a lookup split by a switch still finds each file in one of the two.
 *
 * A layered release keeps the full release of its base alive (releases.ts never trashes a base still in
 * use). When the layers grow past a bound, compaction writes a full release with the same files
 * (`compact`), off the critical path; later releases start from it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readlink, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RELEASE_LAYERS } from 'web/site';
import { filesUnder, linkFiles } from './file-tree';

/** The folder holding every file of a full release. */
export const TREE = 'tree';

/** A release being written: `files` is where this build puts its files. */
export type ReleaseDraft = {
  dir: string;
  /** The tree of a full release, the top layer of a layered one. */
  files: string;
  layered: boolean;
};

async function layerFolders(dir: string): Promise<void> {
  await mkdir(path.join(dir, RELEASE_LAYERS.top));
  await mkdir(path.join(dir, RELEASE_LAYERS.gone));
}

/** Makes `dir` (a new, empty release folder) a full release: every file of the site goes into `tree/`. */
export async function startFullRelease(dir: string): Promise<ReleaseDraft> {
  await mkdir(path.join(dir, TREE));
  await layerFolders(dir);
  await symlink(TREE, path.join(dir, RELEASE_LAYERS.base));
  return { dir, files: path.join(dir, TREE), layered: false };
}

/** The tree a release's lookups end in (its own, or an earlier release's). */
export async function baseTree(release: string): Promise<string> {
  return realpath(path.join(release, RELEASE_LAYERS.base));
}

/** The name of the release whose tree `release` is based on (its own name for a full release). */
export async function baseRelease(release: string): Promise<string | null> {
  try {
    const target = await readlink(path.join(release, RELEASE_LAYERS.base));
    return target === TREE ? path.basename(release) : path.basename(path.dirname(path.resolve(release, target)));
  } catch {
    return null;
  }
}

/** Makes `dir` a layered release on the base of `live`: this build's files go into its `top/`. */
export async function startLayeredRelease(dir: string, live: string): Promise<ReleaseDraft> {
  const tree = await baseTree(live);
  await layerFolders(dir);
  await symlink(path.relative(dir, tree), path.join(dir, RELEASE_LAYERS.base));
  return { dir, files: path.join(dir, RELEASE_LAYERS.top), layered: true };
}

/** What a layered release holds besides its base: files of its top layer, files removed. */
export type Layers = { top: string[]; gone: string[] };

export async function layersOf(release: string): Promise<Layers> {
  const [top, gone] = await Promise.all([filesUnder(path.join(release, RELEASE_LAYERS.top)), filesUnder(path.join(release, RELEASE_LAYERS.gone))]);
  return { top, gone };
}

/**
 * Completes a layered draft made from `live`: carries the live release's top files that this build did
 * not write or remove (hard links), and marks removed every file gone since the base: the live
 * release's removals not written again, and `removed` where the base has the file. Resolves with the
 * sizes of the draft's layers.
 */
export async function carryForward(
  draft: ReleaseDraft,
  live: string,
  change: { written: ReadonlySet<string>; removed: Iterable<string> },
): Promise<{ top: number; gone: number }> {
  if (!draft.layered) throw new Error('Only a layered release carries files over from the live one');
  if ((await baseTree(live)) !== (await baseTree(draft.dir))) throw new Error('The live release has another base than the new one');
  const layers = await layersOf(live);
  const removed = new Set(change.removed);
  const carried = layers.top.filter((file) => !change.written.has(file) && !removed.has(file));
  await linkFiles(path.join(live, RELEASE_LAYERS.top), draft.files, carried);
  const tree = await baseTree(live);
  const gone = new Set(layers.gone.filter((file) => !change.written.has(file)));
  for (const file of removed) if (!change.written.has(file) && existsSync(path.join(tree, file))) gone.add(file);
  const goneDir = path.join(draft.dir, RELEASE_LAYERS.gone);
  for (const file of gone) {
    await mkdir(path.dirname(path.join(goneDir, file)), { recursive: true });
    await writeFile(path.join(goneDir, file), '');
  }
  return { top: carried.length + change.written.size, gone: gone.size };
}

/** Every file a reader can get from `release` (relative path → the file on disk), as its lookups resolve them. */
export async function releaseFiles(release: string): Promise<Map<string, string>> {
  const tree = await baseTree(release);
  const { top, gone } = await layersOf(release);
  const removed = new Set(gone);
  const files = new Map<string, string>();
  for (const file of await filesUnder(tree)) if (!removed.has(file)) files.set(file, path.join(tree, file));
  for (const file of top) files.set(file, path.join(release, RELEASE_LAYERS.top, file));
  return files;
}

/** The file `release` serves at `file` (relative), or null when it has none. */
export function releaseFile(release: string, file: string): string | null {
  if (existsSync(path.join(release, RELEASE_LAYERS.gone, file))) return null;
  for (const layer of [RELEASE_LAYERS.top, RELEASE_LAYERS.base]) {
    const candidate = path.join(release, layer, file);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Writes into `draft` (a full release) every file `live` serves, by hard links: the layered release made
 * full again, so that later releases carry nothing. Resolves with the number of files.
 */
export async function compact(draft: ReleaseDraft, live: string): Promise<number> {
  if (draft.layered) throw new Error('Compaction writes a full release');
  const tree = await baseTree(live);
  const { top, gone } = await layersOf(live);
  const skip = new Set([...gone, ...top]);
  const kept = (await filesUnder(tree)).filter((file) => !skip.has(file));
  await linkFiles(tree, draft.files, kept);
  await linkFiles(path.join(live, RELEASE_LAYERS.top), draft.files, top);
  return kept.length + top.length;
}
