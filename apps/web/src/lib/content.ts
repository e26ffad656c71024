import { getCollection } from 'astro:content';
import type { Article, Author, Category, SiteSettings } from '@portal/cms-client';

/** The loaders store the client's typed records as they are; these getters give the types back. */
async function all<T>(name: 'articles' | 'authors' | 'categories' | 'settings'): Promise<T[]> {
  return (await getCollection(name)).map((entry) => entry.data as unknown as T);
}

let cache: Promise<SiteContent> | undefined;

export type SiteContent = {
  articles: Article[];
  authors: Author[];
  categories: Category[];
  settings: SiteSettings | null;
};

/** All content of the site, newest articles first; read once per build. */
export function siteContent(): Promise<SiteContent> {
  cache ??= (async () => {
    const [articles, authors, categories, settings] = await Promise.all([
      all<Article>('articles'),
      all<Author>('authors'),
      all<Category>('categories'),
      all<SiteSettings>('settings'),
    ]);
    articles.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.documentId.localeCompare(b.documentId));
    return { articles, authors, categories, settings: settings[0] ?? null };
  })();
  return cache;
}
