import { MAX_BLOCK_DEPTH } from './limits';
import { isExternalUrl } from './external-url';
import { escapeHtml } from '../html-escape';
import { nodeText } from './node-text';
import { safeUrl } from './safe-url';
import { asRecord, childrenOf, ownFlag, ownString, type UntrustedRecord } from '../untrusted';

/** Settings that change how inline nodes render. */
export interface InlineOptions {
  /** The site's own origin (e.g. `https://binhan.gov.vn`): absolute links to it are not marked external. */
  readonly siteOrigin?: string;
}

// Innermost first, so `<code>` hugs the text and `<strong>` wraps everything: the order editors expect
// when they copy a bold code fragment.
const MARKS: ReadonlyArray<readonly [mark: string, tag: string]> = [
  ['code', 'code'],
  ['strikethrough', 's'],
  ['underline', 'u'],
  ['italic', 'em'],
  ['bold', 'strong'],
];

/** Escaped text where a soft line break (Shift+Enter in the editor) becomes `<br>`. */
export function escapeTextWithBreaks(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

function renderText(record: UntrustedRecord): string {
  const text = ownString(record, 'text');
  if (text === null || text === '') return '';
  return MARKS.reduce((html, [mark, tag]) => (ownFlag(record, mark) ? `<${tag}>${html}</${tag}>` : html), escapeTextWithBreaks(text));
}

function renderLink(record: UntrustedRecord, depth: number, options: InlineOptions, inLink: boolean): string {
  const inner = renderInline(childrenOf(record), depth + 1, options, true);
  // A link inside a link is invalid HTML; keep the words, drop the inner anchor.
  if (inLink) return inner;
  const href = safeUrl(ownString(record, 'url'));
  // A refused URL or an anchor with no words (unreachable for screen readers) degrades to its text.
  if (href === null || inner.trim() === '') return inner;
  const rel = isExternalUrl(href, options.siteOrigin) ? ' rel="noopener noreferrer"' : '';
  return `<a href="${escapeHtml(href)}"${rel}>${inner}</a>`;
}

function renderInlineNode(node: unknown, depth: number, options: InlineOptions, inLink: boolean): string {
  const record = asRecord(node);
  if (record === null || depth > MAX_BLOCK_DEPTH) return '';
  switch (ownString(record, 'type')) {
    case 'text':
      return renderText(record);
    case 'link':
      return renderLink(record, depth, options, inLink);
    default:
      // Unknown or misplaced nodes keep their words, never their markup.
      return escapeTextWithBreaks(nodeText(record, depth));
  }
}

/** Renders inline nodes (text with marks, links) to HTML; anything else becomes escaped text. */
export function renderInline(nodes: readonly unknown[], depth: number, options: InlineOptions, inLink = false): string {
  return nodes.map((node) => renderInlineNode(node, depth, options, inLink)).join('');
}
