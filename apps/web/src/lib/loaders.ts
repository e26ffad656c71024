import type { Loader } from 'astro/loaders';
import {
  createCmsClient,
  fetchAllArticles,
  fetchAllAuthors,
  fetchAllCategories,
  fetchSiteSettings,
  type CmsClient,
} from '@portal/cms-client';
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

export const loaders = {
  articles: () => cmsLoader('articles', fetchAllArticles, (a) => a.slug ?? a.documentId),
  authors: () => cmsLoader('authors', fetchAllAuthors, (a) => a.slug ?? a.documentId),
  categories: () => cmsLoader('categories', fetchAllCategories, (c) => c.slug ?? c.documentId),
  settings: () =>
    cmsLoader('settings', async (c) => {
      const settings = await fetchSiteSettings(c);
      return settings ? [settings] : [];
    }, () => 'site'),
};
