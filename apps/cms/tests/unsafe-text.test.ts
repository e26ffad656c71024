import { describe, expect, it } from 'vitest';
import { withoutUnsafeCharacters, withoutUnsafeCharactersDeep } from '../src/lib/unsafe-text';

const code = (c: number) => String.fromCodePoint(c);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('withoutUnsafeCharacters', () => {
  it('removes bidi embeddings, overrides, isolates and marks, controls and the BOM', () => {
    const removed = [
      ...range(0x202a, 0x202e),
      ...range(0x2066, 0x2069),
      0x200e,
      0x200f,
      0x061c,
      0xfeff,
      ...range(0, 8),
      0x0b,
      0x0c,
      ...range(0x0e, 0x1f),
      ...range(0x7f, 0x9f),
    ];
    for (const c of removed) expect(withoutUnsafeCharacters(`a${code(c)}b`), `U+${c.toString(16)}`).toBe('ab');
  });

  it('turns line and paragraph separators into spaces', () => {
    expect(withoutUnsafeCharacters('một\u2028hai\u2029ba')).toBe('một hai ba');
  });

  it('keeps Vietnamese, tabs, newlines, punctuation and other scripts as they are', () => {
    const text = 'Đắk Lắk — “Tiếng Việt” có dấu: ắ ằ ẳ ẵ ặ ỗ ự\tcột\nDòng mới\r\n中文 العربية';
    expect(withoutUnsafeCharacters(text)).toBe(text);
  });

  it('cleans every string of rich-text blocks and leaves their shape', () => {
    const blocks = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'x\u202Ey', bold: true },
          { type: 'link', url: 'https://a.vn/\u200F', children: [] },
        ],
      },
    ];
    expect(withoutUnsafeCharactersDeep(blocks)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'xy', bold: true },
          { type: 'link', url: 'https://a.vn/', children: [] },
        ],
      },
    ]);
  });
});
