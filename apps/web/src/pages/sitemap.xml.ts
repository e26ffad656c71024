import type { APIRoute } from 'astro';
import { pageProps, renderContext } from '../lib/content/render-context';
import type { SitemapEntry } from '../lib/site/pages';
import { escapeHtml } from '../lib/html-escape';

/** Every public page, listed from the content (sitePages), so every way of building writes the same sitemap. */
export const GET: APIRoute = async ({ locals }) => {
  const site = await renderContext(locals);
  const { entries } = pageProps<{ entries: SitemapEntry[] }>(site, '/sitemap.xml');
  const body = entries
    .map((entry) => `<url><loc>${escapeHtml(site.siteUrl + entry.url)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</url>`)
    .join('');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>\n`, {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
