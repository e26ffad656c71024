import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReleases } from '../src/releases';

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

  it('throws when the release folder cannot be created, before anything is built', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'releases-'));
    await writeFile(path.join(work, 'blocked'), '');
    const releases = createReleases(path.join(work, 'blocked', 'releases'));
    let filled = false;
    await expect(releases.publishNew(() => Promise.resolve((filled = true)))).rejects.toThrow(/ENOTDIR/);
    expect(filled).toBe(false);
  });
});
