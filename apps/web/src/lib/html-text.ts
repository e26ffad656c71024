const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities Astro and our renderer produce (named basics and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === '#') {
      const value = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(value) ? String.fromCodePoint(value) : match;
    }
    return ENTITIES[code.toLowerCase()] ?? match;
  });
}

/**
 * A copy of `text` that keeps nothing else alive. V8 makes a substring, a regex match or an unchanged
 * `replace` result point into the string it came from, which then stays in memory whole: a page title
 * cut from a page's HTML and kept would keep the page.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The readable text of an HTML fragment: tags dropped, block ends turned into line breaks. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/(p|h[1-6]|li|figcaption|div|section)>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The inner HTML of the first element matching `<tag ...attr...>` (no nesting of the same tag). */
export function innerHtml(html: string, tag: string, attribute = ''): string | undefined {
  const open = new RegExp(`<${tag}\\b[^>]*${attribute}[^>]*>`, 'i').exec(html);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = html.indexOf(`</${tag}>`, start);
  return end < 0 ? undefined : html.slice(start, end);
}
