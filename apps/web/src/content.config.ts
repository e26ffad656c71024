import { defineCollection } from 'astro:content';
import { loaders } from './lib/loaders';

/** Every byte of content comes from the CMS through @portal/cms-client, at build time only. */
export const collections = {
  articles: defineCollection({ loader: loaders.articles() }),
  authors: defineCollection({ loader: loaders.authors() }),
  categories: defineCollection({ loader: loaders.categories() }),
  settings: defineCollection({ loader: loaders.settings() }),
};
