import type { Article, Author, Category, SiteSettings } from '@portal/cms-client';
import { describe, expect, it } from 'vitest';
import { articlesShowing, sortArticles, type SiteContent } from '../src/lib/content/fetch';
import { changedPages, sitePages, type SitePage } from '../src/lib/site/pages';

/** A small deterministic random source (the same rounds on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const tinTuc = { documentId: 'c1', name: 'Tin tức', slug: 'tin-tuc', parent: null };
const kinhTe = { documentId: 'c2', name: 'Kinh tế', slug: 'kinh-te', parent: { documentId: 'c1', name: 'Tin tức', slug: 'tin-tuc' } };
const xaHoi = { documentId: 'c3', name: 'Xã hội', slug: 'xa-hoi', parent: { documentId: 'c1', name: 'Tin tức', slug: 'tin-tuc' } };
const vanHoa = { documentId: 'c4', name: 'Văn hóa', slug: 'van-hoa', parent: null };
const nho = { documentId: 'c5', name: 'Thông báo', slug: 'thong-bao', parent: null };
const CATEGORIES = [tinTuc, kinhTe, xaHoi, vanHoa, nho];
const AUTHORS = [
  { documentId: 'u1', name: 'Ngọc Lan', slug: 'ngoc-lan' },
  { documentId: 'u2', name: 'Minh Khoa', slug: 'minh-khoa' },
  { documentId: 'u3', name: 'Thu Hà', slug: 'thu-ha' },
];

let serial = 0;

function article(next: () => number, ids: string[]): Article {
  serial += 1;
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  // "Thông báo" stays small, so that its listing gains and loses pages ("1 2 3 4 5 …" changes).
  const category = next() < 0.1 ? nho : pick(CATEGORIES.slice(0, 4));
  const related = ids.length && next() < 0.3 ? Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ documentId: pick(ids) })) : [];
  return {
    documentId: `a${serial}`,
    slug: `bai-${serial}`,
    title: `Bài số ${serial}`,
    lead: `Sapo ${serial}`,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 400) * 86_400_000 + Math.floor(next() * 3) * 1000).toISOString(),
    updatedAt: '2026-06-01T00:00:00.000Z',
    category: next() < 0.03 ? null : category,
    author: next() < 0.05 ? null : pick(AUTHORS),
    cover: null,
    relatedArticles: related,
  } as unknown as Article;
}

function portal(next: () => number, count: number): SiteContent {
  const articles: Article[] = [];
  for (let i = 0; i < count; i++)
    articles.push(
      article(
        next,
        articles.map((a) => a.documentId),
      ),
    );
  return {
    articles: sortArticles(articles),
    categories: CATEGORIES as unknown as Category[],
    authors: AUTHORS as unknown as Author[],
    settings: { portalName: 'Cổng thông tin', menu: [tinTuc, vanHoa, nho] } as unknown as SiteSettings,
    mostRead: [],
  };
}

type Change = { after: SiteContent; changed: string[]; authors: string[]; categories: string[] };

/**
 * An author or a category (not of the menu) renamed, its address changed too: the records in the lists
 * and every article showing it, as the CMS answers after the change (refreshContent fetches them again).
 */
function rename(next: () => number, content: SiteContent): Change {
  const byAuthor = next() < 0.5;
  const records = (byAuthor ? content.authors : content.categories.filter((c) => c.documentId === 'c2' || c.documentId === 'c3')) as Array<{
    documentId: string;
    name: string;
    slug: string;
  }>;
  const target = records[Math.floor(next() * records.length)];
  const renamed = { ...target, name: `${target.name} mới`, slug: `${target.slug}-2` };
  const swap = <T extends { documentId: string }>(record: T | null | undefined): T | null | undefined =>
    record && record.documentId === target.documentId ? { ...record, name: renamed.name, slug: renamed.slug } : record;
  const ids = new Set([target.documentId]);
  const showing = new Set(byAuthor ? articlesShowing(content, ids, new Set()) : articlesShowing(content, new Set(), ids));
  const articles = content.articles.map((article) => {
    if (!showing.has(article.documentId)) return article;
    if (byAuthor) return { ...article, author: swap(article.author) } as Article;
    const category = article.category && { ...swap(article.category)!, parent: swap(article.category.parent) ?? null };
    return { ...article, category };
  });
  return {
    after: {
      ...content,
      articles,
      authors: byAuthor ? content.authors.map((a) => swap(a)!) : content.authors,
      categories: byAuthor ? content.categories : content.categories.map((c) => ({ ...swap(c)!, parent: swap(c.parent) ?? null })),
    },
    changed: [...showing],
    authors: byAuthor ? [target.documentId] : [],
    categories: byAuthor ? [] : [target.documentId],
  };
}

/** One round of editors' work: a few articles edited, moved, published, unpublished, renamed or relinked; or an author or category renamed. */
function change(next: () => number, content: SiteContent): Change {
  if (next() < 0.15) return rename(next, content);
  const articles = [...content.articles];
  const changed: string[] = [];
  const ids = articles.map((a) => a.documentId);
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const kind = Math.floor(next() * 7);
    const at = Math.floor(next() * articles.length);
    const old = articles[at];
    if (kind === 0) {
      const fresh = article(next, ids);
      articles.push(fresh);
      changed.push(fresh.documentId);
      continue;
    }
    changed.push(old.documentId);
    if (kind === 1) articles.splice(at, 1);
    else if (kind === 2) articles[at] = { ...old, title: `${old.title} (sửa)` };
    else if (kind === 3) articles[at] = { ...old, category: CATEGORIES[Math.floor(next() * CATEGORIES.length)] };
    else if (kind === 4) articles[at] = { ...old, author: AUTHORS[Math.floor(next() * AUTHORS.length)] };
    else if (kind === 5) articles[at] = { ...old, slug: `${old.slug}-moi` };
    else articles[at] = { ...old, relatedArticles: [{ documentId: ids[Math.floor(next() * ids.length)] }] } as unknown as Article;
  }
  return { after: { ...content, articles: sortArticles(articles) }, changed, authors: [], categories: [] };
}

const json = (page: SitePage | undefined) => JSON.stringify(page);

describe('changedPages', () => {
  it('names every page whose data a change of articles, authors or categories changes, with the data sitePages computes, over 300 random rounds', () => {
    const next = random(20261202);
    let content = portal(next, 320);
    let recomputed = 0;
    let total = 0;
    for (let round = 0; round < 300; round++) {
      const { after, changed, authors, categories } = change(next, content);
      const before = sitePages(content);
      // changedPages first: it derives the new content's index from the previous one (as a partial build
      // does), and sitePages is the judge on a copy of the content, indexed afresh.
      const partial = changedPages(content, after, changed, { authors, categories });
      const full = sitePages({ ...after });
      const wrong: string[] = [];
      for (const [url, page] of full) {
        const found = partial.pages.get(url);
        if (found ? json(found) !== json(page) : json(before.get(url)) !== json(page))
          wrong.push(`${url} ${found ? 'differs' : 'changed, not named'}`);
      }
      for (const url of partial.pages.keys()) if (!full.has(url)) wrong.push(`${url} is no page`);
      for (const url of before.keys()) if (!full.has(url) && !partial.considered.has(url)) wrong.push(`${url} went unnoticed`);
      expect(wrong, `round ${round}`).toEqual([]);
      // Renames of an author or a category touch a third of this small site, by design: counted apart.
      if (authors.length === 0 && categories.length === 0) {
        recomputed += partial.pages.size;
        total += full.size;
      }
      content = after;
    }
    // What makes it worth it: a change of some articles computes a small part of the site.
    expect(recomputed / total).toBeLessThan(0.25);
  });
});
