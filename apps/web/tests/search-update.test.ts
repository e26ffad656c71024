/**
 * The search index's writer (integrations/search-update.ts) with the real Pagefind binary, no CMS: a
 * refresh after a change writes a recent index and recent.json only, never the base; the base is written
 * again once the recent index outgrows its bound.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleRecord, type SearchRecord } from '../src/integrations/search';
import { writeSearchUpdate, type RecentManifest, type SearchUpdate } from '../src/integrations/search-update';

const WORDS = ['phát triển', 'kinh tế', 'nông thôn', 'giao thông', 'giáo dục', 'y tế', 'an ninh', 'quốc phòng', 'du lịch', 'văn hóa'];

/** An article page as the site renders it (what articleRecord reads). */
function record(n: number, extra = ''): SearchRecord {
  const text = Array.from({ length: 40 }, (_, i) => WORDS[(n + i) % WORDS.length]).join(' ');
  const html = `<main><article><h1>Tin số ${n}</h1><p><time datetime="2026-01-01T00:00:00Z">01/01/2026</time></p><p class="lead">Tóm tắt ${n}</p><p>${text} ${extra}</p></article></main>`;
  return articleRecord(html, `/bai-viet/bai-${n}/`)!;
}

function records(count: number): Map<string, SearchRecord> {
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
    expect(await manifest(dirs[0])).toEqual({ index: null, drop: [] });
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
    expect(drop).toEqual([full.state.base.get('bai-7')!.id]);
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
    expect(drop).toEqual(['bai-7', 'bai-8', 'bai-9'].map((slug) => full.state.base.get(slug)!.id).sort());
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
    expect(await manifest(dirs[3])).toEqual({ index: null, drop: [] });
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
    expect((await manifest(dir)).drop).toEqual([bundled.state.base.get('bai-11')!.id]);
    expect(update.written.length).toBeLessThanOrEqual(5);
  });

  it('stops when asked and resolves with null', async () => {
    expect(await writeSearchUpdate(site, nextDir(), null, { shouldStop: () => true })).toBeNull();
  });
});
