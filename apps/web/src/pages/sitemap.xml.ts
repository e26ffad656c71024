import type { APIRoute } from 'astro';
import { siteContent } from '../lib/content';
import { articlesByAuthor, articlesInCategory, PER_PAGE } from '../lib/listings';
import { pageCount, pageHref } from '../lib/pagination';
import { paths, siteUrl } from '../lib/site';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Every public page, built from the content rather than from the pages rendered by this build, so a
 * partial build writes the same sitemap as a full one.
 */
export const GET: APIRoute = async () => {
  const { articles, categories, authors } = await siteContent();
  const entries: Array<{ url: string; lastmod?: string }> = [{ url: '/', lastmod: articles[0]?.publishedAt ?? undefined }];
  for (const article of articles) entries.push({ url: paths.article(article.slug), lastmod: article.updatedAt ?? article.publishedAt ?? undefined });
  const listing = (base: string, count: number) => {
    for (let page = 1; page <= pageCount(count, PER_PAGE); page++) entries.push({ url: pageHref(base, page) });
  };
  for (const category of categories) listing(paths.category(category.slug), articlesInCategory(articles, category).length);
  for (const author of authors) listing(paths.author(author.slug), articlesByAuthor(articles, author.slug).length);
  const body = entries
    .map((entry) => `<url><loc>${escape(siteUrl() + entry.url)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</url>`)
    .join('');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>\n`, {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
