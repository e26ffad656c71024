import { describe, expect, it } from 'vitest';
import { digest } from '../src/digest';

describe('digest', () => {
  it('is equal for equal data and differs when anything nested differs', () => {
    const page = () => ({
      article: { title: 'Tin A', body: [{ type: 'paragraph', children: [{ text: 'một' }] }] },
      others: [{ slug: 'b' }],
      pages: 3,
    });
    expect(digest(page())).toBe(digest(page()));
    const changed = page();
    changed.article.body[0].children[0].text = 'hai';
    expect(digest(changed)).not.toBe(digest(page()));
    expect(digest({ ...page(), pages: 4 })).not.toBe(digest(page()));
    expect(digest({ ...page(), others: [] })).not.toBe(digest(page()));
  });

  it('tells apart values that print alike', () => {
    expect(digest({ a: '1' })).not.toBe(digest({ a: 1 }));
    expect(digest([null])).not.toBe(digest([undefined]));
    expect(digest({ a: [1, 2] })).not.toBe(digest({ a: [12] }));
  });
});
