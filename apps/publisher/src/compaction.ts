import path from 'node:path';
import { compact, layersOf, startFullRelease } from './release-layout';
import { LiveChanged, pruneWarning, type Releases } from './releases';

export type CompactionOptions = {
  releases: Releases;
  /** Files in the live release's layers (top and removals) from which it is compacted. */
  after: number;
  /** Whether work waits for the next build: compaction then waits for a quieter moment. */
  buildWaiting: () => boolean;
  log: (line: string) => void;
  /** A compacted release went live in place of `from` (same files). */
  onLive: (from: string, to: string) => void;
};

/**
 * Compaction: a partial build writes only what changed on top of the last full release, and carries the
 * files changed since then into every release it makes (release-layout.ts). Once those pass `after`, the
 * live release is written again as a full one, by hard links alone (nothing is rendered or fetched), and
 * made live in its place: the same files, so readers see no change, and later releases start from it.
 * It runs after a build, when none waits (the next build comes back here), like the search refresh; a
 * failure leaves the live release as it was and is tried again after the next build. A rollback made
 * meanwhile stands: the copy goes live only if the release it copies is still live.
 */
export class Compaction {
  constructor(private readonly options: CompactionOptions) {}

  async run(): Promise<void> {
    const { releases, log } = this.options;
    const live = await releases.current();
    if (!live || this.options.buildWaiting()) return;
    const { top, gone } = await layersOf(live);
    if (top.length + gone.length < this.options.after) return;
    const started = Date.now();
    try {
      const {
        dir,
        value: files,
        pruneError,
      } = await releases.publishNew(async (outDir) => compact(await startFullRelease(outDir), live), {
        whileLive: live,
      });
      this.options.onLive(path.basename(live), path.basename(dir));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(
        `Compacted ${path.basename(live)} (${top.length + gone.length} files in its layers) into the full release ${path.basename(dir)}: ${files} files linked in ${seconds} s`,
      );
      if (pruneError) log(`Compaction: ${pruneWarning(pruneError)}`);
    } catch (error) {
      if (error instanceof LiveChanged) {
        log(`Compaction of ${path.basename(live)} dropped: ${error.message}`);
        return;
      }
      log(`Compacting the live release failed: ${error instanceof Error ? error.message : String(error)}; it stays as it was`);
    }
  }
}
