import type { Article } from '@portal/cms-client';
import { describe, expect, it } from 'vitest';
import { categoryTrail, otherNews } from '../src/lib/site/listings';

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

const byId = (list: Article[]) => new Map(list.map((a) => [a.documentId, a]));

describe('otherNews ("Tin khác")', () => {
  it('puts the curated articles first, in the editors’ order, then the older articles of the same category', () => {
    const [newer, current, older1, older2] = [article('kinh-te'), article('kinh-te'), article('kinh-te'), article('kinh-te')];
    const other = article('van-hoa');
    const withRelated = { ...current, relatedArticles: [{ documentId: other.documentId }, { documentId: older2.documentId }] } as unknown as Article;
    const sameCategory = [newer, withRelated, older1, older2];
    const list = otherNews(withRelated, sameCategory, byId([...sameCategory, other]));
    expect(list.map((x) => x.documentId)).toEqual([other, older2, older1, newer].map((x) => x.documentId));
  });

  it('fills from the articles just after it when too few are older, nearest first', () => {
    const list = Array.from({ length: 6 }, () => article('kinh-te'));
    const oldest = list[5];
    expect(otherNews(oldest, list, byId(list), 3).map((x) => x.documentId)).toEqual([list[4], list[3], list[2]].map((x) => x.documentId));
  });

  it('is not changed by a newer article: publishing one leaves older articles’ boxes as they were', () => {
    const list = Array.from({ length: 15 }, () => article('kinh-te'));
    const before = otherNews(list[3], list, byId(list)).map((x) => x.documentId);
    const fresh = article('kinh-te');
    const after = otherNews(list[3], [fresh, ...list], byId([fresh, ...list])).map((x) => x.documentId);
    expect(after).toEqual(before);
  });

  it('never lists the article itself, a duplicate, or an unpublished curated article, and stops at the limit', () => {
    const many = Array.from({ length: 15 }, () => article('kinh-te'));
    const current = article('kinh-te', ['khong-con-xuat-ban', many[3].documentId]);
    const sameCategory = [current, ...many];
    const list = otherNews(current, sameCategory, byId(sameCategory), 10);
    expect(list).toHaveLength(10);
    expect(list[0].documentId).toBe(many[3].documentId);
    expect(new Set(list.map((x) => x.documentId)).size).toBe(10);
    expect(list.map((x) => x.documentId)).not.toContain(current.documentId);
  });
});

describe('listings', () => {
  it('a sub-category’s trail starts at its parent', () => {
    const child = article('kinh-te', [], 'tin-tuc');
    expect(categoryTrail(child.category, []).map((c) => c.slug)).toEqual(['tin-tuc', 'kinh-te']);
  });
});
