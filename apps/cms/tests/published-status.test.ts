import { describe, expect, it } from 'vitest';
import { publicReadStatus } from '../src/documents/published-only';

describe('publicReadStatus', () => {
  it('reads published content when no status is asked for, or exactly published', () => {
    for (const params of [undefined, null, {}, { status: undefined }, { status: 'published' }, { filters: {} }]) {
      expect(publicReadStatus(params), JSON.stringify(params)).toBe('published');
    }
  });

  it('refuses every other value, including the ones the document service reads as drafts', () => {
    const refused: unknown[] = [
      '',
      ' ',
      '\t',
      'draft',
      'DRAFT',
      'PUBLISHED',
      'Published',
      ' published',
      'published ',
      'published\0',
      null,
      0,
      false,
      true,
      ['published'],
      ['draft', 'published'],
      [],
      { status: 'published' },
      { $eq: 'published' },
      Object.assign(Object.create(null) as object, { toString: () => 'published' }),
    ];
    for (const status of refused) expect(publicReadStatus({ status }), JSON.stringify(status)).toBeNull();
    expect(publicReadStatus('published')).toBeNull();
  });
});
