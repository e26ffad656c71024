import { MAX_BLOCK_DEPTH } from './blocks-limits';
import { nodeText } from './node-text';
import { asRecord, childrenOf, nodeType, ownString } from './untrusted';

/** Runs of spaces, tabs and soft line breaks collapse to one space, as they would on screen. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One line per list item, nested items included, so a list reads as a list in RSS readers. */
function listLines(list: unknown, depth: number): string[] {
  const record = asRecord(list);
  if (record === null || depth > MAX_BLOCK_DEPTH) return [];
  return childrenOf(record).flatMap((child) => itemLines(child, depth + 1));
}

function itemLines(item: unknown, depth: number): string[] {
  const record = asRecord(item);
  if (record === null || depth > MAX_BLOCK_DEPTH) return [];
  const type = ownString(record, 'type');
  // Strapi puts a sub-list beside the items; other editors nest it inside one. Both read the same.
  if (type === 'list') return listLines(record, depth);
  if (type !== 'list-item') return [squash(nodeText(record, depth))];
  const parts = childrenOf(record);
  const words = squash(parts.filter((part) => nodeType(part) !== 'list').map((part) => nodeText(part, depth + 1)).join(''));
  const nested = parts.filter((part) => nodeType(part) === 'list').flatMap((part) => listLines(part, depth + 1));
  return [words, ...nested];
}

function blockText(node: unknown): string {
  const record = asRecord(node);
  if (record === null) return '';
  switch (ownString(record, 'type')) {
    case 'image':
      // Images carry no body words; their captions belong to the figure, not to a summary.
      return '';
    case 'code':
      return nodeText(record).trim();
    case 'list':
      return listLines(record, 0).filter((line) => line !== '').join('\n');
    default:
      return squash(nodeText(record));
  }
}

/** The article's words without markup, paragraphs separated by a blank line: for the search index and RSS. */
export function blocksToPlainText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n\n');
}

/**
 * Counts words as runs separated by whitespace that contain a letter or digit. Vietnamese writes each
 * syllable apart, so this counts syllables, which is also what reading-time estimates for Vietnamese use.
 */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}
