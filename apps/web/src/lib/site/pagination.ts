/** One entry in a pager: a page link, or the "…" that stands for pages not shown. */
export type PageItem = { readonly kind: 'page'; readonly page: number; readonly current: boolean } | { readonly kind: 'gap' };

function wholeNumber(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.floor(value) : fallback;
}

/**
 * The pager for `current` of `total` pages in the style "1 2 3 4 5 … 20": the first and last page, a
 * window of `size` pages around the current one, and a gap wherever pages are skipped. A gap never hides
 * a single page: that page is shown instead, since "…" is no shorter than the number it replaces.
 */
export function paginationWindow(current: number, total: number, size = 5): PageItem[] {
  const last = wholeNumber(total, 0);
  if (last < 1) return [];
  const here = Math.min(last, Math.max(1, wholeNumber(current, 1)));
  const width = Math.min(last, Math.max(1, wholeNumber(size, 5)));
  // Centre the window on the current page, then slide it back inside 1..last.
  const start = Math.min(Math.max(1, here - Math.floor((width - 1) / 2)), last - width + 1);
  const shown = new Set([1, last]);
  for (let page = start; page < start + width; page += 1) shown.add(page);

  const items: PageItem[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    if (page - previous === 2) items.push({ kind: 'page', page: page - 1, current: page - 1 === here });
    else if (page - previous > 2) items.push({ kind: 'gap' });
    items.push({ kind: 'page', page, current: page === here });
    previous = page;
  }
  return items;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
}

/**
 * How many listing pages `totalItems` need. Never less than 1: an empty category still has its first
 * page (saying there is nothing yet) rather than a 404 behind a menu link.
 */
export function pageCount(totalItems: number, perPage: number): number {
  assertPositiveInteger('perPage', perPage);
  if (!Number.isInteger(totalItems) || totalItems < 0) {
    throw new RangeError(`totalItems must be a whole number ≥ 0, got ${String(totalItems)}`);
  }
  return Math.max(1, Math.ceil(totalItems / perPage));
}

/** The items on page `page` (1-based); empty past the last page. */
export function pageSlice<T>(items: readonly T[], page: number, perPage: number): T[] {
  assertPositiveInteger('page', page);
  assertPositiveInteger('perPage', perPage);
  return items.slice((page - 1) * perPage, page * perPage);
}

/** The URL of a listing page: page 1 is the listing itself, page n is `${base}trang/${n}/`. */
export function pageHref(base: string, page: number): string {
  assertPositiveInteger('page', page);
  // Astro builds directory-style URLs, so the base always ends in a slash.
  const root = base.endsWith('/') ? base : `${base}/`;
  return page === 1 ? root : `${root}trang/${page}/`;
}
