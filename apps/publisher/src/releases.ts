import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Trash } from './trash';

/** Marker written last into a release: a folder without it is a build that never finished. */
const COMPLETE = '.release-complete';

export type Releases = {
  /** Folder holding every release and the `current` link. */
  root: string;
  /** The live release folder, or null before the first publish. */
  current(): Promise<string | null>;
  /** A new, empty release folder to build into. */
  create(): Promise<string>;
  /** Makes `dir` live atomically (rename of a symlink) and keeps the newest `keep` releases. */
  publish(dir: string): Promise<void>;
  /** Makes the previous complete release live again; returns it, or null when there is none. */
  rollback(): Promise<string | null>;
  /** Complete releases, newest first. */
  list(): Promise<string[]>;
  /** Deletes folders of builds that never finished (after a crash or kill -9). */
  removeIncomplete(): Promise<string[]>;
  /** Old releases moved aside by publish(), deleted in the background between builds. */
  trash: Trash;
};

/** Old releases are renamed to this prefix at once, then deleted in the background. */
const TRASH = '.trash-';

/** Release folders sort by name in creation order: a UTC timestamp plus a counter. */
let counter = 0;
function releaseName(): string {
  counter = (counter + 1) % 1000;
  return `${new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').replace('Z', '')}-${String(counter).padStart(3, '0')}`;
}

/** Release management in `root`: `root/<release>/` folders and `root/current` → the live one. */
export function createReleases(root: string, keep = 5): Releases {
  const link = path.join(root, 'current');

  async function current(): Promise<string | null> {
    try {
      return path.resolve(root, await readlink(link));
    } catch {
      return null;
    }
  }

  async function list(): Promise<string[]> {
    if (!existsSync(root)) return [];
    const entries = await readdir(root, { withFileTypes: true });
    const complete = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(path.join(root, e.name, COMPLETE)))
      .map((e) => e.name);
    return complete.sort().reverse().map((name) => path.join(root, name));
  }

  async function pointAt(dir: string): Promise<void> {
    const temporary = path.join(root, `.current-${process.pid}-${Date.now()}`);
    await symlink(path.basename(dir), temporary);
    // rename(2) replaces the old link in one step: readers see the old release or the new one, never neither.
    await rename(temporary, link);
  }

  const trash = new Trash();

  /**
   * Moves releases beyond the newest `keep` aside (one rename each: they leave the list at once) and
   * deletes them in the background (see Trash).
   */
  async function prune(): Promise<void> {
    const live = await current();
    const releases = await list();
    for (const dir of releases.slice(keep)) {
      if (dir === live) continue;
      const trashed = path.join(root, `${TRASH}${path.basename(dir)}`);
      await rename(dir, trashed);
      trash.add(trashed);
    }
  }

  return {
    root,
    current,
    list,
    async create() {
      await mkdir(root, { recursive: true });
      const dir = path.join(root, releaseName());
      await mkdir(dir);
      return dir;
    },
    async publish(dir) {
      await writeFile(path.join(dir, COMPLETE), new Date().toISOString());
      await pointAt(dir);
      await prune();
    },
    async rollback() {
      const live = await current();
      const previous = (await list()).find((dir) => live === null || dir < live);
      if (!previous) return null;
      await pointAt(previous);
      return previous;
    },
    async removeIncomplete() {
      if (!existsSync(root)) return [];
      const removed: string[] = [];
      for (const entry of await readdir(root, { withFileTypes: true })) {
        const dir = path.join(root, entry.name);
        if (entry.isDirectory() && entry.name.startsWith(TRASH)) {
          await rm(dir, { recursive: true, force: true });
        } else if (entry.isDirectory() && !existsSync(path.join(dir, COMPLETE))) {
          await rm(dir, { recursive: true, force: true });
          removed.push(dir);
        } else if (entry.name.startsWith('.current-')) {
          await rm(dir, { force: true });
        }
      }
      return removed;
    },
    trash,
  };
}
