import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteContent } from '../lib/content';
import { paths, siteUrl } from '../lib/site';

/** The 50 newest published articles. */
export const GET: APIRoute = async () => {
  const { articles, settings } = await siteContent();
  return rss({
    title: settings?.portalName ?? 'Cổng thông tin điện tử',
    description: `Tin mới nhất từ ${settings?.portalName ?? 'cổng thông tin điện tử'}`,
    site: siteUrl(),
    customData: '<language>vi</language>',
    items: articles.slice(0, 50).map((article) => ({
      title: article.title,
      link: paths.article(article.slug),
      pubDate: article.publishedAt ? new Date(article.publishedAt) : undefined,
      description: article.lead,
      author: article.author?.name,
      categories: article.category ? [article.category.name] : [],
    })),
  });
};
