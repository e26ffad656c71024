/**
 * The search record of an article page (integrations/search.ts), and the record as a build keeps it
 * (integrations/search-record.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mediaReferences } from '../src/integrations/media';
import { articleRecord, type SearchRecord } from '../src/integrations/search';
import { StoredRecord } from '../src/integrations/search-record';

const page = (text: string) =>
  `<main><article><h1>Tiêu đề</h1><p><time datetime="2026-01-01T00:00:00Z">01/01/2026</time></p><p class="lead">Tóm tắt</p><p>${text}</p></article></main>`;

describe('articleRecord', () => {
  it('holds the article’s text as written, its title, lead and date', () => {
    const record = articleRecord(page('Làm đường giao thông ở Đắk Lắk, bảo vệ đất đai.'), '/bai-viet/a/')!;
    expect(record.content.split('\n')).toEqual(['Tiêu đề', '01/01/2026', 'Tóm tắt', 'Làm đường giao thông ở Đắk Lắk, bảo vệ đất đai.']);
    expect(record.meta).toEqual({ title: 'Tiêu đề', description: 'Tóm tắt', date: '2026-01-01T00:00:00Z' });
    expect(record.url).toBe('/bai-viet/a/');
  });

  it('is null for a page that is not an article', () => {
    expect(articleRecord('<main><h1>Chuyên mục</h1></main>', '/chuyen-muc/a/')).toBeNull();
  });
});

describe('what a build keeps of a page', () => {
  // A forced collection, to read what stays reachable (vitest's workers run without --expose-gc).
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;

  it('keeps none of its HTML alive: the search record and the media list are copies, not slices of it', () => {
    // Pages whose HTML is mostly outside the article (menus, "Tin khác", scripts): 300 of 160 kB each.
    const pages = 300;
    const keep: unknown[] = [];
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < pages; n++) {
      const html = `<html><body><nav>${`<a href="/chuyen-muc/muc-${n}/">Chuyên mục ${n}</a>`.repeat(2000)}</nav>${page(`Bài số ${n} về đường giao thông.`)}<img src="/media/anh-${n}.jpg"></body></html>`;
      keep.push(articleRecord(html, `/bai-viet/bai-${n}/`), mediaReferences(html));
    }
    collect();
    const retained = process.memoryUsage().heapUsed - before;
    expect(keep).toHaveLength(2 * pages);
    // The HTML would be 300 × 160 kB = 48 MB; what is kept is a few hundred bytes per page.
    expect(retained).toBeLessThan(8_000_000);
  });
});

describe('StoredRecord', () => {
  const stored = (text: string, url = '/bai-viet/a/') => StoredRecord.of(articleRecord(page(text), url)!);

  it('gives back the record it was made of, and tells a changed record from the same one', () => {
    const record = articleRecord(page('Làm đường giao thông ở Đắk Lắk.'), '/bai-viet/a/')!;
    const kept = StoredRecord.of(record);
    expect(kept.record()).toEqual(record);
    expect(kept.url).toBe('/bai-viet/a/');
    expect(kept.equals(kept)).toBe(true);
    expect(kept.equals(stored('Làm đường giao thông ở Đắk Lắk.'))).toBe(true);
    expect(kept.equals(stored('Làm đường giao thông ở Đắk Nông.'))).toBe(false);
    expect(kept.equals(stored('Làm đường giao thông ở Đắk Lắk.', '/bai-viet/b/'))).toBe(false);
    expect(kept.equals(undefined)).toBe(false);
    expect(kept.equals(null)).toBe(false);
  });

  it('keeps a record in less memory than the record object, next to none of it on the heap', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const words = ['phát triển', 'kinh tế', 'nông thôn', 'giao thông', 'giáo dục', 'y tế', 'an ninh', 'đường', 'du lịch', 'văn hóa'];
    // Articles of some 2,500 characters, as on a real portal, each text of its own.
    const text = (n: number) => Array.from({ length: 280 }, (_, i) => words[(n * 7 + i * 3) % words.length]).join(' ') + ` số ${n}.`;
    const used = () => {
      collect();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return { heap: heapUsed, total: heapUsed + arrayBuffers };
    };
    const measure = (keep: (record: SearchRecord) => unknown) => {
      const before = used();
      const kept = Array.from({ length: 1000 }, (_, n) => keep(articleRecord(page(text(n)), `/bai-viet/bai-${n}/`)!));
      const after = used();
      expect(kept).toHaveLength(1000);
      return { heap: after.heap - before.heap, total: after.total - before.total };
    };
    const objects = measure((record) => record);
    const records = measure((record) => StoredRecord.of(record));
    expect(objects.total).toBeGreaterThan(4_000_000);
    expect(records.total).toBeLessThan(0.75 * objects.total);
    expect(records.heap).toBeLessThan(0.1 * objects.heap);
  });
});
