import type { Article } from '@portal/cms-client';
import { describe, expect, it } from 'vitest';
import { articlesInCategory, categoryTrail, otherNews } from '../src/lib/listings';

let next = 0;
function article(category: string, related: string[] = [], parent?: string): Article {
  const id = `a${++next}`;
  return {
    documentId: id,
    slug: id,
    title: `Tin ${id}`,
    category: { documentId: category, name: category, slug: category, parent: parent ? { documentId: parent, name: parent, slug: parent } : null },
    relatedArticles: related.map((documentId) => ({ documentId, slug: documentId, title: documentId, publishedAt: null })),
  } as unknown as Article;
}

describe('otherNews ("Tin khác")', () => {
  it('puts the curated articles first, in the editors’ order, then the newest of the same category', () => {
    const a = article('kinh-te');
    const b = article('kinh-te');
    const c = article('van-hoa');
    const d = article('kinh-te');
    const current = article('kinh-te', [c.documentId, b.documentId]);
    const newestFirst = [d, current, b, a, c];
    expect(otherNews(current, newestFirst).map((x) => x.documentId)).toEqual([c, b, d, a].map((x) => x.documentId));
  });

  it('never lists the article itself, a duplicate, or an unpublished curated article, and stops at the limit', () => {
    const many = Array.from({ length: 15 }, () => article('kinh-te'));
    const current = article('kinh-te', ['khong-con-xuat-ban', many[3].documentId]);
    const list = otherNews(current, [current, ...many], 10);
    expect(list).toHaveLength(10);
    expect(list[0].documentId).toBe(many[3].documentId);
    expect(new Set(list.map((x) => x.documentId)).size).toBe(10);
    expect(list.map((x) => x.documentId)).not.toContain(current.documentId);
  });
});

describe('listings', () => {
  it('a parent category lists its sub-categories’ articles too', () => {
    const own = article('tin-tuc');
    const child = article('kinh-te', [], 'tin-tuc');
    const other = article('y-te');
    expect(articlesInCategory([own, child, other], { slug: 'tin-tuc' })).toEqual([own, child]);
    expect(categoryTrail(child.category, []).map((c) => c.slug)).toEqual(['tin-tuc', 'kinh-te']);
  });
});
