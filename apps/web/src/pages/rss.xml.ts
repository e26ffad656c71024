import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { pageProps, siteContent } from '../lib/content';
import type { FeedItem } from '../lib/site-pages';
import { siteUrl } from '../lib/site';

/** The 50 newest published articles. */
export const GET: APIRoute = async () => {
  const { settings } = await siteContent();
  const { items } = await pageProps<{ items: FeedItem[] }>('/rss.xml');
  return rss({
    title: settings?.portalName ?? 'Cổng thông tin điện tử',
    description: `Tin mới nhất từ ${settings?.portalName ?? 'cổng thông tin điện tử'}`,
    site: siteUrl(),
    customData: '<language>vi</language>',
    items: items.map((item) => ({
      title: item.title,
      link: item.link,
      pubDate: item.pubDate ? new Date(item.pubDate) : undefined,
      description: item.description,
      author: item.author ?? undefined,
      categories: item.categories,
    })),
  });
};
