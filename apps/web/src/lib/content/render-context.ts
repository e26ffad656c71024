import { createCmsClient } from '@portal/cms-client';
import { fetchSiteContent, type SiteContent } from './fetch';
import { staticMediaCacheDir } from '../media/cache';
import { mediaOrigins } from '../media/origins';
import { counterUrl, dashboardUrl, siteUrl } from '../site/paths';
import { sitePages, type SitePage } from '../site/pages';

export type { SiteContent } from './fetch';

/**
 * Everything a page renders from, in one object: the content, every page's data computed from it by
 * sitePages(), and the addresses the pages link to. Whoever renders hands it over:
 *
 * - the publisher's renderer passes one with every render (`render(url, context)` of
 *   renderer/entrypoint.ts); it reaches the pages as `Astro.locals.portal`;
 * - a static `astro build` has no caller to hand one over: it makes its own once, from its environment
 *   (staticContext below).
 *
 * Both compute pages with the same code from the same records.
 */
export type RenderContext = {
  content: SiteContent;
  pages: Map<string, SitePage>;
  /** The public address of the site: canonical URLs, the sitemap, RSS, Open Graph. */
  siteUrl: string;
  /** Where editors log in ("Đăng nhập"), as readers' browsers reach the dashboard. */
  dashboardUrl: string;
  /** Where pages send their view count and read the live numbers (the CMS's POST /counter). */
  counterUrl: string;
  /**
   * An editor's preview of content not yet live (the publisher's preview, never a release): every page says
   * "Bản xem trước", is `noindex` and counts no view.
   */
  preview?: boolean;
};

declare global {
  // Astro types `Astro.locals` through the global App.Locals namespace: the one way to give it a field.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace App {
    interface Locals {
      /** The renderer's context for this render; absent in a static build. */
      portal?: RenderContext;
    }
  }
}

let fetched: Promise<RenderContext> | undefined;

/**
 * The static build's context, made once per build from the variables scripts/build.ts passes to
 * `astro build`: CMS_URL and CMS_TOKEN (read by the client), WEB_MEDIA_CACHE, MEDIA_ORIGINS (or S3_PUBLIC_URL),
 * SITE_URL, CMS_PUBLIC_URL, COUNTER_URL.
 */
function staticContext(): Promise<RenderContext> {
  fetched ??= (async () => {
    const env = process.env;
    const content = await fetchSiteContent({
      cms: createCmsClient({ token: env.CMS_TOKEN }),
      mediaCacheDir: staticMediaCacheDir(env),
      mediaOrigins: mediaOrigins(env),
    });
    return { content, pages: sitePages(content), siteUrl: siteUrl(env), dashboardUrl: dashboardUrl(env), counterUrl: counterUrl(env) };
  })();
  return fetched;
}

/** The context of the page being rendered: the renderer's, or the static build's own. */
export function renderContext(locals: App.Locals): Promise<RenderContext> {
  return locals.portal ? Promise.resolve(locals.portal) : staticContext();
}

/** The data of the page at `url`, as computed by sitePages(). */
export function pageProps<T>(context: RenderContext, url: string): T {
  const page = context.pages.get(url) ?? context.pages.get(url.endsWith('/') ? url : `${url}/`);
  if (!page) throw new Error(`No page at ${url}`);
  return page.props as T;
}

/** getStaticPaths() of a route (static builds only: the renderer renders the pages it is asked for). */
export async function staticPaths(route: SitePage['route']): Promise<Array<{ params: Record<string, string> }>> {
  const { pages } = await staticContext();
  return [...pages.values()].filter((page) => page.route === route).map((page) => ({ params: page.params }));
}
