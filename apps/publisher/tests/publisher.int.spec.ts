import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { escapeHtml, type RecentManifest } from 'web/site';
import { releaseFile } from '../src/release-layout';
import { differences, servedFile } from './helpers/compare';
import { APP_DIR, freePort, publisherDirs, SECRET, sendHook, startBulkCms, startPublisher, type RunningPublisher } from './helpers/publisher';

const ADMIN = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
/**
 * Articles besides the demo's (64): enough that the largest listing passes its 20-page bound of 200 articles
 * with a wide margin (seed-bulk.ts spreads them over the 8 categories; "Tin tức" lists its own and its 4
 * sub-categories': about 5/8 of 600, with its 43 demo ones some 420), and that listings, an author's too,
 * run over several pages, so that a partial build moves articles across pages as a real portal's does.
 */
const EXTRA_ARTICLES = 600;
let cms: CmsProcess;
let publisher: RunningPublisher;
let adminJwt: string;
let category: { documentId: string; slug: string };
let created: { documentId: string; slug: string; title: string };

async function api<T>(method: string, url: string, body?: unknown, token = cms.token): Promise<{ status: number; data: T }> {
  const response = await fetch(`${cms.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : {}) as T };
}

async function page(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${publisher.siteUrl}${url}`);
  return { status: response.status, html: await response.text() };
}

/** Waits until the site serves `url` with `status` (and, if given, containing `text`). */
async function until(url: string, status: number, text?: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const result = await page(url);
    if (result.status === status && (!text || result.html.includes(text))) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ${status}${text ? ` with "${text}"` : ''}:\n${publisher.output().slice(-2000)}`);
}

/** How many articles a release's search index finds: its base's, less those superseded, and its recent index's. */
async function indexedArticles(release: string): Promise<number> {
  const docs = async (dir: string) =>
    (JSON.parse((await servedFile(release, path.join('_search', dir, 'index.json'))).toString('utf8')) as { docs: number }).docs;
  const recent = JSON.parse((await servedFile(release, '_search/recent.json')).toString('utf8')) as RecentManifest;
  let total = recent.index ? await docs(recent.index) : 0;
  for (const base of recent.bases) total += await docs(base);
  return total - recent.drop.length;
}

/** No build running or waiting, and the search index caught up with the pages. */
const idle = () => publisher.waitFor((s) => !s.running && !s.queue.waiting && s.search.upToDate && !s.search.refreshing);

beforeAll(async () => {
  const controlPort = await freePort();
  cms = await startBulkCms(inject('cmsTemplate'), EXTRA_ARTICLES, {
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  publisher = await startPublisher(cms.url, await publisherDirs(), {}, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  adminJwt = ((await login.json()) as { data: { token: string } }).data.token;
  const categories = await api<{ data: Array<{ documentId: string; slug: string }> }>('GET', '/api/categories?filters[slug][$eq]=kinh-te');
  category = categories.data.data[0];
});

afterAll(async () => {
  await publisher?.stop();
  await cms?.stop();
});

describe('the publisher', () => {
  it('serves the first full build and shows its status', async () => {
    const status = await publisher.status();
    expect(status.lastBuild).toMatchObject({ kind: 'full', result: 'success' });
    expect(status.live.release).toBe(status.lastBuild!.release);
    expect((await page('/')).html).toContain('Cổng thông tin điện tử tỉnh Bình An');
    const html = await (await fetch(`${publisher.controlUrl}/`)).text();
    expect(html).toContain('Tình trạng xuất bản');
    expect(html).toContain('Thành công');
  });

  it('refuses forged, missing, malformed and oversized webhooks', async () => {
    const event = { event: 'entry.publish', model: 'article', entry: { documentId: 'x' } };
    expect((await sendHook(publisher, event, {})).status).toBe(401);
    expect((await sendHook(publisher, event, { 'x-publish-secret': 'wrong' })).status).toBe(401);
    expect((await sendHook(publisher, event, { 'x-publish-secret': `${SECRET}x` })).status).toBe(401);
    expect((await sendHook(publisher, 'not json')).status).toBe(400);
    expect((await sendHook(publisher, { hello: 'world' })).status).toBe(400);
    expect((await sendHook(publisher, { event: 'entry.publish' })).status).toBe(400);
    const big = await sendHook(publisher, { event: 'entry.publish', model: 'article', pad: 'x'.repeat(1.1 * 1024 * 1024) });
    expect(big.status).toBe(413);
    const response = await sendHook(publisher, { event: 'media.create', media: {} });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: true });
    expect((await fetch(`${publisher.controlUrl}/nope`)).status).toBe(404);
  });

  it('publishes an article created through the CMS API: its page, listings and "Tin khác" follow', async () => {
    const before = (await publisher.status()).buildsCompleted;
    const previousNewest = (
      await api<{ data: Array<{ slug: string; title: string }> }>(
        'GET',
        `/api/articles?filters[category][slug][$eq]=${category.slug}&sort=publishedAt:desc&pagination[pageSize]=1`,
      )
    ).data.data[0];
    const response = await api<{ data: { documentId: string; slug: string; title: string } }>('POST', '/api/articles', {
      data: {
        title: 'Khánh thành cầu Đông Hải nối hai bờ sông Lam Giang',
        lead: 'Cây cầu dài 420 m được đưa vào sử dụng.',
        category: category.documentId,
      },
    });
    expect(response.status).toBe(201);
    created = response.data.data;
    const elapsed = await until(`/bai-viet/${created.slug}/`, 200, created.title);
    console.log(`publish-to-live (${EXTRA_ARTICLES} articles and the demo's): ${elapsed} ms`);
    await idle();
    const status = await publisher.status();
    expect(status.buildsCompleted).toBeGreaterThan(before);
    expect(status.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    // Only the pages whose data changed were rendered; every other file came from the live release.
    expect(status.lastBuild!.pagesRendered).toBeGreaterThan(0);
    expect(status.lastBuild!.pagesRendered).toBeLessThan(status.lastBuild!.pages! / 2);
    expect((await page('/')).html).toContain(`/bai-viet/${created.slug}/`);
    expect((await page(`/chuyen-muc/${category.slug}/`)).html).toContain(`/bai-viet/${created.slug}/`);
    expect((await page('/rss.xml')).html).toContain(`/bai-viet/${created.slug}/`);
    expect((await page('/sitemap.xml')).html).toContain(`/bai-viet/${created.slug}/`);
    // Its "Tin khác" goes on with the articles of its category published before it.
    const own = (await page(`/bai-viet/${created.slug}/`)).html;
    expect(own.slice(own.indexOf('id="tin-khac"'))).toContain(`/bai-viet/${previousNewest.slug}/`);
    // And search finds it once the index has caught up (the pages go live first): the base's articles, less
    // those it supersedes, and the recent index's.
    const docs = async (dir: string) => (JSON.parse((await page(`/_search/${dir}index.json`)).html) as { docs: number }).docs;
    const recent = JSON.parse((await page('/_search/recent.json')).html) as RecentManifest;
    expect(recent.index).not.toBeNull();
    let indexed = (await docs(recent.index!)) - recent.drop.length;
    for (const base of recent.bases) indexed += await docs(base);
    expect(indexed).toBe((await api<{ meta: { pagination: { total: number } } }>('GET', '/api/articles')).data.meta.pagination.total);
  });

  it("renames an author on that author's articles and pages only (the next test compares the result with a full build)", async () => {
    await idle();
    const authors = await api<{ data: Array<{ documentId: string; name: string; slug: string }> }>('GET', '/api/authors?sort=name:asc');
    const author = authors.data.data[0];
    const written = await api<{ data: Array<{ slug: string }>; meta: { pagination: { total: number } } }>(
      'GET',
      `/api/articles?filters[author][documentId][$eq]=${author.documentId}&pagination[pageSize]=1&fields[0]=slug`,
    );
    const before = (await publisher.status()).buildsCompleted;
    const name = `${author.name} (đã đổi tên)`;
    expect((await api('PUT', `/api/authors/${author.documentId}`, { data: { name } })).status).toBe(200);
    await until(`/tac-gia/${author.slug}/`, 200, escapeHtml(name));
    const status = await idle();
    expect(status.buildsCompleted).toBeGreaterThan(before);
    const build = status.lastBuild!;
    expect(build).toMatchObject({ kind: 'partial', result: 'success' });
    expect(build.logTail.join('\n')).toMatch(/1 authors/);
    // The author's articles and listing, the feed, the sitemap, the home page: not the site.
    expect(build.pagesRendered).toBeLessThan(written.data.meta.pagination.total + 20);
    expect(build.pagesRendered).toBeLessThan(build.pages! / 2);
    expect((await page(`/bai-viet/${written.data.data[0].slug}/`)).html).toContain(escapeHtml(name));
  });

  it('a partial build gives the same files as a full build of the same content', async () => {
    const partial = (await publisher.status()).live.release!;
    expect((await sendHook(publisher, { event: 'entry.update', model: 'site-setting', entry: null })).status).toBe(202);
    const full = await publisher.waitFor((s) => s.live.release !== partial && !s.running && !s.queue.waiting);
    expect(full.lastBuild).toMatchObject({ kind: 'full', result: 'success' });
    const [partialDir, fullDir] = [partial, full.live.release!].map((release) => path.join(publisher.releasesDir, release));
    expect((await differences(partialDir, fullDir)).filter((file) => !file.startsWith('_search/'))).toEqual([]);
    // The search index holds the same articles: the partial release's as a base and a recent index
    // (search-update.ts), the full build's as a base alone.
    expect(JSON.parse((await servedFile(fullDir, '_search/recent.json')).toString('utf8'))).toMatchObject({ index: null, drop: [] });
    expect(await indexedArticles(partialDir)).toBe(await indexedArticles(fullDir));
  });

  it('bounds the largest listing at this size: 20 pages, the last pointing older readers to search', async () => {
    const categories = await api<{ data: Array<{ slug: string; parent: { slug: string } | null }> }>(
      'GET',
      '/api/categories?populate[parent][fields][0]=slug&pagination[pageSize]=100',
    );
    const own = async (slug: string) =>
      (await api<{ meta: { pagination: { total: number } } }>('GET', `/api/articles?filters[category][slug][$eq]=${slug}&pagination[pageSize]=1`))
        .data.meta.pagination.total;
    // A category's listing holds its own articles and its sub-categories'.
    const totals = new Map<string, number>();
    for (const { slug, parent } of categories.data.data) {
      const count = await own(slug);
      totals.set(slug, (totals.get(slug) ?? 0) + count);
      if (parent) totals.set(parent.slug, (totals.get(parent.slug) ?? 0) + count);
    }
    const [largest, total] = [...totals].sort((a, b) => b[1] - a[1])[0];
    expect(total).toBeGreaterThan(200);
    expect((await page(`/chuyen-muc/${largest}/trang/19/`)).html).not.toContain('class="older-articles');
    expect((await page(`/chuyen-muc/${largest}/trang/20/`)).html).toContain('class="older-articles');
    expect((await page(`/chuyen-muc/${largest}/trang/21/`)).status).toBe(404);
  });

  it('takes unpublished and deleted articles down, from listings too', async () => {
    const unpublish = await fetch(`${cms.url}/content-manager/collection-types/api::article.article/${created.documentId}/actions/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminJwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unpublish.status).toBe(200);
    await until(`/bai-viet/${created.slug}/`, 404);
    await idle();
    expect((await page(`/chuyen-muc/${category.slug}/`)).html).not.toContain(`/bai-viet/${created.slug}/`);
    expect((await page('/')).html).not.toContain(`/bai-viet/${created.slug}/`);

    const victim = (
      await api<{ data: Array<{ documentId: string; slug: string }> }>('GET', '/api/articles?pagination[pageSize]=1&sort=publishedAt:desc')
    ).data.data[0];
    expect((await page(`/bai-viet/${victim.slug}/`)).status).toBe(200);
    expect((await api('DELETE', `/api/articles/${victim.documentId}`)).status).toBe(204);
    await until(`/bai-viet/${victim.slug}/`, 404);
    await idle();
    expect((await page('/')).html).not.toContain(`/bai-viet/${victim.slug}/`);
    expect((await page('/rss.xml')).html).not.toContain(`/bai-viet/${victim.slug}/`);
  });

  it('turns a storm of 100 webhooks into at most 3 builds, ending with the last change live', async () => {
    await idle();
    const before = (await publisher.status()).buildsCompleted;
    const ids = (await api<{ data: Array<{ documentId: string }> }>('GET', '/api/articles?pagination[pageSize]=50')).data.data.map(
      (a) => a.documentId,
    );
    const started = Date.now();
    const sends: Array<Promise<Response>> = [];
    for (let i = 0; i < 99; i++) {
      sends.push(
        sendHook(publisher, { event: 'entry.update', model: 'article', entry: { documentId: ids[i % ids.length], publishedAt: '2026-01-01' } }),
      );
      await new Promise((resolve) => setTimeout(resolve, 8));
    }
    const last = await api<{ data: { slug: string; title: string } }>('POST', '/api/articles', {
      data: { title: 'Tin cuối cùng của đợt cập nhật dồn dập', lead: 'Bài này phải có mặt trên trang.', category: category.documentId },
    });
    expect((await Promise.all(sends)).every((r) => r.status === 202)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    await until(`/bai-viet/${last.data.data.slug}/`, 200, last.data.data.title);
    await idle();
    expect((await publisher.status()).buildsCompleted - before).toBeLessThanOrEqual(3);
  });

  it('rolls back to the previous release (endpoint and command)', async () => {
    await idle();
    const releases = (await publisher.status()).releases;
    expect(releases.length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${publisher.controlUrl}/rollback`, { method: 'POST' })).status).toBe(401);
    const rolled = await fetch(`${publisher.controlUrl}/rollback`, { method: 'POST', headers: { 'x-publish-secret': SECRET } });
    expect(rolled.status).toBe(200);
    expect((await publisher.status()).live.release).toBe(releases[1]);
    const { stdout } = await promisify(execFile)(path.join(APP_DIR, 'node_modules', '.bin', 'tsx'), ['src/rollback.ts'], {
      cwd: APP_DIR,
      env: {
        ...process.env,
        PUBLISH_WEBHOOK_SECRET: SECRET,
        PUBLISHER_PORT: new URL(publisher.controlUrl).port,
        RELEASES_DIR: publisher.releasesDir,
      },
    });
    expect(stdout).toContain(releases[2]);
    expect((await publisher.status()).live.release).toBe(releases[2]);
  });

  it('keeps serving the old site when a build fails, and says why', async () => {
    // After a rollback the search index may lag (it did in the restored release) until the next build.
    await publisher.waitFor((s) => !s.running && !s.queue.waiting && !s.search.refreshing);
    const live = (await publisher.status()).live.release;
    await cms.stop();
    expect((await sendHook(publisher, { event: 'entry.update', model: 'category', entry: null })).status).toBe(202);
    const status = await publisher.waitFor((s) => s.lastBuild?.result === 'failed');
    expect(status.live.release).toBe(live);
    expect(status.lastBuild!.error).toBeTruthy();
    expect(status.lastBuild!.logTail.join('\n')).toMatch(/unreachable/);
    expect((await page('/')).status).toBe(200);
    expect(releaseFile(path.join(publisher.releasesDir, 'current'), 'index.html') !== null).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await publisher.stop('SIGTERM')).toBe(0);
  });
});
