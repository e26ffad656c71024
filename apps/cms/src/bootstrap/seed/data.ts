import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type DemoCategory = { slug: string; name: string; description: string; parent?: string };
export type DemoAuthor = { slug: string; name: string; bio: string };
export type DemoImage = { after: number; caption: string; alt: string };
export type DemoArticle = {
  title: string;
  category: string;
  author: string;
  source: string;
  lead: string;
  paragraphs: string[];
  images: DemoImage[];
  draft?: boolean;
};
export type DemoContent = { categories: DemoCategory[]; authors: DemoAuthor[]; articles: DemoArticle[] };

/** Where the demo texts live, relative to the CMS app's root. */
export const DEMO_DATA_DIR = path.join('scripts', 'seed', 'data');

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Demo content: ${message}`);
}

/** Reads taxonomy.json and every articles-*.json, checking the references between them. */
export async function loadDemoContent(appRoot: string): Promise<DemoContent> {
  const dir = path.join(appRoot, DEMO_DATA_DIR);
  const taxonomy = JSON.parse(await readFile(path.join(dir, 'taxonomy.json'), 'utf8')) as Omit<DemoContent, 'articles'>;
  const files = (await readdir(dir)).filter((name) => /^articles-.*\.json$/.test(name)).sort();
  const articles: DemoArticle[] = [];
  for (const file of files) articles.push(...(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as DemoArticle[]));

  const categories = new Set(taxonomy.categories.map((c) => c.slug));
  const authors = new Set(taxonomy.authors.map((a) => a.slug));
  for (const article of articles) {
    check(categories.has(article.category), `unknown category ${article.category} in "${article.title}"`);
    check(authors.has(article.author), `unknown author ${article.author} in "${article.title}"`);
    for (const image of article.images) {
      check(image.after >= 0 && image.after < article.paragraphs.length, `image out of range in "${article.title}"`);
    }
  }
  return { ...taxonomy, articles };
}
