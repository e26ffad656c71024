import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { dashboard, webhookReceiver, type Hook } from './helpers/dashboard';
import { createTestDatabase, dbKind } from './helpers/database';
import { adminLogin, apiToken, rest } from './helpers/http';
import { startCmsCluster, startCmsProcess } from './helpers/process';
import { bootSeededCms } from './helpers/seeded';

/**
 * Scheduled publishing and unpublishing (src/schedule): bad times refused on every path, a schedule run
 * once through the normal publish path (the publisher's webhook fires), with several CMS processes on one
 * database (with and without Redis), and a time missed while no CMS ran caught up at start.
 */

const ARTICLE = 'api::article.article';
const ADMIN = { email: 'lich@binhan.gov.vn', password: 'LichHen2026!' };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'schedule-test-secret-0123456789';
/** How the audit trail names the editor first-admin.ts creates (its default names). */
const EDITOR = `Ban Biên tập <${ADMIN.email}>`;
const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
const unique = (title: string) => `${title} ${randomBytes(3).toString('hex')}`;

/** The article as readers see it (REST, published only); null when it is not public. */
async function publicTitle(url: string, documentId: string): Promise<string | null> {
  const response = await fetch(`${url}/api/articles/${documentId}`);
  if (response.status === 404) return null;
  const body = (await response.json()) as { data: { title: string } & Record<string, unknown> };
  return body.data.title;
}

const publishes = (received: Hook[], documentId: string, event = 'entry.publish') =>
  received.filter((hook) => hook.event === event && hook.entry?.documentId === documentId).length;

describe('on one CMS', () => {
  let cms: Cms;
  let cm: ReturnType<typeof dashboard>;
  let jwt: string;
  let token: string;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    hooks = await webhookReceiver();
    cms = await bootSeededCms({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SCHEDULE_POLL_MS: '300',
      PUBLISHER_URL: hooks.url,
      PUBLISH_WEBHOOK_SECRET: SECRET,
    });
    jwt = await adminLogin(cms.url, ADMIN);
    cm = dashboard(cms.url, jwt);
    token = await apiToken(cms, 'full-access');
  });

  afterAll(async () => {
    await cms?.stop();
    await hooks?.close();
  });

  it('shows both fields with their labels as columns of the article list', async () => {
    const response = await fetch(`${cms.url}/content-manager/content-types/${ARTICLE}/configuration`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: { contentType: { layouts: { list: string[] }; metadatas: Record<string, { list: { label: string }; edit: { label: string } }> } };
    };
    expect(data.contentType.layouts.list).toEqual(expect.arrayContaining(['scheduledPublishAt', 'scheduledUnpublishAt']));
    expect(data.contentType.metadatas.scheduledPublishAt.list.label).toBe('Xuất bản lúc');
    expect(data.contentType.metadatas.scheduledUnpublishAt.edit.label).toBe('Gỡ xuống lúc');
  });

  it('refuses a publish time in the past from the dashboard, the REST API and the document service, saying so', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const fromDashboard = await cm.create(ARTICLE, { title: unique('Quá hạn'), lead: 'Tóm tắt', scheduledPublishAt: past });
    expect(fromDashboard.status).toBe(400);
    expect(fromDashboard.body.error?.name).toBe('ValidationError');
    expect(fromDashboard.body.error?.message).toMatch(/Xuất bản lúc \(scheduledPublishAt\) is in the past/);

    const overRest = await rest(cms, 'POST', '/api/articles?status=draft', {
      token,
      body: { data: { title: unique('Quá hạn'), lead: 'Tóm tắt', scheduledPublishAt: past } },
    });
    expect(overRest.status).toBe(400);
    expect(overRest.body.error?.message).toMatch(/is in the past/);

    await expect(
      cms.strapi.documents(ARTICLE).create({ data: { title: unique('Quá hạn'), lead: 'Tóm tắt', scheduledPublishAt: past } as never }),
    ).rejects.toThrow(/is in the past/);
  });

  it('refuses an unpublish time that is not after the publish time, on create and on a later save', async () => {
    const created = await cm.create(ARTICLE, {
      title: unique('Ngược giờ'),
      lead: 'Tóm tắt',
      scheduledPublishAt: soon(3_600_000),
      scheduledUnpublishAt: soon(1_800_000),
    });
    expect(created.status).toBe(400);
    expect(created.body.error?.message).toMatch(/Gỡ xuống lúc \(scheduledUnpublishAt\) must be after Xuất bản lúc/);

    const draft = await cm.create(ARTICLE, { title: unique('Hẹn giờ'), lead: 'Tóm tắt', scheduledPublishAt: soon(3_600_000) });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data!.documentId;
    // Only the unpublish time sent: checked against the publish time already saved.
    const later = await cm.update(ARTICLE, documentId, { scheduledUnpublishAt: soon(60_000) });
    expect(later.status).toBe(400);
    expect(later.body.error?.message).toMatch(/must be after/);
    const overRest = await rest(cms, 'PUT', `/api/articles/${documentId}?status=draft`, {
      token,
      body: { data: { scheduledUnpublishAt: soon(60_000) } },
    });
    expect(overRest.status).toBe(400);
    const notADate = await cm.update(ARTICLE, documentId, { scheduledPublishAt: 'ngày mai' });
    expect(notADate.status).toBe(400);
  });

  it('keeps an unchanged saved time when the form is saved again, and hides the schedule from the public API', async () => {
    const draft = await cm.create(ARTICLE, { title: unique('Lưu lại'), lead: 'Tóm tắt', scheduledPublishAt: soon(3_600_000) });
    const documentId = draft.body.data!.documentId;
    const row = (await cms.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } })) as { scheduledPublishAt: string };
    const again = await cm.update(ARTICLE, documentId, { title: 'Lưu lại lần nữa', scheduledPublishAt: row.scheduledPublishAt });
    expect(again.status).toBe(200);
    const published = await rest<Array<Record<string, unknown>>>(cms, 'GET', '/api/articles?pagination[pageSize]=3', { token });
    expect(published.status).toBe(200);
    for (const article of published.body.data!) expect(Object.keys(article)).not.toContain('scheduledPublishAt');
    const graphql = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles { scheduledPublishAt } }' }),
    });
    expect(graphql.status).toBe(400);
  });

  it('publishes a scheduled draft within the window, once, through the normal path: the webhook fires and the field is cleared', async () => {
    const title = unique('Tin hẹn giờ');
    const draft = await cm.create(ARTICLE, { title, lead: 'Tóm tắt', scheduledPublishAt: soon(1_500) });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data!.documentId;
    expect(await publicTitle(cms.url, documentId)).toBeNull();
    await expect.poll(() => publicTitle(cms.url, documentId), { timeout: 10_000, interval: 200 }).toBe(title);
    await expect.poll(() => publishes(hooks.received, documentId), { timeout: 10_000 }).toBe(1);
    const rows = (await cms.strapi.db.query(ARTICLE).findMany({ where: { documentId } })) as Array<{ scheduledPublishAt: unknown }>;
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.scheduledPublishAt).toBeNull();
    // Several more polls: nothing runs again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(publishes(hooks.received, documentId)).toBe(1);
  });

  it('on an article already published, publishes the latest draft at the time; then unpublishes it at its time', async () => {
    const title = unique('Đã đăng');
    const draft = await cm.create(ARTICLE, { title, lead: 'Tóm tắt' });
    const documentId = draft.body.data!.documentId;
    expect((await cm.publish(ARTICLE, documentId)).status).toBe(200);
    const saved = await cm.update(ARTICLE, documentId, {
      title: `${title} (bản mới)`,
      scheduledPublishAt: soon(1_500),
      scheduledUnpublishAt: soon(4_000),
    });
    expect(saved.status).toBe(200);
    expect(await publicTitle(cms.url, documentId)).toBe(title);
    await expect.poll(() => publicTitle(cms.url, documentId), { timeout: 10_000, interval: 200 }).toBe(`${title} (bản mới)`);
    await expect.poll(() => publicTitle(cms.url, documentId), { timeout: 10_000, interval: 200 }).toBeNull();
    await expect.poll(() => publishes(hooks.received, documentId, 'entry.unpublish'), { timeout: 10_000 }).toBe(1);
    const history = await cm.audit(`documentId=${documentId}`);
    const steps = history.body.data!.map((entry) => `${entry.action} ${entry.actor}`).reverse();
    expect(steps).toEqual([
      `created ${EDITOR}`,
      `published ${EDITOR}`,
      `edited ${EDITOR}`,
      `scheduled ${EDITOR}`,
      'published scheduler',
      'unpublished scheduler',
    ]);
  });

  it('runs nothing for a deleted article, and records an unpublish time on a never-published one as having nothing to do', async () => {
    const deleted = await cm.create(ARTICLE, { title: unique('Bị xoá'), lead: 'Tóm tắt', scheduledPublishAt: soon(1_000) });
    const gone = deleted.body.data!.documentId;
    expect((await cm.remove(ARTICLE, gone)).status).toBe(200);
    const never = await cm.create(ARTICLE, { title: unique('Chưa đăng'), lead: 'Tóm tắt', scheduledUnpublishAt: soon(1_000) });
    const documentId = never.body.data!.documentId;
    await expect
      .poll(async () => (await cm.audit(`documentId=${documentId}`)).body.data!.map((entry) => entry.action), { timeout: 10_000 })
      .toContain('unpublished');
    const entry = (await cm.audit(`documentId=${documentId}`)).body.data![0];
    expect(entry).toMatchObject({ action: 'unpublished', actor: 'scheduler', detail: expect.stringMatching(/không có gì để gỡ/) as unknown });
    expect(publishes(hooks.received, gone)).toBe(0);
    expect((await cm.audit(`documentId=${gone}`)).body.data!.map((e) => e.action)).toEqual(['deleted', 'scheduled', 'created']);
  });

  it('clears a schedule that cannot run and says why in the audit trail, rather than retrying it for ever', async () => {
    // The dashboard saves drafts without their required fields; publishing one is refused.
    const draft = await cm.create(ARTICLE, { title: unique('Thiếu tóm tắt'), scheduledPublishAt: soon(1_000) });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data!.documentId;
    await expect.poll(async () => (await cm.audit(`documentId=${documentId}`)).body.data![0]?.action, { timeout: 10_000 }).toBe('publish-failed');
    expect(await publicTitle(cms.url, documentId)).toBeNull();
    const row = (await cms.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } })) as { scheduledPublishAt: unknown };
    expect(row.scheduledPublishAt).toBeNull();
  });
});

/** Five drafts due at the same instant, created through one instance's REST API. */
async function scheduleFive(url: string, token: string, at: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${url}/api/articles?status=draft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ data: { title: unique(`Cụm ${i}`), lead: 'Tóm tắt', scheduledPublishAt: at } }),
    });
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { data: { documentId: string } }).data.documentId);
  }
  return ids;
}

describe.each([
  ['without Redis (the database claims)', false],
  ['with Redis (a lease, then the database)', true],
])('two CMS processes on one database, %s', (_, withRedis) => {
  const prefix = `test:schedule:${randomBytes(4).toString('hex')}:`;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  let cluster: Awaited<ReturnType<typeof startCmsCluster>>;

  beforeAll(async () => {
    hooks = await webhookReceiver();
    cluster = await startCmsCluster(inject('cmsTemplate'), dbKind(), 2, {
      SCHEDULE_POLL_MS: '250',
      PUBLISHER_URL: hooks.url,
      PUBLISH_WEBHOOK_SECRET: SECRET,
      RESPONSE_CACHE: 'off',
      ...(withRedis ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await hooks?.close();
    if (withRedis) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('publishes each scheduled article within the window exactly once', async () => {
    const [first, second] = cluster.instances;
    const dueAt = Date.now() + 2_500;
    const ids = await scheduleFive(first.url, first.token, new Date(dueAt).toISOString());
    for (const documentId of ids) {
      await expect.poll(() => publicTitle(second.url, documentId), { timeout: 15_000, interval: 200 }).not.toBeNull();
    }
    expect(Date.now() - dueAt).toBeLessThan(60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const documentId of ids) expect(publishes(hooks.received, documentId)).toBe(1);
    if (withRedis) {
      const redis = new Redis(REDIS_URL);
      expect(await redis.keys(`${prefix}schedule:publish:*`)).toHaveLength(5);
      await redis.quit();
    }
  });
});

describe('a CMS restarted after the time', () => {
  it('publishes at start what was due while it was down', async () => {
    const template = inject('cmsTemplate');
    const database = await createTestDatabase(dbKind(), template.name);
    const shared = { TEST_SHARED_DATABASE: JSON.stringify(database.env) };
    try {
      const before = await startCmsProcess(template, dbKind(), shared);
      const [documentId] = await scheduleFive(before.url, before.token, soon(2_000));
      await before.stop();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      // A poll far longer than the test waits: only the catch-up at start can publish it.
      const after = await startCmsProcess(template, dbKind(), { ...shared, SCHEDULE_POLL_MS: '45000' });
      try {
        await expect.poll(() => publicTitle(after.url, documentId), { timeout: 5_000, interval: 200 }).not.toBeNull();
      } finally {
        await after.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
