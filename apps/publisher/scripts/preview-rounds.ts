import { escapeHtml } from 'web/site';

/** What one preview round measured, in ms. */
export type PreviewRound = { saveMs: number; linkMs: number; pageMs: number; totalMs: number };

const ARTICLE = 'api::article.article';

/**
 * The editor's loop with the preview: save a change to an article's draft in the dashboard (the Content
 * Manager's PUT, which publishes nothing), reopen "Open preview" (the dashboard asks the CMS for the link,
 * the frame loads it from the publisher) and time until the preview shows the change. `totalMs` runs
 * from the save's answer to the preview page with the new title; the save itself is `saveMs`.
 */
export async function previewRound(
  cmsUrl: string,
  jwt: string,
  article: { documentId: string; title: string },
  round: number,
): Promise<PreviewRound> {
  const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  const title = `${article.title.slice(0, 200)} (nháp ${round + 1})`;
  const saveStarted = Date.now();
  const saved = await fetch(`${cmsUrl}/content-manager/collection-types/${ARTICLE}/${article.documentId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ title }),
  });
  if (!saved.ok) throw new Error(`Saving the draft of ${article.documentId} failed: HTTP ${saved.status}`);
  const started = Date.now();
  const saveMs = started - saveStarted;
  const escaped = escapeHtml(title);
  for (;;) {
    const linkStarted = Date.now();
    const link = await fetch(`${cmsUrl}/content-manager/preview/url/${ARTICLE}?documentId=${article.documentId}&status=draft`, { headers });
    if (!link.ok) throw new Error(`No preview link for ${article.documentId}: HTTP ${link.status}`);
    const { data } = (await link.json()) as { data: { url: string } };
    const pageStarted = Date.now();
    const page = await fetch(data.url);
    const html = await page.text();
    const done = Date.now();
    if (page.ok && html.includes(escaped)) return { saveMs, linkMs: pageStarted - linkStarted, pageMs: done - pageStarted, totalMs: done - started };
    if (done - started > 60_000) throw new Error(`The preview never showed the change (HTTP ${page.status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
