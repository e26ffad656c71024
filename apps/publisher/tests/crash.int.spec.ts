import { readdir } from 'node:fs/promises';
import type { CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publisherDirs, sendHook, startBulkCms, startPublisher, type PublisherDirs, type RunningPublisher } from './helpers/publisher';

/**
 * Enough articles that a full build lasts long enough to be interrupted in the middle: some 1,200 pages,
 * seconds of rendering on a fast machine, where the tests stop it once 100 are rendered (the status is
 * read every 200 ms), and far beyond the SIGTERM test's 200 ms grace.
 */
const EXTRA_ARTICLES = 1000;

let cms: CmsProcess;
let dirs: PublisherDirs;
let publisher: RunningPublisher;

beforeAll(async () => {
  cms = await startBulkCms(inject('cmsTemplate'), EXTRA_ARTICLES);
  dirs = await publisherDirs();
});

afterAll(async () => {
  await publisher?.stop('SIGKILL');
  await cms?.stop();
});

/** Starts a full build and resolves once it is rendering pages (its release folder is half-written). */
async function midBuild(p: RunningPublisher): Promise<void> {
  expect((await sendHook(p, { event: 'entry.update', model: 'site-setting', entry: null })).status).toBe(202);
  const status = await p.waitFor((s) => (s.running?.pagesRendered ?? 0) > 100, 120_000);
  expect(status.running!.pagesRendered).toBeLessThan(status.running!.pagesExpected!);
}

const releaseFolders = async () => (await readdir(dirs.releasesDir)).filter((name) => !name.startsWith('.') && name !== 'current').sort();

describe('a publisher that dies mid-build', () => {
  it('after kill -9, restarts serving the last good release with no half-written files in it', async () => {
    publisher = await startPublisher(cms.url, dirs);
    const good = (await publisher.waitFor((s) => s.lastBuild?.result === 'success')).live.release!;
    await midBuild(publisher);
    const halfWritten = (await releaseFolders()).filter((name) => name !== good);
    expect(halfWritten).toHaveLength(1);
    await publisher.stop('SIGKILL');

    publisher = await startPublisher(cms.url, dirs, { PUBLISH_DEBOUNCE_MS: '60000', PUBLISH_MAX_WAIT_MS: '60000' });
    const status = await publisher.waitFor((s) => s.live.release !== null);
    expect(status.live.release).toBe(good);
    expect(await releaseFolders()).toEqual([good]);
    const home = await fetch(`${publisher.siteUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Cổng thông tin điện tử tỉnh Bình An');
    await publisher.stop('SIGKILL');
  });

  it('on SIGTERM, abandons a long build cleanly and exits', async () => {
    publisher = await startPublisher(cms.url, dirs, { PUBLISH_GRACE_MS: '200' });
    const good = (await publisher.waitFor((s) => s.lastBuild?.result === 'success')).live.release!;
    await midBuild(publisher);
    expect(await publisher.stop('SIGTERM')).toBe(0);
    expect(publisher.output()).toMatch(/abandoned/);
    expect(await releaseFolders()).toContain(good);
    expect((await releaseFolders()).every((name) => name <= good)).toBe(true);
  });
});
