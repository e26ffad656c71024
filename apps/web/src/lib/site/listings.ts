import type { Article, Category } from '@portal/cms-client';

/** Articles per listing page (category, author) and per "Tin khác" box. */
export const PER_PAGE = 10;

/**
 * Pages of a category's or an author's listing: the 200 newest articles, the last page pointing to search
 * for older ones. Unbounded, a category of 10,000 articles would have 1,000 pages, every one of them
 * shifting (and re-rendered) when an article is published. At least MORE_PAGES (pages.ts): the "…" under
 * an article links that page.
 */
export const LISTING_MAX_PAGES = 20;

/** An author's articles, newest first (the input order). */
export function articlesByAuthor(articles: Article[], authorSlug: string): Article[] {
  return articles.filter((article) => article.author?.slug === authorSlug);
}

/**
 * "Tin khác" under an article: the related articles editors chose, in their order, then the articles of
 * the same category published before it (newest first), then, for the oldest articles of a category,
 * those published just after it. Never the article itself nor an article twice, at most `limit`.
 * Curated links to articles that are not published any more are dropped (they are not in `byId`).
 *
 * Filling from the article's neighbours rather than from the newest of the category keeps an article's
 * page stable: publishing a new article does not change the pages of every older one.
 *
 * @param sameCategory the article's own category, newest first, the article included
 * @param position where the article is in `sameCategory`, when the caller knows
 */
export function otherNews(
  article: Article,
  sameCategory: Article[],
  byId: Pick<ReadonlyMap<string, Article>, 'get'>,
  limit = PER_PAGE,
  position = sameCategory.findIndex((candidate) => candidate.documentId === article.documentId),
): Article[] {
  const chosen: Article[] = [];
  const taken = new Set([article.documentId]);
  const add = (candidate: Article | undefined) => {
    if (!candidate || taken.has(candidate.documentId) || chosen.length >= limit) return;
    taken.add(candidate.documentId);
    chosen.push(candidate);
  };
  for (const related of article.relatedArticles ?? []) add(related ? byId.get(related.documentId) : undefined);
  if (position >= 0) {
    for (let i = position + 1; i < sameCategory.length && chosen.length < limit; i++) add(sameCategory[i]);
    for (let i = position - 1; i >= 0 && chosen.length < limit; i--) add(sameCategory[i]);
  }
  return chosen;
}

/** The category trail of an article for the breadcrumb: parent first when there is one. */
export function categoryTrail(category: Article['category'], categories: Category[]): Array<{ name: string; slug: string }> {
  if (!category) return [];
  const trail: Array<{ name: string; slug: string }> = [];
  const parent = category.parent ?? categories.find((c) => c.slug === category.slug)?.parent;
  if (parent) trail.push({ name: parent.name, slug: parent.slug });
  trail.push({ name: category.name, slug: category.slug });
  return trail;
}
