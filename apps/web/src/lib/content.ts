import { fetchSiteContent, type SiteContent } from './cms';
import { sitePages, type SitePage } from './site-pages';

export type { SiteContent } from './cms';

/**
 * What the pages render from. A static `astro build` fetches the content once from the CMS. The
 * publisher's long-lived renderer instead puts its own content, and the pages it computed from it, here
 * before rendering: both paths compute pages with the same code from the same records.
 */
export type RenderState = { content: SiteContent; pages: Map<string, SitePage> };

const STATE = Symbol.for('portal.render-state');
type WithState = { [STATE]?: RenderState };

/** Used by the publisher's renderer (a separate bundle of this code: the state lives on globalThis). */
export function setRenderState(state: RenderState | undefined): void {
  (globalThis as WithState)[STATE] = state;
}

let fetched: Promise<RenderState> | undefined;

function state(): Promise<RenderState> {
  const given = (globalThis as WithState)[STATE];
  if (given) return Promise.resolve(given);
  fetched ??= fetchSiteContent().then((content) => ({ content, pages: sitePages(content) }));
  return fetched;
}

/** All content of the site, newest articles first. */
export async function siteContent(): Promise<SiteContent> {
  return (await state()).content;
}

/** The data of the page at `url`, as computed by sitePages(). */
export async function pageProps<T>(url: string): Promise<T> {
  const { pages } = await state();
  const page = pages.get(url) ?? pages.get(url.endsWith('/') ? url : `${url}/`);
  if (!page) throw new Error(`No page at ${url}`);
  return page.props as T;
}

/** getStaticPaths() of a route: the parameters of its pages. */
export async function staticPaths(route: SitePage['route']): Promise<Array<{ params: Record<string, string> }>> {
  const { pages } = await state();
  return [...pages.values()].filter((page) => page.route === route).map((page) => ({ params: page.params }));
}
