// A deliberately small HTML checker for renderer output: not a parser for HTML in general, but strict
// about the subset the rich-text renderer may emit, so anything outside it is reported.

const TAGS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'strong',
  'em',
  'u',
  's',
  'a',
  'figure',
  'img',
  'figcaption',
  'br',
]);
const VOID = new Set(['img', 'br']);
const ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  a: new Set(['href', 'rel']),
  img: new Set(['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading', 'fetchpriority', 'decoding']),
  figure: new Set(['class']),
};
// Elements whose content model is phrasing only: a block inside them means broken nesting.
const PHRASING_ONLY = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'u', 's', 'code', 'a', 'figcaption']);
const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'figure', 'figcaption']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/y;
const ATTRIBUTE = /\s+([a-z-]+)="([^"]*)"/g;
const ENTITY = /&(?:amp|lt|gt|quot|#39);/y;

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Escapes a second decoder (a feed reader, a careless template) might apply after the browser's own.
function decodeAgain(url: string): string {
  return url
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff)))
    .replace(/&colon;?/gi, ':')
    .replace(/%3a/gi, ':');
}

/** A problem when a URL attribute, as the browser decodes it (or decodes it twice), could run script or embed data. */
function urlProblem(name: string, raw: string): string | null {
  const urls =
    name === 'srcset'
      ? decode(raw)
          .split(',')
          .map((c) => c.trim().split(/\s+/)[0] ?? '')
      : [decode(raw)];
  for (const url of urls.flatMap((u) => [u, decodeAgain(u)])) {
    const compact = url.replace(/[\p{Cc}\p{Cf}\p{Z}\s]/gu, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
    if (/(javascript|data|vbscript|file):/i.test(compact)) return `${name} holds a dangerous scheme: ${url}`;
    if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) return `${name} has scheme ${scheme}`;
  }
  return null;
}

function checkText(text: string, at: number, stack: readonly string[], problems: string[]): void {
  if (text.includes('>')) problems.push(`raw ">" in text at ${at}`);
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) problems.push(`unexpected "&" sequence at ${at + i}: ${text.slice(i, i + 12)}`);
  }
  const parent = stack[stack.length - 1];
  if ((parent === 'ul' || parent === 'ol') && text.trim() !== '') problems.push(`text directly inside <${parent}>`);
}

function checkAttributes(tag: string, source: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const [, name = '', value = ''] of source.matchAll(ATTRIBUTE)) {
    if (seen.has(name)) problems.push(`duplicate ${name} on <${tag}>`);
    seen.add(name);
    if (name.startsWith('on')) problems.push(`event handler ${name} on <${tag}>`);
    if (!ATTRIBUTES[tag]?.has(name)) problems.push(`attribute ${name} not allowed on <${tag}>`);
    if (name === 'href' || name === 'src' || name === 'srcset') {
      const problem = urlProblem(name, value);
      if (problem !== null) problems.push(problem);
    }
  }
}

function checkOpen(tag: string, stack: readonly string[], problems: string[]): void {
  const parent = stack[stack.length - 1];
  if (BLOCK.has(tag) && stack.some((open) => PHRASING_ONLY.has(open))) problems.push(`<${tag}> inside phrasing content`);
  if (tag === 'a' && stack.includes('a')) problems.push('<a> inside <a>');
  if (tag === 'li' && parent !== 'ul' && parent !== 'ol') problems.push('<li> outside a list');
  if ((parent === 'ul' || parent === 'ol') && tag !== 'li') problems.push(`<${tag}> directly inside <${parent}>`);
}

/** Every way the HTML strays from the renderer's allowlist or is unbalanced; empty when it is clean. */
export function auditHtml(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let position = 0;
  while (position < html.length) {
    const next = html.indexOf('<', position);
    const end = next === -1 ? html.length : next;
    checkText(html.slice(position, end), position, stack, problems);
    if (next === -1) break;
    TAG.lastIndex = next;
    const match = TAG.exec(html);
    if (match === null) {
      problems.push(`"<" that does not start an allowed tag at ${next}: ${html.slice(next, next + 30)}`);
      position = next + 1;
      continue;
    }
    const [whole, slash, tag = '', attributes = ''] = match;
    position = next + whole.length;
    if (!TAGS.has(tag)) problems.push(`tag <${tag}> not allowed`);
    if (slash === '/') {
      if (VOID.has(tag)) problems.push(`closing tag for void <${tag}>`);
      const open = stack.pop();
      if (open !== tag) problems.push(`</${tag}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    checkAttributes(tag, attributes, problems);
    checkOpen(tag, stack, problems);
    if (!VOID.has(tag)) stack.push(tag);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}
