import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { pageProps, renderContext } from '../lib/content/render-context';
import type { FeedItem } from '../lib/site/pages';
import { withoutUnsafeCharacters as clean } from '../lib/untrusted';

/** The 50 newest published articles. */
export const GET: APIRoute = async ({ locals }) => {
  const site = await renderContext(locals);
  const { settings } = site.content;
  const { items } = pageProps<{ items: FeedItem[] }>(site, '/rss.xml');
  // Feed readers show these texts as they are: no bidi controls, whatever the content (see untrusted.ts).
  const portalName = settings?.portalName ? clean(settings.portalName) : null;
  return rss({
    title: portalName ?? 'Cổng thông tin điện tử',
    description: `Tin mới nhất từ ${portalName ?? 'cổng thông tin điện tử'}`,
    site: site.siteUrl,
    customData: '<language>vi</language>',
    items: items.map((item) => ({
      title: clean(item.title),
      link: item.link,
      pubDate: item.pubDate ? new Date(item.pubDate) : undefined,
      description: clean(item.description),
      author: item.author ? clean(item.author) : undefined,
      categories: item.categories.map(clean),
    })),
  });
};
