/**
 * The search page's engine (scripts/search-engine.js) on an index written by search-update.ts, served over
 * real HTTP: with and without diacritics (đ included), the spelling typed first, words begun, every word
 * required, the title above the text, several shards and a recent index that supersedes base documents.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleRecord } from '../src/integrations/search';
import { StoredRecord } from '../src/integrations/search-record';
import { writeSearchUpdate, type SearchUpdate } from '../src/integrations/search-update';
import { search } from '../src/scripts/search-engine.js';

/** A title's words run together (a paste): longer than the 40 letters a word is indexed by. */
const LONG = 'Quyếtđịnhphêduyệtkếhoạchđầutưcôngtrunghạngiaiđoạn20262030';

const ARTICLES: Array<[slug: string, title: string, lead: string, text: string]> = [
  ['bai-01', 'Mở rộng đường vành đai phía bắc', 'Tuyến đường mới dài 12 km.', 'Công trình giao thông trọng điểm của tỉnh.'],
  ['bai-02', 'Chợ phiên cuối tuần', 'Người dân bán nông sản.', 'Bà con mang rau, cá tầm và gạo ra chợ bán.'],
  ['bai-03', 'Hội nghị bàn giải pháp', 'Các sở bàn việc thu hút đầu tư.', 'Lãnh đạo tỉnh chủ trì hội nghị tại thành phố.'],
  ['bai-04', 'Khinh khí cầu bay trên bầu trời', 'Lễ hội lần đầu tổ chức.', 'Hơn hai mươi khinh khí cầu cất cánh.'],
  ['bai-05', 'Bảo vệ an ninh trật tự dịp lễ', 'Công an tăng cường tuần tra.', 'Lực lượng chức năng bảo vệ an ninh khu dân cư.'],
  ['bai-06', 'Nuôi cá ở hồ chứa', 'Mô hình nuôi cá lồng.', 'Nông dân thu hoạch cá rô phi.'],
  ['bai-07', 'Tin vắn trong ngày', 'Tổng hợp tin.', 'Một đoạn ngắn có nhắc đến đường làng.'],
  ['bai-09', `${LONG} được công bố`, 'Văn kiện mới.', 'Toàn văn kèm theo.'],
];

function stored(slug: string, title: string, lead: string, text: string): StoredRecord {
  const html = `<main><article><h1>${title}</h1><p><time datetime="2026-03-01T00:00:00Z">01/03/2026</time></p><p class="lead">${lead}</p><p>${text}</p></article></main>`;
  return StoredRecord.of(articleRecord(html, `/bai-viet/${slug}/`)!);
}

const site = new Map(ARTICLES.map(([slug, ...rest]) => [slug, stored(slug, ...rest)]));

let work: string;
let server: Server;
let served = '';
let base: string;
const requested: string[] = [];

/** Serves `served` (a build's output folder) at the server's address. */
function startServer(): Promise<void> {
  server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(pathname);
    readFile(path.join(served, pathname)).then(
      (body) => response.writeHead(200, { 'content-type': pathname.endsWith('.json') ? 'application/json' : 'text/javascript' }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

const titles = async (query: string) => (await search(query, { base })).results.map(({ title }) => title);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'search-engine-'));
  await startServer();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_search/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

describe('search on a whole index in shards', () => {
  let full: SearchUpdate;

  beforeAll(async () => {
    served = path.join(work, 'full');
    full = (await writeSearchUpdate(site, served, null, { shardSize: 3 }))!;
    expect(full.state.shards).toHaveLength(3);
  });

  it('finds a text typed with or without its marks, đ included', async () => {
    expect(await titles('bảo vệ an ninh')).toEqual(['Bảo vệ an ninh trật tự dịp lễ']);
    expect(await titles('BAO VE AN NINH')).toEqual(['Bảo vệ an ninh trật tự dịp lễ']);
    const withMarks = await titles('đường');
    expect(withMarks).toEqual(['Mở rộng đường vành đai phía bắc', 'Tin vắn trong ngày']);
    expect(await titles('duong')).toEqual(withMarks);
    // NFD input (some keyboards) reads as NFC.
    expect(await titles('đường'.normalize('NFD'))).toEqual(withMarks);
  });

  it('ranks the spelling typed first, and finds the others', async () => {
    // "bàn" (discuss) and "bán" (sell): both fold to "ban".
    expect(await titles('bàn')).toEqual(['Hội nghị bàn giải pháp', 'Chợ phiên cuối tuần']);
    expect(await titles('bán')).toEqual(['Chợ phiên cuối tuần', 'Hội nghị bàn giải pháp']);
    expect((await titles('ban')).sort()).toEqual(['Chợ phiên cuối tuần', 'Hội nghị bàn giải pháp']);
  });

  it('requires every word, and finds words by their beginning from three letters on', async () => {
    expect(await titles('cá tầm')).toEqual(['Chợ phiên cuối tuần']);
    expect((await titles('cá')).sort()).toEqual(['Chợ phiên cuối tuần', 'Nuôi cá ở hồ chứa']);
    expect(await titles('khinh khí cầu lễ hội')).toEqual(['Khinh khí cầu bay trên bầu trời']);
    expect(await titles('khin')).toEqual(['Khinh khí cầu bay trên bầu trời']);
    expect(await titles('thàn')).toEqual(['Hội nghị bàn giải pháp']);
    // Two letters match whole words only: "hộ" finds "hồ" (both "ho"), not "hội".
    expect(await titles('hộ')).toEqual(['Nuôi cá ở hồ chứa']);
    expect(await titles('cá sấu')).toEqual([]);
  });

  it('finds a word longer than the letters it is indexed by, typed whole or cut', async () => {
    expect(await titles(LONG)).toEqual([`${LONG} được công bố`]);
    expect(await titles('quyetdinhpheduyetkehoach')).toEqual([`${LONG} được công bố`]);
  });

  it('ranks a word of the title above the same word in the text', async () => {
    const found = await titles('đường');
    expect(found[0]).toBe('Mở rộng đường vành đai phía bắc');
  });

  it('answers a query of no words with nothing, without a request', async () => {
    requested.length = 0;
    expect(await search(' ,.;!? ', { base })).toEqual({ total: 0, results: [] });
    expect(requested).toEqual([]);
  });

  it('gives the page, title, lead and date of each result, and counts beyond the limit', async () => {
    const { total, results } = await search('tỉnh', { base, limit: 1 });
    expect(total).toBe(2);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ url: expect.stringMatching(/^\/bai-viet\/bai-0[13]\/$/) as unknown, date: '2026-03-01T00:00:00Z' });
    expect(results[0].description).toMatch(/\.$/);
  });

  it('loads one words file per index and query word, whatever the number of words in the index', async () => {
    requested.length = 0;
    await search('khinh khí', { base });
    const words = requested.filter((file) => /\/w\/\d+\.json$/.test(file));
    expect(words.length).toBeLessThanOrEqual(2 * full.state.shards.length);
    expect(requested.filter((file) => file.endsWith('/index.json'))).toHaveLength(full.state.shards.length);
  });

  it('refuses an index it cannot read: a missing manifest', async () => {
    const before = served;
    served = path.join(work, 'nothing-here');
    await expect(search('tỉnh', { base })).rejects.toThrow(/recent\.json: 404/);
    served = before;
  });
});

describe('search after a refresh (a recent index over the base)', () => {
  beforeAll(async () => {
    const full = (await writeSearchUpdate(site, path.join(work, 'base'), null, { shardSize: 3 }))!;
    const edited = new Map(site)
      .set('bai-04', stored('bai-04', 'Trại cá tầm Ngọc Linh thu hoạch', 'Lứa cá đầu tiên.', 'Cá được thả từ mùa xuân.'))
      .set('bai-08', stored('bai-08', 'Đường hoa xuân khai mạc', 'Đường hoa dài 500 m.', 'Mở cửa đến rằm tháng Giêng.'));
    edited.delete('bai-07');
    served = path.join(work, 'recent');
    const update = (await writeSearchUpdate(edited, served, full.state, { shardSize: 3 }))!;
    expect(update.kind).toBe('recent');
    // The refresh's output folder holds its own files; the base's are carried from the release before.
    const { cp } = await import('node:fs/promises');
    for (const file of update.state.files.filter((file) => !update.written.includes(file)))
      await cp(path.join(work, 'base', file), path.join(served, file));
  });

  it('finds an edited article by its new words, with and without marks, no longer by the words it lost', async () => {
    expect(await titles('Ngọc Linh')).toEqual(['Trại cá tầm Ngọc Linh thu hoạch']);
    expect(await titles('ngoc linh')).toEqual(['Trại cá tầm Ngọc Linh thu hoạch']);
    expect(await titles('khinh khí')).toEqual([]);
    expect(await titles('khinh khi')).toEqual([]);
    // Counted once: the base's copy is dropped.
    expect((await search('cá tầm', { base })).total).toBe(2);
  });

  it('finds a new article, and no longer a removed one', async () => {
    expect(await titles('duong hoa')).toEqual(['Đường hoa xuân khai mạc']);
    expect(await titles('đường làng')).toEqual([]);
    expect((await titles('đường')).sort()).toEqual(['Mở rộng đường vành đai phía bắc', 'Đường hoa xuân khai mạc']);
  });
});
