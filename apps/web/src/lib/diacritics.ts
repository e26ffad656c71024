/**
 * Folds Vietnamese text to plain lower-case ASCII letters for search: 'Bảo vệ AN NINH Tổ quốc' →
 * 'bao ve an ninh to quoc'. Index and query are both folded, so either may be typed with or without marks.
 */
export function foldDiacritics(text: string): string {
  return (
    text
      .toLowerCase()
      // NFD splits a letter from its tone and shape marks (ế → e + ̂ + ́) so the marks can be dropped,
      // and makes NFC and NFD input (macOS and some keyboards send NFD) fold the same.
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
      .replace(/đ/g, 'd')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
