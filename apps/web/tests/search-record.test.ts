/**
 * The search record of an article page (integrations/search.ts): Pagefind matches letters with or without
 * their marks by itself, so only the words with "đ" (a letter of its own) get a folded copy.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mediaReferences } from '../src/integrations/media';
import { articleRecord } from '../src/integrations/search';

const page = (text: string) =>
  `<main><article><h1>Tiêu đề</h1><p><time datetime="2026-01-01T00:00:00Z">01/01/2026</time></p><p class="lead">Tóm tắt</p><p>${text}</p></article></main>`;

describe('articleRecord', () => {
  it('adds a folded copy of the words with “đ” only', () => {
    const record = articleRecord(page('Làm đường giao thông ở Đắk Lắk, bảo vệ đất đai.'), '/bai-viet/a/')!;
    const lines = record.content.split('\n');
    expect(lines).toContain('Làm đường giao thông ở Đắk Lắk, bảo vệ đất đai.');
    expect(lines.at(-1)).toBe('de duong dak dat dai.');
    expect(record.content).not.toContain('bao ve');
    expect(record.meta).toEqual({ title: 'Tiêu đề', description: 'Tóm tắt', date: '2026-01-01T00:00:00Z' });
  });

  it('adds nothing to a text without “đ”', () => {
    const record = articleRecord(page('Bảo vệ an ninh trật tự.').replace('Tiêu đề', 'Tin mới'), '/bai-viet/b/')!;
    expect(record.content.split('\n')).toEqual(['Tin mới', '01/01/2026', 'Tóm tắt', 'Bảo vệ an ninh trật tự.']);
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
