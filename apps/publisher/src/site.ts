/**
 * The site's own code that the publisher runs in its process: content fetching, the page list, the
 * security headers its pages need, and the media and search steps. One source for the static build and
 * for the publisher's renderer.
 */
export { fetchSiteContent, refreshArticles, type SiteContent } from '../../web/src/lib/cms';
export { setRenderState } from '../../web/src/lib/content';
export { outputFile, sitePages, type SitePage } from '../../web/src/lib/site-pages';
export { paths } from '../../web/src/lib/site';
export { escapeHtml } from '../../web/src/lib/html-escape';
export { securityHeaders } from '../../web/src/lib/security-headers';
export { linkMedia, mediaReferences } from '../../web/src/integrations/media';
export { articleRecord, writeSearchIndex, type SearchRecord } from '../../web/src/integrations/search';
export type { Rendered } from '../../web/src/renderer/entrypoint';
