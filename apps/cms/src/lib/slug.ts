import slugifyRaw from '@sindresorhus/slugify';

/** Longest slug we generate; long Vietnamese titles are cut at a word boundary. */
export const MAX_SLUG_LENGTH = 120;

/**
 * Vietnamese-aware slug: tones removed, `đ`/`Đ` → `d`, lower case, hyphens.
 * `Cần xây dựng, nhân rộng…` → `can-xay-dung-nhan-rong`.
 */
export function slugify(text: string): string {
  const slug = slugifyRaw(text, {
    decamelize: false,
    customReplacements: [
      ['đ', 'd'],
      ['Đ', 'd'],
      ['&', ' va '],
    ],
  });
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

/**
 * The first of `base`, `base-2`, `base-3`… that is not in `taken`.
 * Numbering starts at 2: the second article with a title reads as "the second one".
 */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
