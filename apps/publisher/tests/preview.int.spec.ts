import { createCmsClient, fetchArticlesByIds } from '@portal/cms-client';
import { DRAFT_ROUTE_HEADER, draftRouteKey, signPreviewToken, type PreviewClaim } from 'cms/preview-link';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './helpers/publisher';

/**
 * The editors' preview end to end: a real CMS (its preview handler and draft route), the real publisher
 * (its renderer and control server), real HTTP. A change saved to a draft shows in the preview only.
 */
const PREVIEW_SECRET = 'preview-secret-of-the-publisher-tests-0123456789';
const ADMIN = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const ARTICLE = 'api::article.article';
/** The view counter's script, which a preview leaves out. */
const COUNTER_SCRIPT = /<script defer src="[^"]+" data-counter="[^"]+"><\/script>/;

let cms: CmsProcess;
let publisher: RunningPublisher;
let jwt: string;
let edited: { documentId: string; slug: string; title: string };
let untouched: { documentId: string; slug: string; title: string };

async function admin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : {}) as T };
}

/** The link "Open preview" opens, as the dashboard asks Strapi for it. */
async function previewLink(documentId: string, status = 'draft'): Promise<string> {
  const answer = await admin<{ data: { url: string } }>('GET', `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&status=${status}`);
  expect(answer.status).toBe(200);
  return answer.data.data.url;
}

async function open(url: string): Promise<{ status: number; html: string; headers: Headers; ms: number }> {
  const started = Date.now();
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), headers: response.headers, ms: Date.now() - started };
}

const claim = (documentId: string, expires = Math.floor(Date.now() / 1000) + 600): PreviewClaim => ({
  kind: 'article',
  documentId,
  status: 'draft',
  expires,
});
const linkFor = (documentId: string, token: string) => `${publisher.controlUrl}/preview/article/${documentId}?token=${encodeURIComponent(token)}`;

beforeAll(async () => {
  const controlPort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', {
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    PREVIEW_SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  publisher = await startPublisher(cms.url, await publisherDirs(), { PREVIEW_SECRET, CMS_PUBLIC_URL: cms.url }, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  jwt = ((await login.json()) as { data: { token: string } }).data.token;
  const newest = await fetch(
    `${cms.url}/api/articles?sort=publishedAt:desc&pagination[pageSize]=2&fields[0]=title&fields[1]=slug&populate[cover]=true`,
    {
      headers: { authorization: `Bearer ${cms.token}` },
    },
  );
  [edited, untouched] = ((await newest.json()) as { data: Array<{ documentId: string; slug: string; title: string }> }).data;
});

afterAll(async () => {
  await publisher?.stop();
  await cms?.stop();
});

describe("the editors' preview", () => {
  it('shows a change saved to the draft, on the site’s own layout, and nowhere public', async () => {
    const draftTitle = 'Bản nháp: tiêu đề mới chưa xuất bản của bài viết';
    expect((await admin('PUT', `/content-manager/collection-types/${ARTICLE}/${edited.documentId}`, { title: draftTitle })).status).toBe(200);
    const link = await previewLink(edited.documentId);
    expect(link.startsWith(`${publisher.controlUrl}/preview/article/${edited.documentId}?token=draft.`)).toBe(true);

    const preview = await open(link);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain(`<h1 class="text-2xl font-bold leading-tight text-neutral-900 sm:text-3xl">${draftTitle}</h1>`);
    expect(preview.html).toContain('Bản xem trước');
    expect(preview.html).toContain('<meta name="robots" content="noindex">');
    // An editor's look is not a reader's view: no counter script.
    expect(preview.html).not.toContain('data-counter');
    expect(preview.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(preview.headers.get('content-security-policy')).toContain(`frame-ancestors ${new URL(cms.url).origin}`);
    expect(preview.headers.get('referrer-policy')).toBe('no-referrer');

    // The public site and the public API still have the published title, not the draft's.
    const live = await open(`${publisher.siteUrl}/bai-viet/${edited.slug}/`);
    expect(live.html).toContain(edited.title);
    expect(live.html).not.toContain(draftTitle);
    const graphql = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ article(documentId: "${edited.documentId}") { title } }` }),
    });
    expect(await graphql.text()).not.toContain(draftTitle);

    // Saved again, the same link shows the new version at once.
    const again = 'Bản nháp: tiêu đề sửa lần hai';
    expect((await admin('PUT', `/content-manager/collection-types/${ARTICLE}/${edited.documentId}`, { title: again })).status).toBe(200);
    const reopened = await open(await previewLink(edited.documentId));
    expect(reopened.html).toContain(again);
    expect(reopened.html).not.toContain(draftTitle);
    console.log(`preview after a save (64 articles): ${reopened.ms} ms`);
  });

  it('loads the same styles, scripts and media as the site, from the preview’s own address', async () => {
    const preview = await open(await previewLink(edited.documentId));
    const live = await open(`${publisher.siteUrl}/bai-viet/${edited.slug}/`);
    const assets = (html: string) => [...html.matchAll(/(?:href|src)="(\/(?:_astro|media)\/[^"]+)"/g)].map((m) => m[1]).sort();
    // All of the live page's files, but the counter's script.
    expect(assets(preview.html)).toEqual(assets(live.html.replace(COUNTER_SCRIPT, '')));
    expect(assets(preview.html).some((file) => file.endsWith('.css'))).toBe(true);
    for (const file of assets(preview.html)) expect((await fetch(`${publisher.controlUrl}${file}`)).status, file).toBe(200);
  });

  it('is the live page itself for a published article, but for the preview’s marks', async () => {
    const preview = await open(await previewLink(untouched.documentId, 'published'));
    const live = await open(`${publisher.siteUrl}/bai-viet/${untouched.slug}/`);
    const unmarked = preview.html
      .replace(/<p role="status" class="preview-banner[^>]*>[^<]*<\/p>/, '')
      .replace('<meta name="robots" content="noindex">', '');
    const uncounted = live.html.replace(COUNTER_SCRIPT, '');
    expect(uncounted).not.toBe(live.html);
    expect(unmarked).toBe(uncounted);
  });

  it("reads exactly the article a build reads: the draft route's answer equals the client's GraphQL one", async () => {
    const token = signPreviewToken(PREVIEW_SECRET, { ...claim(untouched.documentId), status: 'published' });
    const response = await fetch(`${cms.url}/portal-preview/article/${untouched.documentId}?token=${token}`, {
      headers: { [DRAFT_ROUTE_HEADER]: draftRouteKey(PREVIEW_SECRET) },
    });
    const { data } = (await response.json()) as { data: unknown };
    const [built] = await fetchArticlesByIds(createCmsClient({ url: cms.url, token: cms.token }), [untouched.documentId]);
    expect(data).toEqual(built);
  });

  it('refuses forged, foreign, empty, repeated, malformed and expired links (403, in Vietnamese)', async () => {
    const good = new URL(await previewLink(edited.documentId)).searchParams.get('token')!;
    const [status, expires, signature] = good.split('.');
    const altered = `${status}.${expires}.${signature.slice(0, 5)}${signature[5] === 'x' ? 'y' : 'x'}${signature.slice(6)}`;
    const cases: Array<[string, string]> = [
      ['altered signature', linkFor(edited.documentId, altered)],
      ['another document’s link', linkFor(untouched.documentId, good)],
      ['empty', `${publisher.controlUrl}/preview/article/${edited.documentId}?token=`],
      ['no token', `${publisher.controlUrl}/preview/article/${edited.documentId}`],
      ['repeated', `${linkFor(edited.documentId, good)}&token=${encodeURIComponent(good)}`],
      ['repeated, one bad', `${linkFor(edited.documentId, good)}&token=x`],
      ['malformed', linkFor(edited.documentId, 'draft.abc.def')],
      ['other case', linkFor(edited.documentId, good.toUpperCase())],
      ['signed with another secret', linkFor(edited.documentId, signPreviewToken('another-secret-0123456789-0123456789', claim(edited.documentId)))],
      ['expired', linkFor(edited.documentId, signPreviewToken(PREVIEW_SECRET, claim(edited.documentId, Math.floor(Date.now() / 1000) - 1)))],
    ];
    for (const [name, url] of cases) {
      const answer = await open(url);
      expect(answer.status, name).toBe(403);
      expect(answer.html, name).toMatch(name === 'expired' ? /Liên kết xem trước đã hết hạn/ : /Liên kết xem trước không hợp lệ/);
      expect(answer.html, name).not.toContain('Bản nháp');
      expect(answer.headers.get('cache-control'), name).toBe('no-store');
      expect(answer.headers.get('x-robots-tag'), name).toBe('noindex, nofollow');
    }
    expect((await open(`${publisher.controlUrl}/preview/category/${edited.documentId}?token=${good}`)).status).toBe(403);
  });

  it('answers 404 for a deleted article', async () => {
    const created = await admin<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ARTICLE}`, {
      title: 'Bài nháp sẽ bị xoá trước khi xem',
      lead: 'Sẽ bị xoá.',
    });
    expect(created.status).toBe(201);
    const link = await previewLink(created.data.data.documentId);
    expect((await open(link)).html).toContain('Bài nháp sẽ bị xoá trước khi xem');
    expect((await admin('DELETE', `/content-manager/collection-types/${ARTICLE}/${created.data.data.documentId}`)).status).toBe(200);
    const gone = await open(link);
    expect(gone.status).toBe(404);
    expect(gone.html).toContain('Không tìm thấy bài viết');
  });

  it("is never served on the site's port", async () => {
    const link = new URL(await previewLink(edited.documentId));
    const onSite = await open(`${publisher.siteUrl}${link.pathname}${link.search}`);
    expect(onSite.status).toBe(404);
    expect(onSite.html).not.toContain('Bản nháp');
    expect(onSite.html).not.toContain('Bản xem trước');
  });

  it('reads the draft by a route the CMS answers only to the publisher’s key', async () => {
    const token = signPreviewToken(PREVIEW_SECRET, claim(edited.documentId));
    const route = `${cms.url}/portal-preview/article/${edited.documentId}?token=${token}`;
    const refused: Array<Record<string, string>> = [
      {},
      { [DRAFT_ROUTE_HEADER]: '' },
      { [DRAFT_ROUTE_HEADER]: 'wrong' },
      { authorization: `Bearer ${cms.token}` },
    ];
    for (const headers of refused) {
      const answer = await fetch(route, { headers });
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain('Bản nháp');
    }
  });
});
