/**
 * The search index's writer (integrations/search-update.ts) with the real Pagefind binary, no CMS: a
 * refresh after a change writes a recent index and recent.json only, never the base; the base is written
 * again once the recent index outgrows its bound; a base larger than a shard is cut into shards, and
 * written again only where it changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { articleRecord } from '../src/integrations/search';
import { StoredRecord } from '../src/integrations/search-record';
import {
  SearchBaseWriter,
  writeSearchUpdate,
  type RecentManifest,
  type SearchIndexState,
  type SearchUpdate,
} from '../src/integrations/search-update';

const WORDS = ['phát triển', 'kinh tế', 'nông thôn', 'giao thông', 'giáo dục', 'y tế', 'an ninh', 'quốc phòng', 'du lịch', 'văn hóa'];

/** The record of an article page as the site renders it (what articleRecord reads), as a build keeps it. */
function record(n: number, extra = ''): StoredRecord {
  const text = Array.from({ length: 40 }, (_, i) => WORDS[(n + i) % WORDS.length]).join(' ');
  const html = `<main><article><h1>Tin số ${n}</h1><p><time datetime="2026-01-01T00:00:00Z">01/01/2026</time></p><p class="lead">Tóm tắt ${n}</p><p>${text} ${extra}</p></article></main>`;
  return StoredRecord.of(articleRecord(html, `/bai-viet/bai-${n}/`)!);
}

function records(count: number): Map<string, StoredRecord> {
  return new Map(Array.from({ length: count }, (_, n) => [`bai-${n}`, record(n)]));
}

const work = await mkdtemp(path.join(tmpdir(), 'search-update-'));
let release = 0;
const nextDir = () => path.join(work, `release-${++release}`);

afterAll(() => rm(work, { recursive: true, force: true }));

async function manifest(dir: string): Promise<RecentManifest> {
  return JSON.parse(await readFile(path.join(dir, 'pagefind', 'recent.json'), 'utf8')) as RecentManifest;
}

describe('writeSearchUpdate', () => {
  const site = records(60);
  let full: SearchUpdate;
  let first: SearchUpdate;
  const dirs: string[] = [];

  it('writes the whole index when there is none: Pagefind’s bundle, every article, no recent index', async () => {
    dirs.push(nextDir());
    full = (await writeSearchUpdate(site, dirs[0], null))!;
    expect(full.kind).toBe('full');
    expect(full.obsolete).toEqual([]);
    expect(full.state.base.size).toBe(60);
    expect(full.written).toContain('pagefind/pagefind.js');
    expect(full.written.filter((file) => file.startsWith('pagefind/fragment/'))).toHaveLength(60);
    expect(full.written).toEqual(full.state.files);
    expect(await manifest(dirs[0])).toEqual({ bases: [], index: null, drop: [] });
    // Every article has its own Pagefind id.
    expect(new Set([...full.state.base.values()].map(({ id }) => id)).size).toBe(60);
  });

  it('after one change writes a recent index of that article and recent.json, nothing of the base', async () => {
    site.set('bai-7', record(7, 'cá tầm Ngọc Linh'));
    dirs.push(nextDir());
    first = (await writeSearchUpdate(site, dirs[1], full.state))!;
    expect(first.kind).toBe('recent');
    expect(first.written.length).toBeLessThanOrEqual(5);
    expect(first.written).toContain('pagefind/recent.json');
    expect(first.written.every((file) => file === 'pagefind/recent.json' || /^pagefind\/recent-[0-9a-f]+\//.test(file))).toBe(true);
    expect(first.obsolete).toEqual([]);
    const { index, drop } = await manifest(dirs[1]);
    expect(drop).toEqual([[full.state.base.get('bai-7')!.id, '/bai-viet/bai-7/']]);
    expect(existsSync(path.join(dirs[1], 'pagefind', index!, 'pagefind-entry.json'))).toBe(true);
    const entry = JSON.parse(await readFile(path.join(dirs[1], 'pagefind', index!, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(entry.languages.vi.page_count).toBe(1);
    // The other files are the base's, which the caller carries from the previous output.
    const carried = first.state.files.filter((file) => !first.written.includes(file));
    expect(carried.every((file) => existsSync(path.join(dirs[0], file)))).toBe(true);
    expect(carried.length).toBe(full.state.files.length - 1);
  });

  it('keeps every change since the base in the recent index, drops the removed, and retires the old recent files', async () => {
    site.set('bai-8', record(8, 'khinh khí cầu'));
    site.delete('bai-9');
    site.set('bai-60', record(60, 'bài mới'));
    dirs.push(nextDir());
    const second = (await writeSearchUpdate(site, dirs[2], first.state))!;
    expect(second.kind).toBe('recent');
    expect([...second.state.recent].sort()).toEqual(['bai-60', 'bai-7', 'bai-8']);
    const { drop } = await manifest(dirs[2]);
    expect(drop).toEqual(
      ['bai-7', 'bai-8', 'bai-9'].map((slug) => [full.state.base.get(slug)!.id, `/bai-viet/${slug}/`]).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    expect(second.obsolete.sort()).toEqual(first.written.filter((file) => file !== 'pagefind/recent.json').sort());
    // Its meta, index and entry, one fragment per article, and recent.json: a tenth of the base at most.
    expect(second.written.filter((file) => file.includes('/fragment/'))).toHaveLength(3);
    expect(second.written.length).toBeLessThan(full.state.files.length / 10);
  });

  it('writes the base again once the recent index would outgrow its bound', async () => {
    site.set('bai-10', record(10, 'đợt hai'));
    dirs.push(nextDir());
    const previous = (await writeSearchUpdate(site, dirs[3], full.state, { maxRecent: 3 }))!;
    expect(previous.kind).toBe('full');
    expect(previous.state.base.size).toBe(60);
    expect(previous.state.recent.size).toBe(0);
    expect(await manifest(dirs[3])).toEqual({ bases: [], index: null, drop: [] });
    // The old base's files with other contents are retired; the bundle's fixed files are written again.
    expect(previous.obsolete.length).toBeGreaterThan(0);
    expect(previous.obsolete.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
    expect(previous.obsolete).not.toContain('pagefind/pagefind.js');
  });

  it('gives the same files for the same records, however they were collected', async () => {
    const a = nextDir();
    const b = nextDir();
    const once = (await writeSearchUpdate(site, a, null))!;
    const reversed = new Map([...site].reverse());
    const twice = (await writeSearchUpdate(reversed, b, null))!;
    expect(twice.written).toEqual(once.written);
    for (const file of once.written) expect((await readFile(path.join(b, file))).equals(await readFile(path.join(a, file)))).toBe(true);
  });

  it('knows every article’s id when Pagefind bundles fragments (large sites)', async () => {
    const bundled = (await writeSearchUpdate(site, nextDir(), null, { maxFragments: 8 }))!;
    expect(bundled.written.filter((file) => file.startsWith('pagefind/fragment/')).length).toBeLessThanOrEqual(8);
    expect(bundled.state.base.size).toBe(site.size);
    expect(new Set([...bundled.state.base.values()].map(({ id }) => id)).size).toBe(site.size);
    site.set('bai-11', record(11, 'lần ba'));
    const dir = nextDir();
    const update = (await writeSearchUpdate(site, dir, bundled.state, { maxFragments: 8 }))!;
    expect((await manifest(dir)).drop).toEqual([[bundled.state.base.get('bai-11')!.id, '/bai-viet/bai-11/']]);
    expect(update.written.length).toBeLessThanOrEqual(5);
  });

  it('stops when asked and resolves with null', async () => {
    expect(await writeSearchUpdate(site, nextDir(), null, { shouldStop: () => true })).toBeNull();
  });
});

/** The number of pages in the Pagefind index of a shard's folder ('' : the primary bundle). */
async function pageCount(dir: string, folder: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(dir, 'pagefind', folder, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return entry.languages.vi.page_count;
}

/** The files of one shard's folder among an index's files. */
const inShard = (state: SearchIndexState, n: number) =>
  state.files.filter((file) => {
    const folder = state.shards[n].folder;
    return folder ? file.startsWith(`pagefind/${folder}`) : !/^pagefind\/(base-|recent)/.test(file);
  });

describe('writeSearchUpdate in shards', () => {
  const site = records(70);
  const options = { shardSize: 20 };
  let full: SearchUpdate;
  let dir: string;

  it('cuts the base into shards of at most shardSize articles, each article in exactly one, listed in recent.json', async () => {
    dir = nextDir();
    full = (await writeSearchUpdate(site, dir, null, options))!;
    expect(full.kind).toBe('full');
    const { shards } = full.state;
    expect(shards.map(({ slugs }) => slugs.length)).toEqual([20, 20, 20, 10]);
    expect(shards.flatMap(({ slugs }) => slugs).sort()).toEqual([...site.keys()].sort());
    expect(shards[0].folder).toBe('');
    for (const { folder } of shards.slice(1)) expect(folder).toMatch(/^base-[0-9a-f]{12}\/$/);
    expect(await manifest(dir)).toEqual({ bases: shards.slice(1).map(({ folder }) => folder), index: null, drop: [] });
    for (const { folder, slugs } of shards) expect(await pageCount(dir, folder)).toBe(slugs.length);
    // The other shards are merged into the primary bundle: its script and WebAssembly only once.
    expect(full.written.filter((file) => file.endsWith('/pagefind.js'))).toEqual(['pagefind/pagefind.js']);
    for (const n of [1, 2, 3])
      expect(inShard(full.state, n).every((file) => /\/(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment)\/[^/]+)$/.test(file))).toBe(
        true,
      );
    expect(full.written).toEqual(full.state.files);
    expect(full.state.files.every((file) => existsSync(path.join(dir, file)))).toBe(true);
  });

  it('gives the same shards and files for the same records, however they were collected', async () => {
    const other = nextDir();
    const twice = (await writeSearchUpdate(new Map([...site].reverse()), other, null, options))!;
    expect(twice.state.shards).toEqual(full.state.shards);
    expect(twice.written).toEqual(full.written);
    for (const file of full.written) expect((await readFile(path.join(other, file))).equals(await readFile(path.join(dir, file)))).toBe(true);
  });

  it('lists the shards in recent.json beside a recent index', async () => {
    const edited = new Map(site).set('bai-45', record(45, 'cá tầm Ngọc Linh'));
    const next = nextDir();
    const update = (await writeSearchUpdate(edited, next, full.state, options))!;
    expect(update.kind).toBe('recent');
    expect(update.state.shards).toEqual(full.state.shards);
    expect(update.written.length).toBeLessThanOrEqual(5);
    const written = await manifest(next);
    expect(written.bases).toEqual(full.state.shards.slice(1).map(({ folder }) => folder));
    expect(written.drop).toEqual([[full.state.base.get('bai-45')!.id, '/bai-viet/bai-45/']]);
  });

  it('writes the base again only in the shards holding a change: an edit, a removal, new articles', async () => {
    // bai-45 sits in shard 3 (slug order: bai-0, bai-1, bai-10…), bai-9 in the last; the new ones fill the last.
    const changed = new Map(site).set('bai-45', record(45, 'cá tầm Ngọc Linh'));
    changed.delete('bai-9');
    for (const n of [70, 71]) changed.set(`bai-${n}`, record(n));
    const holding = (slug: string) => full.state.shards.findIndex(({ slugs }) => slugs.includes(slug));
    const touched = new Set([holding('bai-45'), holding('bai-9'), 3]);
    const next = nextDir();
    const update = (await writeSearchUpdate(changed, next, full.state, { ...options, maxRecent: 0 }))!;
    expect(update.kind).toBe('full');
    expect(update.state.recent.size).toBe(0);
    expect(update.state.shards.map(({ slugs }) => slugs.length)).toEqual(
      full.state.shards.map(({ slugs }, n) => slugs.filter((slug) => slug !== 'bai-9').length + (n === 3 ? 2 : 0)),
    );
    expect(update.state.shards[3].slugs.slice(-2)).toEqual(['bai-70', 'bai-71']);
    for (const [n, shard] of update.state.shards.entries()) {
      const before = full.state.shards[n];
      if (touched.has(n)) {
        expect(inShard(update.state, n).every((file) => update.written.includes(file))).toBe(true);
        expect(inShard(full.state, n).some((file) => update.obsolete.includes(file))).toBe(true);
        expect(await pageCount(next, shard.folder)).toBe(shard.slugs.length);
      } else {
        // Carried as it was: same folder, same files, none written.
        expect(shard).toEqual(before);
        expect(inShard(update.state, n)).toEqual(inShard(full.state, n));
        expect(inShard(update.state, n).some((file) => update.written.includes(file))).toBe(false);
      }
    }
    expect(touched.size).toBeLessThan(update.state.shards.length);
    expect(update.written).toContain('pagefind/recent.json');
    expect(update.written.length).toBeLessThan(full.written.length);
    expect(await manifest(next)).toEqual({ bases: update.state.shards.slice(1).map(({ folder }) => folder), index: null, drop: [] });
    // Every current article once, with its id; the carried ones keep theirs.
    expect([...update.state.base.keys()].sort()).toEqual([...changed.keys()].sort());
    expect(update.state.base.get('bai-0')).toEqual(full.state.base.get('bai-0'));
    const carried = update.state.files.filter((file) => !update.written.includes(file));
    expect(carried.every((file) => existsSync(path.join(dir, file)))).toBe(true);
    expect(update.written.every((file) => existsSync(path.join(next, file)))).toBe(true);
  });

  it('writes every shard afresh when asked for a full write, as from nothing', async () => {
    const again = (await writeSearchUpdate(site, nextDir(), full.state, { ...options, full: true }))!;
    expect(again.state.shards).toEqual(full.state.shards);
    expect(again.written).toEqual(full.written);
    expect(again.obsolete).toEqual([]);
  });
});

describe('SearchBaseWriter', () => {
  const site = records(70);
  const options = { shardSize: 20 };
  const sorted = [...site].sort(([a], [b]) => (a < b ? -1 : 1));

  /** Pagefind processes started by this test process, once those told to stop have exited. */
  const running = () =>
    execFileSync('ps', ['-o', 'stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => / pagefind/.test(line) && !line.startsWith('Z')).length;
  const pagefindProcesses = async () => {
    const count = running;
    await vi.waitFor(() => expect(count()).toBe(0), { timeout: 5000, interval: 20 }).catch(() => undefined);
    return count();
  };

  it('writes the shards while the records come, the same files as a full write', async () => {
    const dir = nextDir();
    const writer = new SearchBaseWriter(dir, options);
    for (const [slug, record] of sorted.slice(0, 21)) writer.add(slug, record);
    // The 21st record starts the second shard: the first is written out meanwhile, before finish.
    await vi.waitFor(() => expect(existsSync(path.join(dir, 'pagefind', 'pagefind-entry.json'))).toBe(true), { timeout: 30_000, interval: 50 });
    expect(existsSync(path.join(dir, 'pagefind', 'recent.json'))).toBe(false);
    expect(running()).toBe(1);
    for (const [slug, record] of sorted.slice(21)) writer.add(slug, record);
    const streamed = (await writer.finish())!;
    const whole = (await writeSearchUpdate(site, nextDir(), null, options))!;
    expect(streamed.state.shards).toEqual(whole.state.shards);
    expect(streamed.written).toEqual(whole.written);
    expect([...streamed.state.base]).toEqual([...whole.state.base]);
    expect(await manifest(dir)).toEqual({ bases: whole.state.shards.slice(1).map(({ folder }) => folder), index: null, drop: [] });
    expect(await pagefindProcesses()).toBe(0);
  });

  it('writes shards on two Pagefind services at once: the same files as one', async () => {
    const dir = nextDir();
    const writer = new SearchBaseWriter(dir, { ...options, services: 2 });
    for (const [slug, record] of sorted.slice(0, 41)) writer.add(slug, record);
    // The first shard went to one service, the second to the other: two processes.
    await vi.waitFor(() => expect(running()).toBe(2), { timeout: 30_000, interval: 20 });
    for (const [slug, record] of sorted.slice(41)) writer.add(slug, record);
    const two = (await writer.finish())!;
    const one = (await writeSearchUpdate(site, nextDir(), null, options))!;
    expect(two.state.shards).toEqual(one.state.shards);
    expect(two.written).toEqual(one.written);
    expect([...two.state.base]).toEqual([...one.state.base]);
    expect(await pagefindProcesses()).toBe(0);
    expect(() => new SearchBaseWriter(nextDir(), { services: 0 })).toThrow(RangeError);
  });

  it('makes its feeder wait while too many records wait for Pagefind', async () => {
    const writer = new SearchBaseWriter(nextDir(), { ...options, maxUnanswered: 5 });
    const now = () => Promise.race([writer.room().then(() => 'room'), new Promise((resolve) => setTimeout(resolve, 0, 'waits'))]);
    for (const [slug, record] of sorted.slice(0, 4)) writer.add(slug, record);
    expect(await now()).toBe('room');
    for (const [slug, record] of sorted.slice(4, 30)) writer.add(slug, record);
    expect(await now()).toBe('waits');
    await writer.room();
    for (const [slug, record] of sorted.slice(30)) {
      writer.add(slug, record);
      await writer.room();
    }
    expect((await writer.finish())!.state.base.size).toBe(site.size);
  });

  it('refuses a record out of slug order, or the same slug twice', async () => {
    const writer = new SearchBaseWriter(nextDir(), options);
    writer.add(sorted[1][0], sorted[1][1]);
    expect(() => writer.add(sorted[0][0], sorted[0][1])).toThrow(/slug order/);
    expect(() => writer.add(sorted[1][0], sorted[1][1])).toThrow(/slug order/);
    await writer.abort();
    expect(await pagefindProcesses()).toBe(0);
  });

  it('stops when asked while the records come: finish resolves with null, Pagefind is closed', async () => {
    let stop = false;
    const writer = new SearchBaseWriter(nextDir(), { ...options, shouldStop: () => stop });
    for (const [slug, record] of sorted.slice(0, 45)) writer.add(slug, record);
    stop = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const [slug, record] of sorted.slice(45)) writer.add(slug, record);
    expect(await writer.finish()).toBeNull();
    expect(await pagefindProcesses()).toBe(0);
  });

  it('drops its work on abort (a failed build): no Pagefind left running, nothing thrown later', async () => {
    const writer = new SearchBaseWriter(nextDir(), options);
    for (const [slug, record] of sorted.slice(0, 50)) writer.add(slug, record);
    await writer.abort();
    expect(await pagefindProcesses()).toBe(0);
    // A new writer works after it (the service starts again).
    const again = new SearchBaseWriter(nextDir(), options);
    for (const [slug, record] of sorted) again.add(slug, record);
    expect((await again.finish())!.state.base.size).toBe(site.size);
  });
});
