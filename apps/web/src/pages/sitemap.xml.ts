import type { APIRoute } from 'astro';
import { pageProps, renderContext } from '../lib/content/render-context';
import { sitemapXml, type SitemapProps } from '../lib/site/sitemap';

/**
 * Every public page, listed from the content (sitePages), so every way of building writes the same sitemap:
 * one urlset, or the index of the sitemap-<part>.xml files when the site has more than 50,000 URLs.
 */
export const GET: APIRoute = async ({ locals }) => {
  const site = await renderContext(locals);
  return new Response(sitemapXml(pageProps<SitemapProps>(site, '/sitemap.xml'), site.siteUrl), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
