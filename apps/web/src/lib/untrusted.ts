/** A JSON object whose fields have not been checked yet. */
export type UntrustedRecord = Readonly<Record<string, unknown>>;

/** The object behind a value, or null for arrays, primitives and null. */
export function asRecord(value: unknown): UntrustedRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as UntrustedRecord) : null;
}

/**
 * A field read only from the object itself: a polluted `Object.prototype.url` (or a `__proto__` key)
 * must never supply a value the editor did not write.
 */
export function ownField(record: UntrustedRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A string field, or null when it is missing or of another type. */
export function ownString(record: UntrustedRecord, key: string): string | null {
  const value = ownField(record, key);
  return typeof value === 'string' ? value : null;
}

/** A finite number field, or null. */
export function ownNumber(record: UntrustedRecord, key: string): number | null {
  const value = ownField(record, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A flag that is on only when it is literally `true` (not "true", not 1). */
export function ownFlag(record: UntrustedRecord, key: string): boolean {
  return ownField(record, key) === true;
}

/** The `children` array of a node; anything else reads as no children. */
export function childrenOf(record: UntrustedRecord): readonly unknown[] {
  const value = ownField(record, 'children');
  return Array.isArray(value) ? value : [];
}

/** The `type` of a node, or null when the value is not a node or has no string type. */
export function nodeType(node: unknown): string | null {
  const record = asRecord(node);
  return record === null ? null : ownString(record, 'type');
}

/**
 * Characters that change how text around them is displayed without being seen: bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), the direction marks (U+200E, U+200F, U+061C).
 * In a title or a feed, U+202E makes `hoa-don\u202Efdp.exe` read as `hoa-donexe.pdf`. See https://www.unicode.org/reports/tr9/
 * and https://www.unicode.org/reports/tr36/ (Unicode security considerations). With them, C0 and C1
 * control characters other than tab and line breaks, which make a feed invalid XML
 * (https://www.w3.org/TR/xml/#charsets), and the byte-order mark. The CMS strips the same set on write
 * (apps/cms/src/lib/unsafe-text.ts).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Line and paragraph separators: line breaks to JavaScript (old JSON-LD parsers), invisible in titles and feeds. */
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * Text as the site may emit it: bidi and other control characters removed, line/paragraph separators
 * turned into spaces.
 * The CMS strips them on write; this guards text written before that rule, on its way out.
 */
export function withoutUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE, '').replace(SEPARATORS, ' ');
}

/** Deeper than any content the site renders (see MAX_BLOCK_DEPTH); beyond it values are left as they are. */
const MAX_CLEAN_DEPTH = 64;

function cleanDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return withoutUnsafeCharacters(value);
  if (typeof value !== 'object' || value === null || depth > MAX_CLEAN_DEPTH) return value;
  let changed = false;
  const clean = (child: unknown) => {
    const result = cleanDeep(child, depth + 1);
    if (result !== child) changed = true;
    return result;
  };
  if (Array.isArray(value)) {
    const items = value.map(clean);
    return changed ? items : value;
  }
  const entries = Object.entries(value).map(([key, child]): [string, unknown] => [key, clean(child)]);
  // fromEntries defines own properties: a `__proto__` key stays a key, as JSON.parse made it.
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * `withoutUnsafeCharacters` applied to every string inside a JSON value (content records, JSON-LD). Objects and
 * arrays with nothing to remove are returned as they are, so unchanged records keep their identity.
 */
export function withoutUnsafeCharactersDeep<T>(value: T): T {
  return cleanDeep(value, 0) as T;
}
