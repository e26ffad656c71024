import type { APIRoute } from 'astro';
import { renderContext } from '../lib/content/render-context';

export const GET: APIRoute = async ({ locals }) => {
  const { siteUrl } = await renderContext(locals);
  return new Response(`User-agent: *\nAllow: /\nDisallow: /tim-kiem/\n\nSitemap: ${siteUrl}/sitemap.xml\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
};
