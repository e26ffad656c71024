import { readBlockImage } from './block-image';
import { MAX_BLOCK_DEPTH } from './limits';
import { escapeHtml } from '../html-escape';
import { nodeText } from './node-text';
import { renderFigure, type ImageResolver } from './figure';
import { escapeTextWithBreaks, renderInline, type InlineOptions } from './inline';
import { asRecord, childrenOf, nodeType, ownField, ownNumber, ownString, type UntrustedRecord } from '../untrusted';

export type { BlockImage, ImageFormat } from './block-image';
export type { ImageResolver } from './figure';
export type { ResolvedImage } from '../media/images';

/** How an article body is turned into HTML. */
export interface RichTextOptions extends InlineOptions {
  /** Maps CMS images to the site's own files. Without it images are left out rather than hot-linked to the CMS. */
  readonly resolveImage?: ImageResolver;
  /** Load the first image at once with high priority: it is usually the page's largest paint. */
  readonly eagerFirstImage?: boolean;
}

interface RenderState {
  readonly options: RichTextOptions;
  imagesRendered: number;
}

/** Wraps content in a tag, or yields nothing when there is nothing visible to wrap. */
function wrap(tag: string, inner: string): string {
  return inner.trim() === '' ? '' : `<${tag}>${inner}</${tag}>`;
}

function headingTag(block: UntrustedRecord): string {
  // The page title is the only h1, so body headings start at h2; levels outside 1–6 are clamped.
  const level = ownNumber(block, 'level') ?? 2;
  return `h${Math.min(6, Math.max(2, Math.round(level)))}`;
}

function renderListItem(item: unknown, depth: number, state: RenderState): string {
  const record = asRecord(item);
  if (record === null || depth > MAX_BLOCK_DEPTH) return '';
  const type = ownString(record, 'type');
  if (type === 'list') return renderList(record, depth, state);
  if (type !== 'list-item') return escapeTextWithBreaks(nodeText(record, depth));
  return childrenOf(record)
    .map((child) => (nodeType(child) === 'list' ? renderListItem(child, depth + 1, state) : renderInline([child], depth + 1, state.options)))
    .join('');
}

function renderList(block: UntrustedRecord, depth: number, state: RenderState): string {
  const tag = ownField(block, 'format') === 'ordered' ? 'ol' : 'ul';
  const items: string[] = [];
  for (const child of childrenOf(block)) {
    const html = renderListItem(child, depth + 1, state);
    if (html.trim() === '') continue;
    // Strapi puts a sub-list beside the items, but HTML wants it inside the item it belongs to.
    if (nodeType(child) === 'list' && items.length > 0) items[items.length - 1] += html;
    else items.push(html);
  }
  return items.length === 0 ? '' : `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
}

function renderImage(block: UntrustedRecord, state: RenderState): string {
  const image = readBlockImage(block);
  const resolved = image === null ? null : (state.options.resolveImage?.(image) ?? null);
  if (image === null || resolved === null) return '';
  const eager = state.options.eagerFirstImage === true && state.imagesRendered === 0;
  const figure = renderFigure(image, resolved, eager ? 'eager' : 'lazy');
  if (figure === null) return '';
  state.imagesRendered += 1;
  return figure;
}

function renderBlock(node: unknown, state: RenderState): string {
  const block = asRecord(node);
  if (block === null) return '';
  const inline = (): string => renderInline(childrenOf(block), 1, state.options);
  switch (ownString(block, 'type')) {
    case 'paragraph':
      return wrap('p', inline());
    case 'heading':
      return wrap(headingTag(block), inline());
    case 'quote':
      return wrap('blockquote', wrap('p', inline()));
    case 'code':
      // Code keeps its line breaks and marks nothing up.
      return wrap('pre', wrap('code', escapeHtml(nodeText(block))));
    case 'list':
      return renderList(block, 0, state);
    case 'image':
      return renderImage(block, state);
    case 'text':
    case 'link':
      // An inline node stranded at the top level still belongs in a paragraph.
      return wrap('p', renderInline([block], 0, state.options));
    default:
      // Unknown block types (and their `html`/`raw` fields) never reach the page as markup.
      return wrap('p', escapeTextWithBreaks(nodeText(block)));
  }
}

/**
 * Renders Strapi 5 "blocks" rich text to an HTML string. The input is untrusted JSON: anything
 * malformed is skipped, all text is escaped, and only allowlisted tags, attributes and URL schemes appear.
 */
export function renderBlocks(blocks: unknown, options: RichTextOptions = {}): string {
  if (!Array.isArray(blocks)) return '';
  const state: RenderState = { options, imagesRendered: 0 };
  return blocks
    .map((block) => renderBlock(block, state))
    .filter((html) => html !== '')
    .join('\n');
}
