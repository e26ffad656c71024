import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { adminLogin, graphql, send } from './helpers/http';
import { dashboard } from './helpers/dashboard';
import { bootSeededCms } from './helpers/seeded';

/**
 * The counters over real HTTP on a real CMS (SQLite, or PostgreSQL with TEST_POSTGRES_URL): what counts
 * as a view and what does not, what is refused, what reaches the database and when, and what counting
 * never does (webhooks, updatedAt, the response cache, the publish of an article).
 */

const SITE = 'http://localhost:4321';
const ADMIN = { email: 'dem@binhan.gov.vn', password: 'DemLuot2026!' };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Stats = { online: number; today: number; week: number; month: number; total: number };
type Numbers = { counted: boolean; views: number | null; stats: Stats; mostRead: Array<{ documentId: string; title: string; slug: string }> };
let visitorNumber = 0;
/** A user agent no other test has used: a visitor of its own. */
const newVisitor = () => `${BROWSER} visitor/${++visitorNumber}`;

const hit = (cms: Cms, body: unknown, headers: Record<string, string> = {}) =>
  send(cms.url, '/counter', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': newVisitor(), origin: SITE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Row = { id: number; document_id: string; views: number; published_at: unknown; updated_at: unknown };
const rows = (cms: Cms, documentId: string) =>
  cms.strapi.db.connection('articles').select('id', 'document_id', 'views', 'published_at', 'updated_at').where('document_id', documentId) as Promise<
    Row[]
  >;

async function viewDays(cms: Cms, documentId: string): Promise<number> {
  const [row] = (await cms.strapi.db.connection('portal_article_view_days').sum({ n: 'views' }).where('document_id', documentId)) as Array<{
    n: unknown;
  }>;
  return Number(row?.n ?? 0);
}

/** Waits until `check` passes (the periodic flush), at most `ms`. */
async function eventually(check: () => Promise<void>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

let cms: Cms;
let receiver: Server;
const webhooks: string[] = [];
let articles: Array<{ documentId: string; title: string; views: number }>;
let draftOnly: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    webhooks.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  cms = await bootSeededCms({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLISHER_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    PUBLISH_WEBHOOK_SECRET: 'counter-test-secret-0123456789',
    COUNTER_FLUSH_MS: '200',
    COUNTER_VIEW_WINDOW_SECONDS: '3',
  });
  const answer = await graphql<{ articles: Array<{ documentId: string; title: string; views: number }> }>(
    cms,
    '{ articles(sort: "publishedAt:desc", pagination: { pageSize: 20 }) { documentId title views } }',
  );
  articles = answer.data!.articles;
  const drafts = (await cms.strapi.db.connection('articles').select('document_id').whereNull('published_at')) as Array<{ document_id: string }>;
  const published = new Set(
    ((await cms.strapi.db.connection('articles').select('document_id').whereNotNull('published_at')) as Array<{ document_id: string }>).map(
      (row) => row.document_id,
    ),
  );
  draftOnly = drafts.map((row) => row.document_id).find((id) => !published.has(id))!;
  expect(draftOnly).toBeTruthy();
});

afterAll(async () => {
  await cms?.stop();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

describe('a page view', () => {
  it('counts once per visitor and article within the window, and again after it', async () => {
    const { documentId, views } = articles[0];
    const visitor = newVisitor();
    const first = await hit(cms, { article: documentId }, { 'user-agent': visitor });
    expect(first.status).toBe(200);
    expect(first.headers['access-control-allow-origin']).toBe(SITE);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json<Numbers>()).toMatchObject({ counted: true, views: views + 1 });
    const reload = await hit(cms, { article: documentId }, { 'user-agent': visitor });
    expect(reload.json<Numbers>()).toMatchObject({ counted: false, views: views + 1 });
    const someoneElse = await hit(cms, { article: documentId });
    expect(someoneElse.json<Numbers>()).toMatchObject({ counted: true, views: views + 2 });
    // COUNTER_VIEW_WINDOW_SECONDS=3 here (30 minutes by default).
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const later = await hit(cms, { article: documentId }, { 'user-agent': visitor });
    expect(later.json<Numbers>()).toMatchObject({ counted: true, views: views + 3 });
  });

  it('reaches the database within the flush interval, on the draft and the published row alike, without touching updatedAt', async () => {
    const { documentId, views } = articles[1];
    const before = await rows(cms, documentId);
    const daysBefore = await viewDays(cms, documentId);
    for (let i = 0; i < 3; i++) expect((await hit(cms, { article: documentId })).json<Numbers>()).toMatchObject({ counted: true });
    await eventually(async () => {
      const after = await rows(cms, documentId);
      expect(after.length).toBe(before.length);
      for (const row of after) expect(row.views).toBe(views + 3);
    });
    const after = await rows(cms, documentId);
    expect(after.map((row) => String(row.updated_at))).toEqual(before.map((row) => String(row.updated_at)));
    expect(await viewDays(cms, documentId)).toBe(daysBefore + 3);
    const read = await graphql<{ article: { views: number } }>(cms, `{ article(documentId: "${documentId}") { views } }`);
    expect(read.data!.article.views).toBe(views + 3);
  });

  it('counts visitors: online now, today, this week, this month and the total, each a new visitor once', async () => {
    const visitor = newVisitor();
    const first = (await hit(cms, {}, { 'user-agent': visitor })).json<Numbers>();
    expect(first.views).toBeNull();
    expect(first.stats.online).toBeGreaterThanOrEqual(1);
    const again = (await hit(cms, { article: articles[2].documentId }, { 'user-agent': visitor })).json<Numbers>();
    expect(again.stats).toEqual(first.stats);
    const other = (await hit(cms, {})).json<Numbers>();
    expect(other.stats).toEqual({
      online: first.stats.online + 1,
      today: first.stats.today + 1,
      week: first.stats.week + 1,
      month: first.stats.month + 1,
      total: first.stats.total + 1,
    });
    const stats = await send(cms.url, '/counter/stats', { headers: { origin: SITE } });
    expect(stats.status).toBe(200);
    expect(stats.json<Numbers>().stats).toEqual(other.stats);
    await eventually(async () => {
      const totals: Array<{ period: string; visitors: unknown }> = await cms.strapi.db.connection('portal_visit_totals').select('period', 'visitors');
      expect(Number(totals.find((row) => row.period === 'all')?.visitors)).toBe(other.stats.total);
    });
  });

  it('answers the numbers to bots, prefetches and requests without a user agent, and counts none of them', async () => {
    const { documentId } = articles[3];
    const base = (await send(cms.url, `/counter/stats?article=${documentId}`)).json<Numbers>();
    const googlebot = await hit(
      cms,
      { article: documentId },
      { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    );
    const coccoc = await hit(
      cms,
      { article: documentId },
      { 'user-agent': 'Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)' },
    );
    const prefetch = await hit(cms, { article: documentId }, { 'sec-purpose': 'prefetch;prerender' });
    const mozPrefetch = await hit(cms, { article: documentId }, { 'x-moz': 'prefetch' });
    const noAgent = await hit(cms, { article: documentId }, { 'user-agent': '' });
    for (const reply of [googlebot, coccoc, prefetch, mozPrefetch, noAgent]) {
      expect(reply.status).toBe(200);
      expect(reply.json<Numbers>()).toMatchObject({
        counted: false,
        views: base.views,
        stats: { online: base.stats.online, today: base.stats.today },
      });
    }
  });

  it('refuses drafts, unknown articles and unpublished ones with 404, and stores nothing for them', async () => {
    const before = await rows(cms, draftOnly);
    const draft = await hit(cms, { article: draftOnly });
    expect(draft.status).toBe(404);
    expect(draft.json<{ error: { message: string } }>().error.message).toMatch(/No published article/);
    expect((await hit(cms, { article: 'khongcobaivietnay0000000' })).status).toBe(404);
    expect((await send(cms.url, `/counter/stats?article=${draftOnly}`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await rows(cms, draftOnly)).toEqual(before);
    expect(await viewDays(cms, draftOnly)).toBe(0);
  });
});

describe('bad input', () => {
  it.each([
    ['not JSON', '{article:'],
    ['an array', '[]'],
    ['a string', '"abc"'],
    ['null', 'null'],
    ['an unknown field', '{"article":"abc","path":"/"}'],
    ['a number as article', '{"article":12}'],
    ['an array as article', '{"article":["abc"]}'],
    ['an empty article', '{"article":""}'],
    ['upper case', '{"article":"ABC"}'],
    ['SQL', `{"article":"a' OR 1=1 --"}`],
    ['too long an id', JSON.stringify({ article: 'a'.repeat(65) })],
  ])('%s → 400 with a message', async (_name, body) => {
    const reply = await hit(cms, body);
    expect(reply.status).toBe(400);
    const { error } = reply.json<{ error: { status: number; message: string } }>();
    expect(error.status).toBe(400);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('a body over 2 KB → 413, announced or not', async () => {
    const big = JSON.stringify({ article: 'a', pad: 'x'.repeat(3000) });
    expect((await hit(cms, big)).status).toBe(413);
    const chunked = await send(cms.url, '/counter', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked', 'user-agent': newVisitor(), origin: SITE },
      body: big,
    });
    expect(chunked.status).toBe(413);
  });

  it('another content type → 415; another method → 405 with Allow; a bad article query → 400', async () => {
    expect((await hit(cms, '{}', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const get = await send(cms.url, '/counter', { headers: { origin: SITE } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST, OPTIONS');
    expect((await send(cms.url, '/counter/stats', { method: 'POST', headers: { origin: SITE } })).status).toBe(405);
    expect((await send(cms.url, '/counter/stats?article=a&article=b')).status).toBe(400);
    expect((await send(cms.url, '/counter/stats?article[$ne]=x')).status).toBe(400);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the site on another scheme', 'https://localhost:4321'],
    ['an empty origin', ''],
    ['null', 'null'],
    ['the site with a path', 'http://localhost:4321/bai-viet'],
  ])('a hit from %s → 403, not counted', async (_name, origin) => {
    const { documentId } = articles[4];
    const before = (await send(cms.url, `/counter/stats?article=${documentId}`)).json<Numbers>().views;
    const reply = await hit(cms, { article: documentId }, { origin });
    expect(reply.status).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect((await send(cms.url, `/counter/stats?article=${documentId}`)).json<Numbers>().views).toBe(before);
  });

  it('answers the preflight of the site and refuses others', async () => {
    const ok = await send(cms.url, '/counter', { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(SITE);
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    const other = await send(cms.url, '/counter', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.status).toBe(403);
  });
});

describe('what counting never does', () => {
  it('fires no webhook and empties no response cache', async () => {
    const query = '{ articles(pagination: { pageSize: 3 }) { documentId views } }';
    const read = () =>
      fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    await read();
    expect((await read()).headers.get('x-cache')).toBe('hit');
    const before = webhooks.length;
    for (let i = 0; i < 5; i++) await hit(cms, { article: articles[5].documentId });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several flushes
    expect(webhooks.length).toBe(before);
    expect((await read()).headers.get('x-cache')).toBe('hit');
  });

  it('is not undone by a publish from the dashboard: the count stays the highest one on every row', async () => {
    const { documentId } = articles[6];
    for (let i = 0; i < 4; i++) await hit(cms, { article: documentId });
    const expected = (await send(cms.url, `/counter/stats?article=${documentId}`)).json<Numbers>().views!;
    await eventually(async () => {
      for (const row of await rows(cms, documentId)) expect(row.views).toBe(expected);
    });
    const jwt = await adminLogin(cms.url, ADMIN);
    const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
    const path = `${cms.url}/content-manager/collection-types/api::article.article/${documentId}`;
    // An edit of the draft with the count the form last showed (older than the counter's), then Publish.
    const edited = await fetch(path, { method: 'PUT', headers, body: JSON.stringify({ title: `${articles[6].title} (cập nhật)`, views: 1 }) });
    expect(edited.status).toBe(200);
    const published = await fetch(`${path}/actions/publish`, { method: 'POST', headers, body: '{}' });
    expect(published.status).toBe(200);
    const after = await rows(cms, documentId);
    expect(after.length).toBe(2);
    for (const row of after) expect(row.views).toBe(expected);
    expect((await hit(cms, { article: documentId })).json<Numbers>()).toMatchObject({ counted: true, views: expected + 1 });
  });

  it('shows "Lượt xem" as a sortable column of the dashboard\'s article list', async () => {
    const jwt = await adminLogin(cms.url, ADMIN);
    const response = await fetch(`${cms.url}/content-manager/content-types/api::article.article/configuration`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    const { data } = (await response.json()) as {
      data: {
        contentType: {
          layouts: { list: string[] };
          metadatas: Record<string, { list: { label: string; sortable: boolean }; edit: { editable: boolean } }>;
        };
      };
    };
    expect(data.contentType.layouts.list).toContain('views');
    expect(data.contentType.metadatas.views.list).toMatchObject({ label: 'Lượt xem', sortable: true });
    expect(data.contentType.metadatas.views.edit.editable).toBe(false);
    const sorted = await fetch(`${cms.url}/content-manager/collection-types/api::article.article?page=1&pageSize=5&sort=views:DESC`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    const list = ((await sorted.json()) as { results: Array<{ views: number }> }).results.map((row) => row.views);
    expect(list).toEqual([...list].sort((x, y) => y - x));
  });

  it('stops counting an article the moment it is unpublished', async () => {
    const { documentId } = articles[7];
    expect((await hit(cms, { article: documentId })).status).toBe(200);
    const unpublished = await dashboard(cms.url, await adminLogin(cms.url, ADMIN)).unpublish('api::article.article', documentId);
    expect(unpublished.status).toBe(200);
    expect((await hit(cms, { article: documentId })).status).toBe(404);
  });
});

describe('"Đọc nhiều"', () => {
  it('lists the most viewed published articles of the last 7 days, in the hit answer and over GraphQL', async () => {
    const { documentId } = articles[8];
    // One view more this week than the most read article has: it leads the list.
    const [top] = (await cms.strapi.db
      .connection('portal_article_view_days')
      .select('document_id')
      .sum({ n: 'views' })
      .groupBy('document_id')
      .orderBy('n', 'desc')
      .limit(1)) as Array<{ n: unknown }>;
    const needed = Number(top.n) - (await viewDays(cms, documentId)) + 1;
    for (let i = 0; i < needed; i++) expect((await hit(cms, { article: documentId })).status).toBe(200);
    let poll = 0;
    await eventually(async () => {
      // A new alias each time: a new document for the response cache, which keeps a list for up to 5 minutes.
      const answer = await graphql<Record<string, Array<{ documentId: string; title: string; slug: string }>>>(
        cms,
        `{ list${++poll}: mostReadArticles { documentId title slug } }`,
      );
      const list = answer.data![`list${poll}`];
      expect(list.length).toBe(5);
      expect(list[0].documentId).toBe(documentId);
    }, 15_000);
    // The live list is read again from the database at most every 10 s.
    await eventually(async () => {
      const live = (await send(cms.url, '/counter/stats')).json<Numbers>();
      expect(live.mostRead.length).toBe(5);
      expect(live.mostRead[0]).toMatchObject({ documentId, title: articles[8].title });
      expect(live.mostRead.map((entry) => entry.documentId)).not.toContain(draftOnly);
    }, 15_000);
  });

  it('refuses arguments out of range with a validation error', async () => {
    for (const args of ['limit: 0', 'limit: 21', 'days: 0', 'days: 32']) {
      const answer = await graphql(cms, `{ mostReadArticles(${args}) { documentId } }`);
      expect(answer.status, args).toBe(400);
      expect(answer.errors?.[0].message).toMatch(/must be a whole number/);
    }
  });
});
