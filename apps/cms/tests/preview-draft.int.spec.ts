import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_ROUTE_HEADER, draftRouteKey, signPreviewToken, type PreviewArticle, type PreviewClaim } from '../src/contract/preview-link';
import { plantDrafts, type DraftFixtures } from './fixtures/drafts';
import type { Cms } from './helpers/cms';
import { adminApi } from './helpers/dashboard';
import { adminLogin, apiToken, graphql, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * The preview's two doors in the CMS: the dashboard's preview link (Strapi's preview handler, config/admin.ts)
 * and the draft route the publisher reads a draft by. Real Strapi over HTTP; the public API stays closed.
 */
const SECRET = 'preview-secret-for-the-tests-0123456789abcdef';
const PREVIEW_URL = 'http://127.0.0.1:4999/preview';
const ADMIN = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const KEY = draftRouteKey(SECRET);

let cms: Cms;
let drafts: DraftFixtures;
let jwt: string;

beforeAll(async () => {
  cms = await bootSeededCms({
    PREVIEW_SECRET: SECRET,
    PREVIEW_URL,
    PREVIEW_TTL_SECONDS: '600',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  drafts = await plantDrafts(cms);
  jwt = await adminLogin(cms.url, ADMIN);
});
afterAll(async () => {
  await cms?.stop();
});

const claimFor = (documentId: string, status: PreviewClaim['status'] = 'draft', expires = Math.floor(Date.now() / 1000) + 600): PreviewClaim => ({
  kind: 'article',
  documentId,
  status,
  expires,
});

async function draftRoute(path: string, headers: Record<string, string> = { [DRAFT_ROUTE_HEADER]: KEY }) {
  const response = await fetch(`${cms.url}/portal-preview${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get('cache-control'),
    body: JSON.parse(text) as { data?: PreviewArticle; error?: string },
  };
}

const routeFor = (claim: PreviewClaim, token = signPreviewToken(SECRET, claim)) =>
  `/${claim.kind}/${claim.documentId}?token=${encodeURIComponent(token)}`;

describe("the dashboard's preview link", () => {
  const previewUrl = (query: string) =>
    adminApi<{ data: { url?: string } }>(cms, jwt, 'GET', `/content-manager/preview/url/api::article.article?${query}`);

  it("is a signed link to the publisher's preview of this document, expiring after PREVIEW_TTL_SECONDS", async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await previewUrl(`documentId=${drafts.edited.documentId}&status=draft`);
    expect(answer.status).toBe(200);
    const url = new URL(answer.body.data.url!);
    expect(`${url.origin}${url.pathname}`).toBe(`${PREVIEW_URL}/article/${drafts.edited.documentId}`);
    const [status, expires] = url.searchParams.get('token')!.split('.');
    expect(status).toBe('draft');
    expect(Number(expires) - before).toBeGreaterThanOrEqual(600);
    expect(Number(expires) - before).toBeLessThanOrEqual(602);
    // The link's token opens the draft route for this document.
    const opened = await draftRoute(`${url.pathname.replace('/preview', '')}${url.search}`);
    expect(opened.status).toBe(200);
    expect(opened.body.data?.title).toBe(drafts.edited.draftTitle);
  });

  it('shows the published version from the published tab, the draft for a modified document', async () => {
    const published = new URL((await previewUrl(`documentId=${drafts.edited.documentId}&status=published`)).body.data.url!);
    expect(published.searchParams.get('token')).toMatch(/^published\./);
    const modified = new URL((await previewUrl(`documentId=${drafts.edited.documentId}&status=modified`)).body.data.url!);
    expect(modified.searchParams.get('token')).toMatch(/^draft\./);
  });

  it('is made for articles only, for signed-in editors only', async () => {
    const category = await adminApi(
      cms,
      jwt,
      'GET',
      `/content-manager/preview/url/api::category.category?documentId=${drafts.draftCategory.documentId}`,
    );
    expect(category.status).toBe(204);
    const anonymous = await fetch(`${cms.url}/content-manager/preview/url/api::article.article?documentId=${drafts.edited.documentId}`);
    expect(anonymous.status).toBe(401);
  });

  it("lets the dashboard frame the preview's origin, and nothing else new", async () => {
    const page = await fetch(`${cms.url}/admin`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-src [^;]*http:\/\/127\.0\.0\.1:4999/);
  });
});

describe('the draft route', () => {
  it('answers the draft in the shape the site reads, with the published versions of its relations', async () => {
    const answer = await draftRoute(routeFor(claimFor(drafts.linking.documentId)));
    expect(answer.status).toBe(200);
    expect(answer.cache).toBe('no-store');
    const article = answer.body.data!;
    // "Tin khác" as publishing would make it: the never-published draft is not there, the edited one under its published title.
    expect(article.relatedArticles.map((r) => r.documentId)).toEqual([drafts.edited.documentId]);
    expect(article.relatedArticles[0].title).toBe(drafts.edited.publishedTitle);
    expect(article.author?.name).toBeTruthy();
    expect(Object.keys(article).sort()).toEqual(
      [
        'author',
        'body',
        'category',
        'cover',
        'documentId',
        'lead',
        'publishedAt',
        'relatedArticles',
        'seo',
        'slug',
        'source',
        'title',
        'updatedAt',
        'views',
      ].sort(),
    );
    // A draft is shown dated as publishing it now would date it.
    expect(Math.abs(Date.parse(article.publishedAt!) - Date.now())).toBeLessThan(60_000);
  });

  it('answers a never-published draft, and the published version when the link says so', async () => {
    const draftOnly = await draftRoute(routeFor(claimFor(drafts.draftOnly.documentId)));
    expect(draftOnly.body.data?.title).toBe(drafts.draftOnly.title);
    expect((await draftRoute(routeFor(claimFor(drafts.draftOnly.documentId, 'published')))).status).toBe(404);
    const published = await draftRoute(routeFor(claimFor(drafts.edited.documentId, 'published')));
    expect(published.body.data?.title).toBe(drafts.edited.publishedTitle);
  });

  it.each([
    ['no key', {}],
    ['an empty key', { [DRAFT_ROUTE_HEADER]: '' }],
    ['the key in other case', { [DRAFT_ROUTE_HEADER]: KEY.toUpperCase() }],
    ['two keys', { [DRAFT_ROUTE_HEADER]: `${KEY}, ${KEY}` }],
    ['the secret instead of the key', { [DRAFT_ROUTE_HEADER]: SECRET }],
    ['a key of another secret', { [DRAFT_ROUTE_HEADER]: draftRouteKey('another-secret-0123456789abcdef-0123456789') }],
    ['an admin bearer token only', { authorization: 'Bearer {jwt}' }],
  ])('refuses %s (401), even with a good link', async (_name, headers: Record<string, string>) => {
    const filled = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('{jwt}', jwt)]));
    const answer = await draftRoute(routeFor(claimFor(drafts.draftOnly.documentId)), filled);
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toContain(drafts.draftOnly.title);
  });

  it('refuses an API token, whatever its rights', async () => {
    const token = await apiToken(cms, 'full-access');
    const answer = await draftRoute(routeFor(claimFor(drafts.draftOnly.documentId)), { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(401);
  });

  it('refuses, with the key, links that are forged, for another document, expired or malformed (403)', async () => {
    const good = signPreviewToken(SECRET, claimFor(drafts.edited.documentId));
    const cases = [
      `/article/${drafts.draftOnly.documentId}?token=${good}`,
      `/article/${drafts.edited.documentId}?token=${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`,
      routeFor(claimFor(drafts.edited.documentId, 'draft', Math.floor(Date.now() / 1000) - 1)),
      `/article/${drafts.edited.documentId}?token=${signPreviewToken('x'.repeat(40), claimFor(drafts.edited.documentId))}`,
      `/article/${drafts.edited.documentId}?token=`,
      `/article/${drafts.edited.documentId}`,
      `/article/${drafts.edited.documentId}?token=${good}&token=${good}`,
      `/article/${drafts.edited.documentId}?token[]=${good}`,
      `/article/${drafts.edited.documentId}?token=${good.toUpperCase()}`,
      `/category/${drafts.edited.documentId}?token=${good}`,
    ];
    for (const path of cases) {
      const answer = await draftRoute(path);
      expect(answer.status, path).toBe(403);
      expect(answer.body.error, path).toMatch(/preview link/);
      expect(JSON.stringify(answer.body), path).not.toContain(drafts.edited.draftTitle);
    }
  });

  it('answers 404 for a deleted document', async () => {
    const created = await cms.strapi.documents('api::article.article').create({ data: { title: 'Sắp xoá', lead: 'Sắp xoá.' } } as never);
    const path = routeFor(claimFor(created.documentId));
    expect((await draftRoute(path)).status).toBe(200);
    await cms.strapi.documents('api::article.article').delete({ documentId: created.documentId } as never);
    const answer = await draftRoute(path);
    expect(answer.status).toBe(404);
  });

  it('leaves the public API refusing drafts', async () => {
    const query = `query { article(documentId: "${drafts.draftOnly.documentId}", status: DRAFT) { title } }`;
    const answer = await graphql<{ article: { title: string } | null }>(cms, query);
    expect(answer.raw).not.toContain(drafts.draftOnly.title);
    expect((await rest(cms, 'GET', `/api/articles/${drafts.draftOnly.documentId}?status=draft`)).status).toBe(403);
    expect((await rest(cms, 'GET', `/api/portal-preview/article/${drafts.draftOnly.documentId}`)).status).toBe(404);
  });
});
