/** Schemes an article link may use; everything else (javascript:, data:, vbscript:, file:, tel:…) is refused. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** Schemes an image source may use. */
export const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);

// Browsers drop leading/trailing C0 controls and spaces, and tab/LF/CR anywhere, before parsing a URL
// (https://url.spec.whatwg.org/#concept-basic-url-parser); we do the same so we judge what they will load.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
// eslint-disable-next-line no-control-regex -- likewise
const CONTROLS = /[\u0000-\u001F\u007F]/g;

// Anything that could hide inside a scheme to fool a naive check: controls, spaces of every kind,
// zero-width and other format characters.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s]/gu;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
};

/** Decodes the entity and percent escapes an attacker might use to spell a scheme (`&#106;`, `&colon;`, `%3A`). */
function decodeTricks(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff)))
    .replace(/&([a-z]+);?/gi, (whole: string, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The lower-cased text before the first colon of the URL's head, or null when the head has no colon. */
function schemeOf(url: string): string | null {
  const head = (/^[^/?#\\]*/.exec(url)?.[0] ?? '').replace(INVISIBLE, '');
  const colon = head.indexOf(':');
  return colon === -1 ? null : head.slice(0, colon).toLowerCase();
}

/**
 * Returns the URL cleaned the way a browser would clean it, or null when it is empty or its scheme
 * is not in `allowed`. Relative URLs (`/a`, `#b`, `./c`, `../d`, `e/f`, `?g`) are always allowed.
 */
export function safeUrl(raw: unknown, allowed: ReadonlySet<string> = LINK_SCHEMES): string | null {
  if (typeof raw !== 'string') return null;
  const url = raw.replace(EDGE_JUNK, '').replace(CONTROLS, '');
  if (url === '') return null;
  // Deny by default: any colon before the first / ? # or backslash counts as a scheme, even where a
  // browser would read a path; and the URL is judged both as written and with its escapes decoded
  // (`&#106;avascript:` hides its colon behind a `#`), so an unforeseen trick is refused, not let through.
  const schemes = [schemeOf(url), schemeOf(decodeTricks(url))];
  return schemes.every((scheme) => scheme === null || allowed.has(scheme)) ? url : null;
}
