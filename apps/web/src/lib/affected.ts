import type { Article } from '@portal/cms-client';
import type { Plan, Snapshot } from './partial';

/** Where an article sits: what the planner compares before and after a change. */
export function snapshot(article: Article): Snapshot {
  return {
    documentId: article.documentId,
    slug: article.slug,
    category: article.category?.slug ?? null,
    parentCategory: article.category?.parent?.slug ?? null,
    author: article.author?.slug ?? null,
  };
}

export type Affected = { articles: Set<string>; categories: Set<string>; authors: Set<string> };

/**
 * The pages a set of article changes can alter, old and new state alike:
 * - the changed articles' own pages;
 * - their categories (and parent categories): every listing page, since positions shift;
 * - every article of those categories, whose "Tin khác" fills from the category and links its pages;
 * - articles whose curated "Tin khác" names a changed article;
 * - their authors' listing pages.
 * Home, RSS, sitemap, robots, search and 404 are rendered on every build.
 */
export function affectedPages(articles: Article[], plan: Plan): Affected {
  const affected: Affected = { articles: new Set(), categories: new Set(), authors: new Set() };
  const changedIds = new Set<string>();
  const add = (s: Snapshot | null) => {
    if (!s) return;
    changedIds.add(s.documentId);
    affected.articles.add(s.slug);
    for (const category of [s.category, s.parentCategory]) if (category) affected.categories.add(category);
    if (s.author) affected.authors.add(s.author);
  };
  for (const change of plan.changes) {
    add(change.before);
    add(change.after);
  }
  for (const article of articles) {
    const category = article.category?.slug;
    if (category && affected.categories.has(category)) affected.articles.add(article.slug);
    if (article.relatedArticles?.some((related) => related && changedIds.has(related.documentId))) affected.articles.add(article.slug);
  }
  return affected;
}
