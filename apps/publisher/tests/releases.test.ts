import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Compaction } from '../src/compaction';
import { startFullRelease, startLayeredRelease } from '../src/release-layout';
import { createReleases, LiveChanged, type Releases } from '../src/releases';

async function release(releases: ReturnType<typeof createReleases>, text: string) {
  const dir = await releases.create();
  await writeFile(path.join(dir, 'index.html'), text);
  return dir;
}

describe('releases', () => {
  it('publishes atomically, keeps the newest five, and rolls back to the previous one', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')), 5);
    expect(await releases.current()).toBeNull();
    const dirs: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const dir = await release(releases, `v${i}`);
      await releases.publish(dir);
      dirs.push(dir);
    }
    expect(await releases.current()).toBe(dirs[6]);
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('v7');
    expect(await releases.list()).toEqual(dirs.slice(2).reverse());
    expect(existsSync(dirs[0])).toBe(false);
    await releases.trash.emptied();
    expect((await readdir(releases.root)).sort()).toEqual(['current', ...dirs.slice(2).map((dir) => path.basename(dir))].sort());

    expect(await releases.rollback()).toBe(dirs[5]);
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('v6');
    expect(await releases.rollback()).toBe(dirs[4]);
  });

  it('removes builds that never finished, and never the live one', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')));
    const live = await release(releases, 'live');
    await releases.publish(live);
    const half = await release(releases, 'half-written');
    expect(await releases.removeIncomplete()).toEqual([half]);
    expect(await releases.current()).toBe(live);
    expect(await releases.rollback()).toBeNull();
  });

  it('keeps a release live when moving old releases aside fails after the switch', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')), 1);
    const old = await release(releases, 'old');
    await releases.publish(old);
    // A file where the old release is to be renamed to: the rename fails (for root too).
    await writeFile(path.join(releases.root, `.trash-${path.basename(old)}`), '');
    const next = await release(releases, 'new');
    const outcome = await releases.publish(next);
    expect(outcome.pruneError?.message).toMatch(/ENOTDIR/);
    expect(await releases.current()).toBe(next);
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('new');
    expect(await releases.list()).toEqual([next, old]);
  });

  it('publishes a new release, deletes the folder of one whose build failed, and never deletes the live release', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')));
    const live = await release(releases, 'live');
    await releases.publish(live);
    const made = await releases.publishNew(async (dir) => {
      await writeFile(path.join(dir, 'index.html'), 'new');
      return 'filled';
    });
    expect(made.value).toBe('filled');
    expect(await releases.current()).toBe(made.dir);
    let built = '';
    await expect(
      releases.publishNew((dir) => {
        built = dir;
        return Promise.reject(new Error('the CMS is unreachable'));
      }),
    ).rejects.toThrow('the CMS is unreachable');
    expect(existsSync(built)).toBe(false);
    expect(await releases.discard(made.dir)).toBe(false);
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('new');
    expect(await releases.discard(live)).toBe(true);
  });

  it('publishes a copy of the live release only while that release is live: a rollback made meanwhile stands', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')));
    const older = await release(releases, 'older');
    await releases.publish(older);
    const live = await release(releases, 'live');
    await releases.publish(live);

    // The copy of `live` is being written when an editor rolls back.
    let copy = '';
    let rolledBack: Promise<string | null> = Promise.resolve(null);
    const publishing = releases.publishNew(
      async (dir) => {
        copy = dir;
        await writeFile(path.join(dir, 'index.html'), 'live, copied');
        rolledBack = releases.rollback();
        expect(await rolledBack).toBe(older);
      },
      { whileLive: live },
    );
    await expect(publishing).rejects.toThrow(LiveChanged);
    expect(await rolledBack).toBe(older);
    expect(await releases.current()).toBe(older);
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('older');
    expect(existsSync(copy)).toBe(false);
    expect(await releases.list()).toEqual([live, older]);

    // A copy of the release that is live goes live; so does any publish without the condition.
    const again = await releases.publishNew((dir) => writeFile(path.join(dir, 'index.html'), 'older, copied'), { whileLive: older });
    expect(await releases.current()).toBe(again.dir);
    await releases.publish(await release(releases, 'newest'));
    expect(await readFile(path.join(releases.root, 'current', 'index.html'), 'utf8')).toBe('newest');
  });

  it('drops a compaction when the release it compacts is rolled away from while it is written', async () => {
    const releases = createReleases(await mkdtemp(path.join(tmpdir(), 'releases-')));
    const full = await startFullRelease(await releases.create());
    await writeFile(path.join(full.files, 'index.html'), 'full');
    await releases.publish(full.dir);
    // A layered release on top of it, with two files of its own: compacted past one.
    const layered = await startLayeredRelease(await releases.create(), full.dir);
    await writeFile(path.join(layered.files, 'index.html'), 'layered');
    await writeFile(path.join(layered.files, 'tin.html'), 'tin');
    await releases.publish(layered.dir);
    const lines: string[] = [];
    // The real releases, with an editor's rollback once the compaction's copy is written.
    const rollingBack: Releases = {
      ...releases,
      publishNew: (fill, options) =>
        releases.publishNew(async (dir) => {
          const value = await fill(dir);
          await releases.rollback();
          return value;
        }, options),
    };
    const compaction = new Compaction({
      releases: rollingBack,
      after: 1,
      buildWaiting: () => false,
      log: (line) => lines.push(line),
      onLive: () => lines.push('live'),
    });
    await compaction.run();
    expect(await releases.current()).toBe(full.dir);
    expect(await readFile(path.join(releases.root, 'current', 'tree', 'index.html'), 'utf8')).toBe('full');
    expect(await releases.list()).toEqual([layered.dir, full.dir]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Compaction of ${path.basename(layered.dir)} dropped: the live release changed`))]);
  });

  it('throws when the release folder cannot be created, before anything is built', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'releases-'));
    await writeFile(path.join(work, 'blocked'), '');
    const releases = createReleases(path.join(work, 'blocked', 'releases'));
    let filled = false;
    await expect(releases.publishNew(() => Promise.resolve((filled = true)))).rejects.toThrow(/ENOTDIR/);
    expect(filled).toBe(false);
  });
});
