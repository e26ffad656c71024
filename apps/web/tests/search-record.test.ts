/**
 * The search record of an article page (integrations/search.ts): Pagefind matches letters with or without
 * their marks by itself, so only the words with "đ" (a letter of its own) get a folded copy.
 */
import { describe, expect, it } from 'vitest';
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
