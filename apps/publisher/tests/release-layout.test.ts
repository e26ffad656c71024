import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from 'web/site';
import { filesUnder } from '../src/file-tree';
import { carryForward, compact, releaseFiles, startFullRelease, startLayeredRelease, type ReleaseDraft } from '../src/release-layout';
import { createReleases, type Releases } from '../src/releases';
import { startNginx, type RunningNginx } from './helpers/nginx';
import { send } from './helpers/nginx-stack';
import { freePort } from './helpers/publisher';

async function put(draft: ReleaseDraft, files: Record<string, string>): Promise<Set<string>> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(draft.files, file)), { recursive: true });
    await writeFile(path.join(draft.files, file), text);
  }
  return new Set(Object.keys(files));
}

/** Every file on disk under a release folder, its base left out: what publishing it cost. */
const ownFiles = async (dir: string) => (await filesUnder(dir, (name) => name === 'base' || name === 'tree')).filter((f) => !f.startsWith('.'));

let releases: Releases;
let server: ReturnType<typeof createStaticServer>;
let site: string;
let nginx: RunningNginx;

/**
 * The answer to `url`, the same from the publisher's server and from nginx running deploy/nginx (or the
 * test fails): both read a release's layers alike.
 */
const get = async (url: string) => {
  const [own, proxied] = await Promise.all([fetch(`${site}${url}`, { redirect: 'manual' }), send(nginx.port, url, { host: 'www.binhan.test' })]);
  const answer = { status: own.status, text: await own.text(), location: own.headers.get('location') };
  // A redirect's body is each server's own.
  const text = (answer: { status: number; text: string }) => (answer.status === 301 ? '' : answer.text);
  expect({ status: proxied.status, text: text(proxied), location: proxied.headers.location ?? null }, `nginx: ${url}`).toEqual({
    ...answer,
    text: text(answer),
  });
  return answer;
};

/** A layered release on the live one: `files` rendered, `removed` gone, the rest carried over. */
async function layered(files: Record<string, string>, removed: string[] = []): Promise<string> {
  const live = (await releases.current())!;
  const draft = await startLayeredRelease(await releases.create(), live);
  await carryForward(draft, live, { written: await put(draft, files), removed });
  await releases.publish(draft.dir);
  return draft.dir;
}

beforeAll(async () => {
  releases = createReleases(await mkdtemp(path.join(tmpdir(), 'layout-')), 2);
  server = createStaticServer(() => path.join(releases.root, 'current'), { release: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // No CMS, counter or publisher behind this nginx: only the site's files are asked for.
  const nowhere = '127.0.0.1:9';
  nginx = await startNginx(
    {
      SITE_HOST: 'www.binhan.test',
      CMS_HOST: 'cms.binhan.test',
      CMS_UPSTREAM: nowhere,
      COUNTER_UPSTREAM: nowhere,
      PUBLISHER_UPSTREAM: nowhere,
      SITE_ROOT: path.join(releases.root, 'current'),
    },
    await freePort(),
  );
});
afterAll(async () => {
  await nginx?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('layered releases', () => {
  let full: string;
  const pages: Record<string, string> = {};
  for (let i = 0; i < 200; i++) pages[`bai-viet/tin-${i}/index.html`] = `<h1>Tin ${i}</h1>`;

  it('a full release serves every file from its own tree', async () => {
    // Nothing live yet: both answer 404 (each with its own plain page).
    expect((await fetch(`${site}/`)).status).toBe(404);
    expect((await send(nginx.port, '/', { host: 'www.binhan.test' })).status).toBe(404);
    const draft = await startFullRelease(await releases.create());
    await put(draft, { 'index.html': '<h1>Trang chủ</h1>', '404.html': '<h1>Không tìm thấy</h1>', 'media/anh.jpg': 'jpg', ...pages });
    await releases.publish(draft.dir);
    full = draft.dir;
    expect(await get('/')).toMatchObject({ status: 200, text: '<h1>Trang chủ</h1>' });
    expect(await get('/bai-viet/tin-7/')).toMatchObject({ status: 200, text: '<h1>Tin 7</h1>' });
    expect(await get('/bai-viet/tin-7')).toMatchObject({ status: 301, location: '/bai-viet/tin-7/' });
    expect(await get('/khong-co/')).toMatchObject({ status: 404, text: '<h1>Không tìm thấy</h1>' });
  });

  it('a layered release holds only what changed: edits and new pages on top, removals as marks', async () => {
    const next = await layered({ 'bai-viet/tin-1/index.html': '<h1>Tin 1 (sửa)</h1>', 'bai-viet/tin-moi/index.html': '<h1>Tin mới</h1>' }, [
      'bai-viet/tin-2/index.html',
    ]);
    expect(await get('/bai-viet/tin-1/')).toMatchObject({ status: 200, text: '<h1>Tin 1 (sửa)</h1>' });
    expect(await get('/bai-viet/tin-moi/')).toMatchObject({ status: 200, text: '<h1>Tin mới</h1>' });
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ status: 404, text: '<h1>Không tìm thấy</h1>' });
    expect(await get('/bai-viet/tin-3/')).toMatchObject({ status: 200, text: '<h1>Tin 3</h1>' });
    expect((await ownFiles(next)).sort()).toEqual([
      'gone/bai-viet/tin-2/index.html',
      'top/bai-viet/tin-1/index.html',
      'top/bai-viet/tin-moi/index.html',
    ]);
    const served = await releaseFiles(next);
    expect(served.size).toBe(203 - 1 + 1);
    expect(served.has('bai-viet/tin-2/index.html')).toBe(false);
  });

  it('the next one carries the layers over, not the site: its cost follows the changes since the base', async () => {
    const next = await layered({ 'bai-viet/tin-moi/index.html': '<h1>Tin mới (sửa)</h1>' });
    expect((await ownFiles(next)).sort()).toEqual([
      'gone/bai-viet/tin-2/index.html',
      'top/bai-viet/tin-1/index.html',
      'top/bai-viet/tin-moi/index.html',
    ]);
    expect(await get('/bai-viet/tin-1/')).toMatchObject({ text: '<h1>Tin 1 (sửa)</h1>' });
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ status: 404 });
    // A page removed and published again comes back; a page added since the base and removed leaves no mark.
    const again = await layered({ 'bai-viet/tin-2/index.html': '<h1>Tin 2 (đăng lại)</h1>' }, ['bai-viet/tin-moi/index.html']);
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ status: 200, text: '<h1>Tin 2 (đăng lại)</h1>' });
    expect(await get('/bai-viet/tin-moi/')).toMatchObject({ status: 404 });
    expect((await ownFiles(again)).sort()).toEqual(['top/bai-viet/tin-1/index.html', 'top/bai-viet/tin-2/index.html']);
  });

  it('keeps the base of every kept release, beyond the newest `keep`, and rolls back through layered releases', async () => {
    // keep = 2: four releases exist, the base is the oldest and stays because the two newest use it.
    expect(await releases.list()).toContain(full);
    expect(await releases.list()).toHaveLength(3);
    expect(await releases.rollback()).not.toBeNull();
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ status: 404 });
    expect(await get('/bai-viet/tin-moi/')).toMatchObject({ text: '<h1>Tin mới (sửa)</h1>' });
    expect(await releases.rollback()).toBe(full);
    expect(await get('/bai-viet/tin-1/')).toMatchObject({ text: '<h1>Tin 1</h1>' });
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ text: '<h1>Tin 2</h1>' });
    // Forward again, to the newest, for what follows.
    await releases.publish((await releases.list())[0]);
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ text: '<h1>Tin 2 (đăng lại)</h1>' });
  });

  it('compaction writes a full release serving the same files; the old base goes once nothing kept uses it', async () => {
    const live = (await releases.current())!;
    const before = await releaseFiles(live);
    const draft = await startFullRelease(await releases.create());
    expect(await compact(draft, live)).toBe(before.size);
    await releases.publish(draft.dir);
    expect([...(await releaseFiles(draft.dir)).keys()].sort()).toEqual([...before.keys()].sort());
    expect(await get('/bai-viet/tin-2/')).toMatchObject({ text: '<h1>Tin 2 (đăng lại)</h1>' });
    await layered({ 'index.html': '<h1>Trang chủ (mới)</h1>' });
    await releases.trash.emptied();
    expect(existsSync(full)).toBe(false);
    expect(await get('/')).toMatchObject({ text: '<h1>Trang chủ (mới)</h1>' });
    expect(await get('/bai-viet/tin-150/')).toMatchObject({ text: '<h1>Tin 150</h1>' });
  });

  it('never serves from outside a layer, whatever the path', async () => {
    const live = (await releases.current())!;
    const outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
    await writeFile(path.join(outside, 'secret.txt'), 'root:secret');
    await symlink(path.join(outside, 'secret.txt'), path.join(live, 'top', 'link.txt'));
    await writeFile(path.join(live, 'secret.txt'), 'root:release-internal');
    for (const url of [
      '/link.txt',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/base/index.html',
      '/%00',
      '/%E0%A4%A',
      '/gone/',
    ]) {
      const own = await fetch(`${site}${url}`);
      const proxied = await send(nginx.port, url, { host: 'www.binhan.test' });
      for (const answer of [{ status: own.status, text: await own.text() }, proxied]) {
        expect([400, 404], url).toContain(answer.status);
        expect(answer.text, url).not.toContain('root:');
      }
    }
    expect((await readdir(live)).sort()).toEqual(['.release-complete', 'base', 'gone', 'secret.txt', 'top']);
  });
});
