/**
 * Readers' search after edits, end to end: a real CMS, the publisher, and the site's search page in Chromium.
 * An edit is followed by a refresh that writes a small recent index (search-update.ts); the page must then
 * find the article by its new words, with and without diacritics, no longer by the words it lost, count it
 * once, and forget it once it is unpublished — and go on working with the CMS stopped. The base is cut into
 * shards of 20 articles (SEARCH_SHARD_SIZE; the demo site has 64), so that the page merges several.
 */
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './helpers/publisher';

/** Articles per shard of the search index's base: the demo site's 64 make four. */
const SHARD_SIZE = 20;
const ADMIN = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };
const BEFORE = { title: 'Lễ hội khinh khí cầu lần đầu về Bình An', lead: 'Hơn hai mươi khinh khí cầu bay trên bầu trời thành phố.' };
const AFTER = { title: 'Trại nuôi cá tầm Ngọc Linh thu hoạch lứa đầu', lead: 'Đàn cá tầm được thả từ mùa xuân năm ngoái.' };

let cms: CmsProcess;
let publisher: RunningPublisher;
let browser: Browser;
let page: Page;
let adminJwt: string;
let article: { documentId: string; slug: string };

async function api<T>(method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${cms.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${cms.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : {}) as T };
}

/** Waits until the site serves the article's page with `status` (and `text`, if given). */
async function untilPage(status: number, text?: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${publisher.siteUrl}/bai-viet/${article.slug}/`);
    if (response.status === status && (!text || (await response.text()).includes(text))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/bai-viet/${article.slug}/ did not become ${status}:\n${publisher.output().slice(-2000)}`);
}

/** No build running or waiting, and the search index caught up with the pages. */
const idle = () => publisher.waitFor((s) => !s.running && !s.queue.waiting && s.search.upToDate && !s.search.refreshing);

/** The search page's answer to `query`: its status line, the titles it lists, and the index files it fetched. */
async function search(query: string): Promise<{ status: string; titles: string[]; files: string[] }> {
  const files: string[] = [];
  const onRequest = (request: { url(): string }) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/_search/')) files.push(pathname);
  };
  page.on('request', onRequest);
  await page.goto(`${publisher.siteUrl}/tim-kiem/?q=${encodeURIComponent(query)}`);
  const status = page.locator('#search-status').filter({ hasNotText: 'Đang tìm' }).filter({ hasText: /./ });
  await status.waitFor();
  const result = { status: (await status.textContent())!, titles: await page.locator('#search-results li a').allTextContents(), files };
  page.off('request', onRequest);
  return result;
}

beforeAll(async () => {
  const controlPort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', {
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  publisher = await startPublisher(cms.url, await publisherDirs(), { SEARCH_SHARD_SIZE: String(SHARD_SIZE) }, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  adminJwt = ((await login.json()) as { data: { token: string } }).data.token;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  await cms?.stop();
});

/** The count the status line gives ("Tìm thấy N bài viết…"; none: 0). */
const count = (status: string) => Number(/Tìm thấy (\d+) bài viết/.exec(status)?.[1] ?? 0);

describe('search after edits', () => {
  // Search also finds words that a query word begins ("khi" finds "khiêm"): the counts before the article are
  // the reference, and no word of one query begins a word of the other text.
  const before: Record<string, number> = {};
  const QUERIES = { lost: ['khinh khí', 'khinh khi'], gained: ['Ngọc Linh', 'ngoc linh'] };
  let common: { status: string; titles: string[] };

  /** The search page's answers to the queries of `kind`: the count `expected` from the reference, and whether `title` is listed. */
  async function expectSearch(kind: keyof typeof QUERIES, delta: number, title: string, listed: boolean) {
    for (const query of QUERIES[kind]) {
      const found = await search(query);
      expect(count(found.status), query).toBe(before[query] + delta);
      if (listed) expect(found.titles, query).toContain(title);
      else expect(found.titles, query).not.toContain(title);
    }
  }

  it('finds a new article once the index caught up with its page', async () => {
    common = await search('bảo vệ an ninh');
    expect(common.titles.length).toBeGreaterThan(0);
    for (const query of [...QUERIES.lost, ...QUERIES.gained]) before[query] = count((await search(query)).status);
    const categories = await api<{ data: Array<{ documentId: string }> }>('GET', '/api/categories?filters[slug][$eq]=kinh-te');
    const created = await api<{ data: { documentId: string; slug: string } }>('POST', '/api/articles', {
      data: { ...BEFORE, category: categories.data.data[0].documentId },
    });
    expect(created.status).toBe(201);
    article = created.data.data;
    await untilPage(200, BEFORE.title);
    await idle();
    await expectSearch('lost', 1, BEFORE.title, true);
    await expectSearch('gained', 0, BEFORE.title, false);
  });

  it('finds an edited article by its new words, with and without diacritics, and no longer by the words it lost', async () => {
    const edited = await api('PUT', `/api/articles/${article.documentId}`, { data: AFTER });
    expect(edited.status).toBe(200);
    await untilPage(200, AFTER.title);
    const pageLive = Date.now();
    await idle();
    console.log(`search index after the page (64 articles): ${Date.now() - pageLive} ms`);
    // The refresh wrote a recent index, not the whole index.
    expect(publisher.output()).toMatch(/Search index refreshed as \S+ in [\d.]+ s \(\d+ files written\)/);

    await expectSearch('gained', 1, AFTER.title, true);
    await expectSearch('lost', 0, AFTER.title, false);
    const withMarks = await search('Ngọc Linh');
    expect(withMarks.titles).not.toContain(BEFORE.title);
    // The other articles are counted as before.
    expect(await search('bảo vệ an ninh')).toMatchObject({ status: common.status, titles: common.titles });
    // The base's shards and the recent index, merged: a handful of files each, whatever the size of the site.
    expect(withMarks.files).toContain('/_search/recent.json');
    expect(withMarks.files.some((file) => /^\/_search\/recent-[0-9a-f]+\/index\.json$/.test(file))).toBe(true);
    const shards = withMarks.files.filter((file) => /^\/_search\/base-[0-9a-f]+\/index\.json$/.test(file));
    expect(shards).toHaveLength(4);
    // Per index: its index.json, a words file for each of the two words, a documents file or two.
    expect(withMarks.files.length).toBeLessThan(2 + 5 * (shards.length + 1));
  });

  it('forgets an unpublished article', async () => {
    const unpublished = await fetch(`${cms.url}/content-manager/collection-types/api::article.article/${article.documentId}/actions/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminJwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unpublished.status).toBe(200);
    await untilPage(404);
    await idle();
    await expectSearch('gained', 0, AFTER.title, false);
    await expectSearch('lost', 0, BEFORE.title, false);
  });

  it('works with the CMS stopped: it is all static files', async () => {
    await cms.stop();
    expect(await search('bảo vệ an ninh')).toMatchObject({ status: common.status, titles: common.titles });
    expect((await search('bao ve an ninh')).titles.length).toBe(common.titles.length);
    // "đ" is a letter of its own, not d with a mark: the index folds it to d (search-engine.js), so the article
    // that says "chiếm đoạt" comes first for "doat" as for "đoạt".
    const [marked, plain] = [await search('đoạt'), await search('doat')];
    expect(marked.titles[0]).toContain('đoạt');
    expect(plain.titles[0]).toBe(marked.titles[0]);
  });
});
