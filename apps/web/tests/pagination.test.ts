import { describe, expect, it } from 'vitest';
import { pageCount, pageHref, pageSlice, paginationWindow, type PageItem } from '../src/lib/site/pagination';

/** Reads a pager the way a reader sees it: "1 2 [3] … 20". */
function show(items: readonly PageItem[]): string {
  return items.map((item) => (item.kind === 'gap' ? '…' : item.current ? `[${item.page}]` : String(item.page))).join(' ');
}

describe('paginationWindow', () => {
  it.each([
    [1, 1, '[1]'],
    [1, 5, '[1] 2 3 4 5'],
    [3, 5, '1 2 [3] 4 5'],
    [1, 20, '[1] 2 3 4 5 … 20'],
    [10, 20, '1 … 8 9 [10] 11 12 … 20'],
    [20, 20, '1 … 16 17 18 19 [20]'],
    [3, 7, '1 2 [3] 4 5 6 7'],
    [4, 20, '1 2 3 [4] 5 6 … 20'],
    [5, 20, '1 2 3 4 [5] 6 7 … 20'],
    [6, 20, '1 … 4 5 [6] 7 8 … 20'],
    [16, 20, '1 … 14 15 [16] 17 18 19 20'],
    [1, 6, '[1] 2 3 4 5 6'],
    [1, 8, '[1] 2 3 4 5 … 8'],
  ])('page %d of %d → %s', (current, total, expected) => {
    expect(show(paginationWindow(current, total))).toBe(expected);
  });

  it('returns nothing when there are no pages', () => {
    expect(paginationWindow(1, 0)).toEqual([]);
    expect(paginationWindow(1, -3)).toEqual([]);
    expect(paginationWindow(1, Number.NaN)).toEqual([]);
  });

  it('clamps a current page out of range', () => {
    expect(show(paginationWindow(0, 20))).toBe('[1] 2 3 4 5 … 20');
    expect(show(paginationWindow(-4, 20))).toBe('[1] 2 3 4 5 … 20');
    expect(show(paginationWindow(99, 20))).toBe('1 … 16 17 18 19 [20]');
    expect(show(paginationWindow(Number.NaN, 20))).toBe('[1] 2 3 4 5 … 20');
  });

  it('accepts another window size', () => {
    expect(show(paginationWindow(10, 20, 3))).toBe('1 … 9 [10] 11 … 20');
    expect(show(paginationWindow(10, 20, 1))).toBe('1 … [10] … 20');
    expect(show(paginationWindow(10, 20, 4))).toBe('1 … 9 [10] 11 12 … 20');
  });

  it('returns the item shapes the Pagination component reads', () => {
    expect(paginationWindow(2, 3)).toEqual([
      { kind: 'page', page: 1, current: false },
      { kind: 'page', page: 2, current: true },
      { kind: 'page', page: 3, current: false },
    ]);
  });

  it('keeps its promises for every page of every pager up to 40 pages', () => {
    for (let total = 1; total <= 40; total += 1) {
      for (let current = 1; current <= total; current += 1) {
        const items = paginationWindow(current, total);
        const pages = items.flatMap((item) => (item.kind === 'page' ? [item] : []));
        expect(pages[0]?.page).toBe(1);
        expect(pages.at(-1)?.page).toBe(total);
        expect(pages.filter((page) => page.current).map((page) => page.page)).toEqual([current]);
        expect(items[0]?.kind).toBe('page');
        expect(items.at(-1)?.kind).toBe('page');
        items.forEach((item, index) => {
          if (item.kind !== 'gap') return;
          const before = items[index - 1];
          const after = items[index + 1];
          // A gap sits between two pages and hides at least two of them.
          expect(before?.kind === 'page' && after?.kind === 'page' && after.page - before.page).toBeGreaterThanOrEqual(3);
        });
        for (let i = 1; i < pages.length; i += 1) expect(pages[i].page).toBeGreaterThan(pages[i - 1].page);
        // Five around the current page, two ends, two gaps: never more than nine entries.
        expect(items.length).toBeLessThanOrEqual(9);
      }
    }
  });
});

describe('pageCount', () => {
  it.each([
    [0, 10, 1],
    [1, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [10349, 10, 1035],
  ])('%d items at %d per page → %d pages', (items, perPage, expected) => {
    expect(pageCount(items, perPage)).toBe(expected);
  });

  it('rejects impossible arguments with a message naming them', () => {
    expect(() => pageCount(10, 0)).toThrow('perPage must be a positive integer, got 0');
    expect(() => pageCount(10, 2.5)).toThrow(RangeError);
    expect(() => pageCount(-1, 10)).toThrow('totalItems must be a whole number ≥ 0, got -1');
    expect(() => pageCount(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('pageSlice', () => {
  const items = Array.from({ length: 25 }, (_, i) => i + 1);

  it('returns the items of a page', () => {
    expect(pageSlice(items, 1, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pageSlice(items, 3, 10)).toEqual([21, 22, 23, 24, 25]);
  });

  it('returns nothing past the last page', () => {
    expect(pageSlice(items, 4, 10)).toEqual([]);
    expect(pageSlice([], 1, 10)).toEqual([]);
  });

  it('does not modify the input', () => {
    pageSlice(items, 2, 10);
    expect(items).toHaveLength(25);
  });

  it('rejects page numbers that cannot exist', () => {
    expect(() => pageSlice(items, 0, 10)).toThrow('page must be a positive integer, got 0');
    expect(() => pageSlice(items, 1.5, 10)).toThrow(RangeError);
    expect(() => pageSlice(items, 1, 0)).toThrow(RangeError);
  });
});

describe('pageHref', () => {
  it('uses the listing itself for page 1', () => {
    expect(pageHref('/chuyen-muc/kinh-te/', 1)).toBe('/chuyen-muc/kinh-te/');
  });

  it('puts later pages under trang/<n>/', () => {
    expect(pageHref('/chuyen-muc/kinh-te/', 2)).toBe('/chuyen-muc/kinh-te/trang/2/');
    expect(pageHref('/tac-gia/nguyen-van-a/', 12)).toBe('/tac-gia/nguyen-van-a/trang/12/');
  });

  it('adds the trailing slash a base may lack', () => {
    expect(pageHref('/chuyen-muc/kinh-te', 1)).toBe('/chuyen-muc/kinh-te/');
    expect(pageHref('/chuyen-muc/kinh-te', 3)).toBe('/chuyen-muc/kinh-te/trang/3/');
  });

  it('rejects page numbers that cannot exist', () => {
    expect(() => pageHref('/a/', 0)).toThrow(RangeError);
    expect(() => pageHref('/a/', 2.5)).toThrow(RangeError);
  });
});
