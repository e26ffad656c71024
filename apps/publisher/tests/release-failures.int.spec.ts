import { mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { escapeHtml } from 'web/site';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { releaseFile } from '../src/release-layout';
import { differences } from './helpers/compare';
import { publisherDirs, SECRET, sendHook, startPublisher, type RunningPublisher } from './helpers/publisher';

/**
 * Failures of the file system around a release, provoked for real: a file where the publisher needs a
 * folder fails the same way for root (these tests run as root, so permission bits would not).
 */
let cms: CmsProcess;
let publisher: RunningPublisher | undefined;

beforeAll(async () => {
  // No PUBLISHER_URL: the CMS sends no webhooks, the tests send them as Strapi would.
  cms = await startCmsProcess(inject('cmsTemplate'));
});

afterEach(async () => {
  await publisher?.stop();
  publisher = undefined;
});

afterAll(async () => {
  await cms?.stop();
});

const settingsChanged = { event: 'entry.update', model: 'site-setting', entry: null };

async function site(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${publisher!.siteUrl}${url}`);
  return { status: response.status, html: await response.text() };
}

describe('release failures', () => {
  it('a build whose release folder cannot be created ends as failed, with its error on the status page; the next build runs', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'publisher-blocked-'));
    const blocked = path.join(work, 'blocked');
    await writeFile(blocked, 'a file where the releases folder should be');
    publisher = await startPublisher(cms.url, { releasesDir: path.join(blocked, 'releases'), mediaCache: path.join(work, 'media') });

    const status = await publisher.waitFor((s) => s.lastBuild !== null, 60_000);
    expect(status.running).toBeNull();
    expect(status.lastBuild?.result).toBe('failed');
    expect(status.lastBuild?.error).toMatch(/ENOTDIR/);
    expect(status.live.release).toBeNull();
    const page = await (await fetch(`${publisher.controlUrl}/`)).text();
    expect(page).toContain('Thất bại');
    expect(page).toContain('ENOTDIR');

    await rm(blocked);
    expect((await sendHook(publisher, settingsChanged)).status).toBe(202);
    const next = await publisher.waitFor((s) => s.lastBuild?.result === 'success');
    expect(next.buildsCompleted).toBe(2);
    expect((await site('/')).status).toBe(200);
  });

  it('a release stays live when moving old releases aside fails after the switch, for a build and for a search refresh', async () => {
    const dirs = await publisherDirs();
    publisher = await startPublisher(cms.url, dirs, { KEEP_RELEASES: '1' });
    const first = (await publisher.waitFor((s) => s.lastBuild?.result === 'success')).live.release!;
    // A file where the first release is to be renamed when it is moved aside: that rename fails.
    const blocker = path.join(dirs.releasesDir, `.trash-${first}`);
    await writeFile(blocker, '');
    // A second full release: the partial build below is layered on it, and the first is no base any more.
    expect((await sendHook(publisher, settingsChanged)).status).toBe(202);
    await publisher.waitFor((s) => s.buildsCompleted === 2 && !s.running);

    // An edited article: a partial build (pages first), then the search index in a release of its own.
    const { data } = (await (await fetch(`${cms.url}/api/articles?pagination[pageSize]=1&sort=publishedAt:desc`)).json()) as {
      data: Array<{ documentId: string; slug: string; title: string }>;
    };
    const article = data[0];
    const title = `${article.title.slice(0, 200)} - đã sửa`;
    const edit = await fetch(`${cms.url}/api/articles/${article.documentId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title } }),
    });
    expect(edit.status).toBe(200);
    expect(
      (await sendHook(publisher, { event: 'entry.update', model: 'article', entry: { documentId: article.documentId, publishedAt: '2026-01-01' } }))
        .status,
    ).toBe(202);
    const done = await publisher.waitFor(
      (s) => s.buildsCompleted === 3 && !s.running && !s.search.refreshing && (s.lastBuild?.result !== 'success' || s.search.lastRefresh !== null),
    );

    expect(done.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    expect(done.lastBuild!.logTail.join('\n')).toMatch(/moving old releases aside failed/);
    expect(done.search.lastRefresh).toMatchObject({ result: 'success' });
    expect(publisher.output()).toMatch(/Search index refresh: moving old releases aside failed/);
    expect(done.live.release).toBe(done.search.lastRefresh!.release);
    expect(releaseFile(path.join(dirs.releasesDir, 'current'), 'index.html') !== null).toBe(true);
    expect((await site(`/bai-viet/${article.slug}/`)).html).toContain(title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));

    // Once the way is clear, the next publish moves the old releases aside.
    await rm(blocker);
    expect((await sendHook(publisher, settingsChanged)).status).toBe(202);
    const cleared = await publisher.waitFor((s) => s.buildsCompleted === 4 && !s.running && !s.search.refreshing);
    expect(cleared.lastBuild).toMatchObject({ kind: 'full', result: 'success' });
    expect(cleared.lastBuild!.logTail.join('\n')).not.toMatch(/moving old releases aside failed/);
    expect(cleared.releases).toEqual([cleared.live.release]);
    expect((await site('/')).status).toBe(200);
  });
});

/** Edits an article's title through the CMS API and tells the publisher, as the CMS's webhook does. */
async function editTitle(p: RunningPublisher, article: { documentId: string; title: string }, suffix: string): Promise<string> {
  const title = `${article.title.slice(0, 200)} ${suffix}`;
  const edit = await fetch(`${cms.url}/api/articles/${article.documentId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { title } }),
  });
  expect(edit.status).toBe(200);
  const hook = { event: 'entry.update', model: 'article', entry: { documentId: article.documentId, publishedAt: '2026-01-01' } };
  expect((await sendHook(p, hook)).status).toBe(202);
  return title;
}

describe('compaction', () => {
  it('writes the live release again as a full one once its layers grow, with the same files; builds stay partial and rollback works', async () => {
    const dirs = await publisherDirs();
    publisher = await startPublisher(cms.url, dirs, { PUBLISH_COMPACT_AFTER: '5' });
    const idle = (builds: number) =>
      publisher!.waitFor((s) => s.buildsCompleted === builds && !s.running && !s.search.refreshing && s.search.upToDate);
    await idle(1);
    const { data } = (await (await fetch(`${cms.url}/api/articles?pagination[pageSize]=2&sort=publishedAt:desc`)).json()) as {
      data: Array<{ documentId: string; slug: string; title: string }>;
    };
    const current = path.join(dirs.releasesDir, 'current');

    // An edit: a partial build (its page, its neighbours', the listings, the home page…), then the search
    // index; the layers pass 5 files, and the live release is compacted.
    const first = await editTitle(publisher, data[0], '(sửa lần 1)');
    await idle(2);
    const compacted = await publisher.waitFor((s) => /Compacted \S+ \(\d+ files in its layers\)/.test(publisher!.output()) && !s.running);
    const [, layered] = /Compacted (\S+) \(/.exec(publisher.output())!;
    expect(compacted.live.release).not.toBe(layered);
    expect(await readlink(path.join(current, 'base'))).toBe('tree');
    expect(await differences(path.join(dirs.releasesDir, layered), current)).toEqual([]);
    expect((await site(`/bai-viet/${data[0].slug}/`)).html).toContain(escapeHtml(first));

    // The next edit is still a partial build, layered on the compacted release.
    const second = await editTitle(publisher, data[1], '(sửa lần 2)');
    const next = await idle(3);
    expect(next.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    // (The live release may be compacted again meanwhile: the build's own release is the one to look at.)
    expect(await readlink(path.join(dirs.releasesDir, next.lastBuild!.release!, 'base'))).toBe(`../${compacted.live.release}/tree`);
    expect((await site(`/bai-viet/${data[1].slug}/`)).html).toContain(escapeHtml(second));

    // Rolling back goes through the releases in order (the search index's, the second edit's), back to
    // the compacted one.
    const rollback = async () => {
      const back = await fetch(`${publisher!.controlUrl}/rollback`, { method: 'POST', headers: { 'x-publish-secret': SECRET } });
      expect(back.status).toBe(200);
      return ((await back.json()) as { live: { release: string } }).live.release;
    };
    let rolled = await rollback();
    while (rolled > compacted.live.release!) rolled = await rollback();
    expect(rolled).toBe(compacted.live.release);
    expect((await site(`/bai-viet/${data[1].slug}/`)).html).not.toContain(escapeHtml(second));
    expect((await site(`/bai-viet/${data[0].slug}/`)).html).toContain(escapeHtml(first));
  });
});
