import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { baseRelease } from './release-layout';
import { Trash } from './trash';

/**
 * Release folders in one root, and which one is live. A release goes through these states:
 *
 *   created    `root/<name>/`, being written by a build (no marker; removed at start if a crash left it)
 *   complete   the marker `.release-complete` is written: it can go live and be rolled back to
 *   live       `root/current` links to it; switched with one rename, so readers see one release or the
 *              next, never neither
 *   kept       complete, no longer live: one of the newest `keep`, a rollback target; or the base of
 *              one of those (a full release whose tree later layered releases start from:
 *              release-layout.ts)
 *   trashed    renamed to `root/.trash-<name>` at once, deleted in the background between builds (Trash)
 *
 * Once a release is live, nothing here deletes it: `discard` refuses the live release, and `publish`
 * throws only while the switch has not happened (a failure to move old releases aside after it is
 * returned, not thrown).
 *
 * Switches happen one at a time (publish, rollback). A release made from the live one (a compaction, a
 * search refresh) is published `whileLive`: only if the release it was made from is still live. A rollback
 * made while it was written stands; the copy of the release rolled away from is dropped.
 */

/** Marker written last into a release: a folder without it is a build that never finished. */
const COMPLETE = '.release-complete';

/** What a publish did after the switch: `pruneError` when old releases could not be moved aside (they stay). */
export type PublishOutcome = { pruneError: Error | null };

/** The log line for old releases that could not be moved aside. */
export function pruneWarning(error: Error): string {
  return `moving old releases aside failed: ${error.message}; they stay until a later publish`;
}

/** A release that went live, with what its `fill` returned. */
export type Published<T> = PublishOutcome & { dir: string; value: T };

/** Thrown by a publish `whileLive` once another release went live (a rollback): the new release is not live. */
export class LiveChanged extends Error {
  constructor(
    readonly expected: string,
    readonly live: string | null,
  ) {
    super(`the live release changed while this one was written (${path.basename(expected)} → ${live ? path.basename(live) : 'none'})`);
  }
}

export type PublishOptions = {
  /** Publish only if this release is still the live one when the switch comes; else throw LiveChanged. */
  whileLive?: string;
};

export type Releases = {
  /** Folder holding every release and the `current` link. */
  root: string;
  /** The live release folder, or null before the first publish. */
  current(): Promise<string | null>;
  /** A new, empty release folder to build into. */
  create(): Promise<string>;
  /**
   * Makes `dir` live atomically (rename of a symlink), then moves releases beyond the newest `keep` aside.
   * Throws only when `dir` did not go live.
   */
  publish(dir: string, options?: PublishOptions): Promise<PublishOutcome>;
  /**
   * Creates a release, lets `fill` write it, and publishes it. When `fill` or the switch fails (or the
   * live release changed, with `whileLive`), the folder is deleted, the live release stays as it was, and
   * the error is thrown.
   */
  publishNew<T>(fill: (dir: string) => Promise<T>, options?: PublishOptions): Promise<Published<T>>;
  /** Deletes a release that is not live (a failed or abandoned build); false when `dir` is live and stays. */
  discard(dir: string): Promise<boolean>;
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
    return complete
      .sort()
      .reverse()
      .map((name) => path.join(root, name));
  }

  async function pointAt(dir: string): Promise<void> {
    const temporary = path.join(root, `.current-${process.pid}-${Date.now()}`);
    await symlink(path.basename(dir), temporary);
    // rename(2) replaces the old link in one step: readers see the old release or the new one, never neither.
    await rename(temporary, link);
  }

  const trash = new Trash();

  /** The switch running now (publish or rollback): the next one starts once it has ended. */
  let switching: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = switching.then(task, task);
    switching = run.catch(() => undefined);
    return run;
  }

  /**
   * Moves releases beyond the newest `keep` aside (one rename each: they leave the list at once) and
   * deletes them in the background (see Trash). The live release and the base of every release kept stay.
   */
  async function prune(): Promise<void> {
    const live = await current();
    const releases = await list();
    const kept = [...releases.slice(0, keep), ...(live ? [live] : [])];
    const needed = new Set(kept.map((dir) => path.basename(dir)));
    for (const dir of kept) {
      const base = await baseRelease(dir);
      if (base) needed.add(base);
    }
    for (const dir of releases) {
      if (needed.has(path.basename(dir))) continue;
      const trashed = path.join(root, `${TRASH}${path.basename(dir)}`);
      await rename(dir, trashed);
      trash.add(trashed);
    }
  }

  async function create(): Promise<string> {
    await mkdir(root, { recursive: true });
    const dir = path.join(root, releaseName());
    await mkdir(dir);
    return dir;
  }

  async function publish(dir: string, { whileLive }: PublishOptions = {}): Promise<PublishOutcome> {
    await oneAtATime(async () => {
      if (whileLive !== undefined) {
        const live = await current();
        if (live !== path.resolve(whileLive)) throw new LiveChanged(whileLive, live);
      }
      await writeFile(path.join(dir, COMPLETE), new Date().toISOString());
      await pointAt(dir);
    });
    // `dir` is live: from here on a failure is reported, never thrown (a caller would delete `dir`).
    return prune().then(
      () => ({ pruneError: null }),
      (error: unknown) => ({ pruneError: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  async function discard(dir: string): Promise<boolean> {
    if (dir === (await current())) return false;
    await rm(dir, { recursive: true, force: true });
    return true;
  }

  return {
    root,
    current,
    list,
    create,
    publish,
    async publishNew(fill, options) {
      const dir = await create();
      try {
        const value = await fill(dir);
        const outcome = await publish(dir, options);
        return { ...outcome, dir, value };
      } catch (error) {
        // The error that matters is the build's; a folder left behind has no marker and goes at next start.
        await discard(dir).catch(() => false);
        throw error;
      }
    },
    discard,
    rollback() {
      return oneAtATime(async () => {
        const live = await current();
        const previous = (await list()).find((dir) => live === null || dir < live);
        if (!previous) return null;
        await pointAt(previous);
        return previous;
      });
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
