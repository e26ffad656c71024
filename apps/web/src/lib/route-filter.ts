import type { Article } from '@portal/cms-client';
import { affectedPages, type Affected } from './affected';
import { siteContent } from './content';
import { readPlan, recordPages } from './partial';

let affected: Promise<Affected | null> | undefined;

/** The pages a partial build must render, or null when this build renders everything. */
export function currentAffected(): Promise<Affected | null> {
  affected ??= (async () => {
    const plan = readPlan();
    if (!plan) return null;
    const { articles } = await siteContent();
    return affectedPages(articles as Article[], plan);
  })();
  return affected;
}

/**
 * Applies the partial-build plan to a route's static paths: records every URL the route has (so unchanged
 * pages can be kept from the live release) and keeps only the paths whose key the plan touches.
 */
export async function selectPaths<T>(
  route: string,
  paths: T[],
  urlOf: (path: T) => string,
  keyOf: (path: T) => string,
  pick: (affected: Affected) => Set<string>,
): Promise<T[]> {
  recordPages(route, paths.map(urlOf));
  const plan = await currentAffected();
  if (!plan) return paths;
  const wanted = pick(plan);
  return paths.filter((path) => wanted.has(keyOf(path)));
}
