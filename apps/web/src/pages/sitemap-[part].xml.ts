import type { APIRoute } from 'astro';
import { pageProps, renderContext, staticPaths } from '../lib/content/render-context';
import { sitemapPart, sitemapXml, type SitemapProps } from '../lib/site/sitemap';

/** A child of the sitemap index (lib/site/sitemap.ts): the listings, or a year's articles. */
export function getStaticPaths() {
  return staticPaths('sitemap-part');
}

export const GET: APIRoute = async ({ locals, params }) => {
  const site = await renderContext(locals);
  return new Response(sitemapXml(pageProps<SitemapProps>(site, sitemapPart(params.part ?? '')), site.siteUrl), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
