import { MAX_BLOCK_DEPTH } from './limits';
import { asRecord, childrenOf, ownString } from '../untrusted';

/**
 * The raw (unescaped) text inside a node: a text node's `text`, otherwise its children's text joined.
 * Fields such as `html` or `raw` are never read, so unknown node types can only ever yield text.
 */
export function nodeText(node: unknown, depth = 0): string {
  const record = asRecord(node);
  if (record === null || depth > MAX_BLOCK_DEPTH) return '';
  if (ownString(record, 'type') === 'text') return ownString(record, 'text') ?? '';
  return childrenOf(record)
    .map((child) => nodeText(child, depth + 1))
    .join('');
}
