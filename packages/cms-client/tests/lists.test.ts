import { describe, expect, it } from 'vitest';
import { chunk, compact, uniqueByDocumentId } from '../src/lists';

describe('list helpers', () => {
  it('chunk cuts a list into batches', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).toEqual([]);
  });

  it('uniqueByDocumentId keeps the first of each documentId, in order', () => {
    const items = [{ documentId: 'a' }, { documentId: 'b' }, { documentId: 'a' }, { documentId: 'c' }];
    expect(uniqueByDocumentId(items).map((item) => item.documentId)).toEqual(['a', 'b', 'c']);
  });

  it('compact drops null and undefined but keeps other falsy values', () => {
    expect(compact([0, null, '', undefined, false])).toEqual([0, '', false]);
  });
});
