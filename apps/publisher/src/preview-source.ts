import { toArticle, type Article } from '@portal/cms-client';
import { DRAFT_ROUTE_HEADER, DRAFT_ROUTE_PREFIX, draftRouteKey, type PreviewArticle, type PreviewKind } from 'cms/preview-link';

/** What the CMS's draft route answered. */
export type DraftAnswer = { found: true; article: Article } | { found: false; status: 403 | 404 };

/** How long the draft route may take before the preview says the CMS did not answer. */
const TIMEOUT_MS = 10_000;

/**
 * One document's version from the CMS's draft route (apps/cms/src/preview/routes.ts), for a link already
 * checked here: the route checks the link again, and the publisher's key derived from PREVIEW_SECRET.
 * The answer is the client's `ArticleFields` shape, handed to the client's own `toArticle` as every
 * build's articles are. Throws when the CMS cannot be reached or answers anything else.
 */
export async function fetchDraft(cmsUrl: string, secret: string, kind: PreviewKind, documentId: string, token: string): Promise<DraftAnswer> {
  const url = `${cmsUrl}${DRAFT_ROUTE_PREFIX}/${kind}/${documentId}?token=${encodeURIComponent(token)}`;
  const response = await fetch(url, { headers: { [DRAFT_ROUTE_HEADER]: draftRouteKey(secret) }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status === 404 || response.status === 403) {
    await response.body?.cancel();
    return { found: false, status: response.status };
  }
  if (!response.ok) throw new Error(`the CMS's draft route answered HTTP ${response.status}`);
  const { data } = (await response.json()) as { data: PreviewArticle };
  return { found: true, article: toArticle(data) };
}
