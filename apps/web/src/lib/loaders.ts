import type { Loader } from 'astro/loaders';
import {
  createCmsClient,
  fetchAllArticles,
  fetchArticlesByIds,
  fetchAllAuthors,
  fetchAllCategories,
  fetchSiteSettings,
  type Article,
  type CmsClient,
} from '@portal/cms-client';
import { snapshot } from './affected';
import { partialRequest, writePlan, type Plan } from './partial';
import { cacheMedia } from './media-cache';
import { mediaUrls, type CmsMedia } from './media';

let client: CmsClient | undefined;
/** The one CMS client of the build (URL and token from CMS_URL / CMS_TOKEN). */
export function cmsClient(): CmsClient {
  client ??= createCmsClient({ token: process.env.CMS_TOKEN });
  return client;
}

/** Media a CMS record refers to: covers, avatars, banners, share images and images inside rich text. */
export function referencedMedia(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) referencedMedia(item, found);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.url === 'string' && record.url.startsWith('/uploads/')) found.push(...mediaUrls(record as CmsMedia));
    for (const [key, child] of Object.entries(record)) if (key !== 'formats') referencedMedia(child, found);
  }
  return found;
}

/**
 * An Astro content loader over one CMS collection. Entries carry a digest, so Astro's data store keeps
 * unchanged entries from the previous build; media are downloaded into the build's cache as they appear.
 */
export function cmsLoader<T extends object>(
  name: string,
  fetchAll: (client: CmsClient) => Promise<T[]>,
  idOf: (item: T) => string,
): Loader {
  return {
    name: `cms-${name}`,
    load: async ({ store, generateDigest, logger }) => {
      const items = await fetchAll(cmsClient());
      const downloaded = await cacheMedia(cmsClient().url, referencedMedia(items));
      const seen = new Set<string>();
      for (const item of items) {
        const id = idOf(item);
        seen.add(id);
        store.set({ id, data: item as Record<string, unknown>, digest: generateDigest(item as Record<string, unknown>) });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${items.length} ${name} from the CMS${downloaded ? `, ${downloaded} new media files` : ''}`);
    },
  };
}

/**
 * Articles, refetched one by one in a partial build: the entries of the previous build stay in Astro's
 * data store, the changed articles are fetched, updated or removed, and the plan records where each was
 * before and after. Without a previous build to start from, everything is fetched and built.
 */
function articlesLoader(): Loader {
  const full = cmsLoader('articles', fetchAllArticles, (a) => a.slug);
  return {
    name: 'cms-articles',
    load: async (context) => {
      const request = partialRequest();
      if (!request) return full.load(context);
      const { store, generateDigest, logger } = context;
      const previous = [...store.values()].map((entry) => entry.data as unknown as Article);
      if (previous.length === 0) {
        logger.warn('partial build not possible: no content from an earlier build; building everything');
        writePlan({ full: true, changes: [] });
        return full.load(context);
      }
      const fetched = await fetchArticlesByIds(cmsClient(), request.articles);
      await cacheMedia(cmsClient().url, referencedMedia(fetched));
      const plan: Plan = { full: false, changes: [] };
      for (const documentId of new Set(request.articles)) {
        const before = previous.find((article) => article.documentId === documentId) ?? null;
        const after = fetched.find((article) => article.documentId === documentId) ?? null;
        if (before) store.delete(before.slug);
        if (after) store.set({ id: after.slug, data: after as Record<string, unknown>, digest: generateDigest(after as Record<string, unknown>) });
        plan.changes.push({ before: before && snapshot(before), after: after && snapshot(after) });
      }
      writePlan(plan);
      logger.info(`partial: ${fetched.length} of ${request.articles.length} changed articles are published`);
    },
  };
}

/** The other collections only change through full builds; a partial build keeps what the store has. */
function keptInPartialBuilds(loader: Loader): Loader {
  return {
    name: loader.name,
    load: async (context) => {
      if (partialRequest() && context.store.keys().length > 0) return;
      return loader.load(context);
    },
  };
}

export const loaders = {
  articles: articlesLoader,
  authors: () => keptInPartialBuilds(cmsLoader('authors', fetchAllAuthors, (a) => a.slug)),
  categories: () => keptInPartialBuilds(cmsLoader('categories', fetchAllCategories, (c) => c.slug)),
  settings: () =>
    keptInPartialBuilds(
      cmsLoader('settings', async (c) => {
        const settings = await fetchSiteSettings(c);
        return settings ? [settings] : [];
      }, () => 'site'),
    ),
};
