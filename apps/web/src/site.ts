/**
 * `web/site`: what the site lets other packages use — the publisher, which renders and serves the site
 * in its own process. One source for the static build and for the publisher, so the two cannot drift
 * apart. Nothing else of the site is imported from outside it.
 *
 * - content: fetchSiteContent / refreshArticles, from a ContentSource (the CMS client, the media cache
 *   folder and the media origins, given by the caller: mediaOrigins reads the latter from the environment);
 *   withArticle for an editor's preview (RenderContext.preview);
 * - the page list: sitePages, outputFile, paths; articlePage, one article's page alone (the preview);
 *   changedPages, the pages a change of some articles may touch (partial builds);
 * - rendering: the renderer build is `astro build` in WEB_PACKAGE_DIR with WEB_RENDERER_OUT set; its entry's
 *   `render(url, context)` takes a RenderContext (lib/content.ts) and answers a Rendered page;
 * - the media and search steps of a build: mediaReferences, linkMedia, articleRecord, StoredRecord (a search
 *   record as a build keeps it), writeSearchIndex, and writeSearchUpdate (a refresh of the index that writes
 *   only the files of what changed);
 * - serving: createStaticServer, with the site's security headers and cache policy.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The site's package folder: where its renderer is built. */
export const WEB_PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export {
  fetchSiteContent,
  refreshArticles,
  refreshContent,
  withArticle,
  type ContentChange,
  type ContentSource,
  type SiteContent,
} from './lib/content/fetch';
export type { RenderContext } from './lib/content/render-context';
export { articlePage, changedPages, outputFile, sitePages, type ChangedPages, type SitePage } from './lib/site/pages';
export { counterUrl, dashboardUrl, paths } from './lib/site/paths';
export { escapeHtml } from './lib/html-escape';
export { securityHeaders } from './lib/security-headers';
export { linkMedia, mediaReferences } from './integrations/media';
export { MediaOriginError, mediaOrigins } from './lib/media/origins';
export { articleRecord, writeSearchIndex, type SearchRecord } from './integrations/search';
export { StoredRecord } from './integrations/search-record';
export { SearchBaseWriter, writeSearchUpdate, type RecentManifest, type SearchIndexState, type SearchUpdate } from './integrations/search-update';
export { SHARD_SIZE } from './integrations/search-shards';
export type { Rendered } from './renderer/entrypoint';
export { cacheControl, createStaticHandler, createStaticServer, RELEASE_LAYERS, resolvePath, type StaticHandler } from './serve/static-server';
