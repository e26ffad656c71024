/**
 * The search index's writer (integrations/search-update.ts) on real files, no CMS: a refresh after a change
 * writes a recent index, recent.json and engine.js only, never the base; the base is written
 * again once the recent index outgrows its bound; a base larger than a shard is cut into shards, and
 * written again only where it changed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { FORMAT } from '../src/integrations/search-index';

const ENGINE = fileURLToPath(new URL('../src/scripts/search-engine.js', import.meta.url));
/** The files every write writes again. */
const TOP_FILES = ['_search/engine.js', '_search/recent.json'];

/** The index.json of an index folder. */
async function entry(dir: string, folder: string): Promise<{ format: number; docs: number }> {
  return JSON.parse(await readFile(path.join(dir, '_search', folder, 'index.json'), 'utf8')) as { format: number; docs: number };
}

/** Whether a shard of the base is written out in `dir` (its index.json). */
const shardWritten = (dir: string) =>
  existsSync(path.join(dir, '_search')) &&
  readdirSync(path.join(dir, '_search')).some((name) => name.startsWith('base-') && existsSync(path.join(dir, '_search', name, 'index.json')));

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
  return JSON.parse(await readFile(path.join(dir, '_search', 'recent.json'), 'utf8')) as RecentManifest;
}

describe('writeSearchUpdate', () => {
  const site = records(60);
  let full: SearchUpdate;
  let first: SearchUpdate;
  const dirs: string[] = [];

  it('writes the whole index when there is none: the engine, one shard of every article, no recent index', async () => {
    dirs.push(nextDir());
    full = (await writeSearchUpdate(site, dirs[0], null))!;
    expect(full.kind).toBe('full');
    expect(full.obsolete).toEqual([]);
    expect(full.state.base.size).toBe(60);
    expect(full.written).toContain('_search/engine.js');
    expect(await readFile(path.join(dirs[0], '_search', 'engine.js'), 'utf8')).toBe(await readFile(ENGINE, 'utf8'));
    const [shard] = full.state.shards;
    expect(full.state.shards).toHaveLength(1);
    expect(shard.folder).toMatch(/^base-[0-9a-f]{12}\/$/);
    expect(await entry(dirs[0], shard.folder)).toMatchObject({ format: FORMAT, docs: 60 });
    // 60 documents, 50 to a file.
    expect(full.written.filter((file) => file.startsWith(`_search/${shard.folder}d/`))).toHaveLength(2);
    expect(full.written).toEqual(full.state.files);
    expect(await manifest(dirs[0])).toEqual({ bases: [shard.folder], index: null, drop: [] });
    // Every article is one document of the shard.
    expect(new Set([...full.state.base.values()].map(({ doc }) => doc))).toEqual(new Set(Array.from({ length: 60 }, (_, n) => n)));
  });

  it('after one change writes a recent index of that article and recent.json, nothing of the base', async () => {
    site.set('bai-7', record(7, 'cá tầm Ngọc Linh'));
    dirs.push(nextDir());
    first = (await writeSearchUpdate(site, dirs[1], full.state))!;
    expect(first.kind).toBe('recent');
    expect(first.written.length).toBeLessThanOrEqual(6);
    expect(first.written).toContain('_search/recent.json');
    expect(first.written.every((file) => TOP_FILES.includes(file) || /^_search\/recent-[0-9a-f]+\//.test(file))).toBe(true);
    expect(first.obsolete).toEqual([]);
    const { index, drop } = await manifest(dirs[1]);
    const { folder, doc } = full.state.base.get('bai-7')!;
    expect(drop).toEqual([[folder, doc]]);
    expect(await entry(dirs[1], index!)).toMatchObject({ format: FORMAT, docs: 1 });
    // The other files are the base's, which the caller carries from the previous output.
    const carried = first.state.files.filter((file) => !first.written.includes(file));
    expect(carried.every((file) => existsSync(path.join(dirs[0], file)))).toBe(true);
    expect(carried.length).toBe(full.state.files.length - TOP_FILES.length);
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
    expect(drop).toEqual(['bai-7', 'bai-8', 'bai-9'].map((slug) => [full.state.base.get(slug)!.folder, full.state.base.get(slug)!.doc]));
    expect(second.obsolete.sort()).toEqual(first.written.filter((file) => !TOP_FILES.includes(file)).sort());
    expect(
      await entry(dirs[2], second.state.files.find((file) => file.endsWith('/index.json') && file.includes('/recent-'))!.split('/')[1] + '/'),
    ).toMatchObject({
      docs: 3,
    });
    expect(second.written.length).toBeLessThanOrEqual(6);
  });

  it('writes the base again once the recent index would outgrow its bound', async () => {
    site.set('bai-10', record(10, 'đợt hai'));
    dirs.push(nextDir());
    const previous = (await writeSearchUpdate(site, dirs[3], full.state, { maxRecent: 3 }))!;
    expect(previous.kind).toBe('full');
    expect(previous.state.base.size).toBe(60);
    expect(previous.state.recent.size).toBe(0);
    expect(await manifest(dirs[3])).toEqual({ bases: previous.state.shards.map(({ folder }) => folder), index: null, drop: [] });
    // The old base's shard is retired (a new folder, named by its records); the engine is written again.
    expect(previous.state.shards[0].folder).not.toBe(full.state.shards[0].folder);
    expect(previous.obsolete).toEqual(full.state.files.filter((file) => !TOP_FILES.includes(file)));
    expect(previous.written).toContain('_search/engine.js');
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

  it('stops when asked and resolves with null', async () => {
    expect(await writeSearchUpdate(site, nextDir(), null, { shouldStop: () => true })).toBeNull();
  });
});

/** The number of documents in the index of a folder. */
async function pageCount(dir: string, folder: string): Promise<number> {
  return (await entry(dir, folder)).docs;
}

/** The files of one shard's folder among an index's files. */
const inShard = (state: SearchIndexState, n: number) => state.files.filter((file) => file.startsWith(`_search/${state.shards[n].folder}`));

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
    for (const { folder } of shards) expect(folder).toMatch(/^base-[0-9a-f]{12}\/$/);
    expect(await manifest(dir)).toEqual({ bases: shards.map(({ folder }) => folder), index: null, drop: [] });
    for (const { folder, slugs } of shards) expect(await pageCount(dir, folder)).toBe(slugs.length);
    // Every file is a shard's, or one of the two every write writes.
    for (const file of full.written)
      expect(TOP_FILES.includes(file) || /^_search\/base-[0-9a-f]{12}\/(index\.json|[wd]\/\d+\.json)$/.test(file), file).toBe(true);
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
    expect(update.written.length).toBeLessThanOrEqual(6);
    const written = await manifest(next);
    expect(written.bases).toEqual(full.state.shards.map(({ folder }) => folder));
    const { folder, doc } = full.state.base.get('bai-45')!;
    expect(written.drop).toEqual([[folder, doc]]);
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
    expect(update.written).toContain('_search/recent.json');
    expect(update.written.length).toBeLessThan(full.written.length);
    expect(await manifest(next)).toEqual({ bases: update.state.shards.map(({ folder }) => folder), index: null, drop: [] });
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

  it('writes the shards while the records come, the same files as a full write', async () => {
    const dir = nextDir();
    const writer = new SearchBaseWriter(dir, options);
    for (const [slug, record] of sorted.slice(0, 21)) writer.add(slug, record);
    // The 21st record starts the second shard: the first is written out meanwhile, before finish.
    await vi.waitFor(() => expect(shardWritten(dir)).toBe(true), { timeout: 30_000, interval: 20 });
    expect(existsSync(path.join(dir, '_search', 'recent.json'))).toBe(false);
    for (const [slug, record] of sorted.slice(21)) writer.add(slug, record);
    const streamed = (await writer.finish())!;
    const whole = (await writeSearchUpdate(site, nextDir(), null, options))!;
    expect(streamed.state.shards).toEqual(whole.state.shards);
    expect(streamed.written).toEqual(whole.written);
    expect([...streamed.state.base]).toEqual([...whole.state.base]);
    expect(await manifest(dir)).toEqual({ bases: whole.state.shards.map(({ folder }) => folder), index: null, drop: [] });
  });

  it('refuses a record out of slug order, or the same slug twice, and a shard size that is not a whole number above 0', async () => {
    const writer = new SearchBaseWriter(nextDir(), options);
    writer.add(sorted[1][0], sorted[1][1]);
    expect(() => writer.add(sorted[0][0], sorted[0][1])).toThrow(/slug order/);
    expect(() => writer.add(sorted[1][0], sorted[1][1])).toThrow(/slug order/);
    await writer.abort();
    for (const shardSize of [0, -1, 1.5, Number.NaN]) expect(() => new SearchBaseWriter(nextDir(), { shardSize })).toThrow(RangeError);
  });

  it('stops when asked while the records come: finish resolves with null, no manifest is written', async () => {
    let stop = false;
    const dir = nextDir();
    const writer = new SearchBaseWriter(dir, { ...options, shouldStop: () => stop });
    for (const [slug, record] of sorted.slice(0, 45)) writer.add(slug, record);
    stop = true;
    for (const [slug, record] of sorted.slice(45)) writer.add(slug, record);
    expect(await writer.finish()).toBeNull();
    expect(existsSync(path.join(dir, '_search', 'recent.json'))).toBe(false);
  });

  it('drops its work on abort (a failed build): nothing written after, nothing thrown later', async () => {
    const dir = nextDir();
    const writer = new SearchBaseWriter(dir, options);
    for (const [slug, record] of sorted.slice(0, 50)) writer.add(slug, record);
    await writer.abort();
    expect(existsSync(path.join(dir, '_search', 'recent.json'))).toBe(false);
    writer.add('zz-after', record(99));
    const again = new SearchBaseWriter(nextDir(), options);
    for (const [slug, record] of sorted) again.add(slug, record);
    expect((await again.finish())!.state.base.size).toBe(site.size);
  });
});
