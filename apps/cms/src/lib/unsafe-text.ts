/**
 * Characters an editor's paste can carry that change how text around them is shown or parsed:
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F,
 * U+061C) — an h1 that reads backwards — line and paragraph separators (U+2028, U+2029), which end lines
 * in JavaScript and break JSON-LD in older parsers, C0/C1 controls other than tab and newlines, which make
 * RSS invalid XML, and the byte-order mark. Vietnamese text needs none of them.
 * See https://www.unicode.org/reports/tr9/ (bidi controls) and https://www.w3.org/TR/xml/#charsets.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const SEPARATORS = /[\u2028\u2029]/g;

/** `text` without the characters above; line and paragraph separators become spaces. */
export function withoutUnsafeCharacters(text: string): string {
  return text.replace(SEPARATORS, ' ').replace(UNSAFE, '');
}

/** The same for every string inside a JSON value (rich-text blocks). */
export function withoutUnsafeCharactersDeep(value: unknown): unknown {
  if (typeof value === 'string') return withoutUnsafeCharacters(value);
  if (Array.isArray(value)) return value.map(withoutUnsafeCharactersDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutUnsafeCharactersDeep(item)]));
  }
  return value;
}
