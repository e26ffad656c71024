/**
 * The text search of the public API: Article.searchText holds the title and lead folded to plain lower-case
 * words, and a search filter's value is folded the same way before the query runs. Matching is then a plain
 * substring test on ASCII-like text, which SQLite and PostgreSQL answer identically (no collation, no
 * database-specific unaccent or ILIKE rules involved).
 */

/**
 * Bumped whenever foldForSearch or searchTextOf changes: the CMS then recomputes every article's searchText
 * at start (see bootstrap/search-text.ts), so stored texts and folded queries never disagree.
 */
export const SEARCH_TEXT_VERSION = 1;

/**
 * 'Bảo vệ AN NINH, trật tự!' → 'bao ve an ninh trat tu'. The letters fold as the site's own search does
 * (apps/web/src/lib/diacritics.ts): lower case, tone and shape marks dropped, đ → d. Anything that is not a
 * letter or a digit becomes a space, so punctuation never decides a match, and LIKE's wildcards (% and _)
 * and its escape character can never reach the database from a query.
 */
export function foldForSearch(text: string): string {
  return (
    text
      .toLowerCase()
      // NFD splits a letter from its marks (ế → e + ̂ + ́) so they can be dropped, and makes NFC and NFD
      // input (macOS and some keyboards send NFD) fold the same.
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
      .replace(/đ/g, 'd')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * What Article.searchText stores: the folded title and the folded lead on two lines. A folded query never
 * holds a line break, so a search never matches across the end of the title and the start of the lead.
 */
export function searchTextOf(title: unknown, lead: unknown): string {
  const fold = (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : '');
  return `${fold(title)}\n${fold(lead)}`;
}
