import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dbKind } from './helpers/database';
import { adminLogin, apiToken } from './helpers/http';
import { startCmsCluster, type CmsCluster } from './helpers/process';
import { bootSeededCms } from './helpers/seeded';
import type { Cms } from './helpers/cms';

/**
 * The public API's response cache over real HTTP: what is kept and for whom, and that no read after a
 * change acknowledged by the dashboard is stale — on one instance (memory) and across two CMS processes
 * sharing one database and one Redis.
 */

const ADMIN = { email: 'bodem@binhan.gov.vn', password: 'BoDem2026!' };
const LIST = '{ articles(sort: "publishedAt:desc", pagination: { pageSize: 5 }) { documentId title } }';

type Answer = { status: number; cache: string | null; etag: string | null; text: string };

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, cache: response.headers.get('x-cache'), etag: response.headers.get('etag'), text: await response.text() };
}

async function get(url: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { headers });
  return { status: response.status, cache: response.headers.get('x-cache'), etag: response.headers.get('etag'), text: await response.text() };
}

/** The dashboard's own calls (Content Manager), as an editor's browser makes them. */
function dashboard(url: string, jwt: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/content-manager${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text.slice(0, 300)}`).toBeLessThan(300);
    return JSON.parse(text || '{}') as { data: { documentId: string } };
  };
  const articles = '/collection-types/api::article.article';
  return {
    create: (data: Record<string, unknown>) => call('POST', articles, data),
    update: (documentId: string, data: Record<string, unknown>) => call('PUT', `${articles}/${documentId}`, data),
    publish: (documentId: string) => call('POST', `${articles}/${documentId}/actions/publish`, {}),
    unpublish: (documentId: string) => call('POST', `${articles}/${documentId}/actions/unpublish`, {}),
    remove: (documentId: string) => call('DELETE', `${articles}/${documentId}`),
    settings: (data: Record<string, unknown>) => call('PUT', '/single-types/api::site-setting.site-setting', data),
  };
}

const titles = (answer: Answer) => (JSON.parse(answer.text) as { data: { articles: Array<{ title: string }> } }).data.articles.map((a) => a.title);

describe('on one CMS (cache in memory)', () => {
  let cms: Cms;
  let jwt: string;
  let readOnly: string;
  let fullAccess: string;

  beforeAll(async () => {
    cms = await bootSeededCms({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    jwt = await adminLogin(cms.url, ADMIN);
    readOnly = await apiToken(cms, 'read-only');
    fullAccess = await apiToken(cms, 'full-access');
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('answers a repeated query from the cache, whatever its spacing, with the same bytes and ETag', async () => {
    const first = await post(cms.url, LIST);
    expect(first.status).toBe(200);
    expect(first.cache).toBe('miss');
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    const same = await post(cms.url, `  ${LIST.replace(/ /g, '  ')}  # a comment`);
    expect(same.cache).toBe('hit');
    expect(same.text).toBe(first.text);
    expect(same.etag).toBe(first.etag);
  });

  it('answers If-None-Match with 304 and no body', async () => {
    const first = await post(cms.url, LIST);
    const revalidated = await post(cms.url, LIST, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
  });

  it('keeps anonymous readers and read-only tokens apart, and caches nothing for other callers', async () => {
    const query = '{ authors(pagination: { pageSize: 3 }) { name } }';
    expect((await post(cms.url, query)).cache).toBe('miss');
    expect((await post(cms.url, query)).cache).toBe('hit');
    expect((await post(cms.url, query, { authorization: `Bearer ${readOnly}` })).cache).toBe('miss');
    expect((await post(cms.url, query, { authorization: `Bearer ${readOnly}` })).cache).toBe('hit');
    for (const authorization of [`Bearer ${fullAccess}`, 'Bearer not-a-token', `bearer  ${readOnly} extra`, '']) {
      const answer = await post(cms.url, query, { authorization });
      expect(answer.cache, authorization).toBeNull();
    }
  });

  it('caches REST reads per path and parameters, not errors or mutations', async () => {
    const path = '/api/categories?pagination[pageSize]=3&sort=name';
    expect((await get(cms.url, path)).cache).toBe('miss');
    expect((await get(cms.url, '/api/categories?sort=name&pagination[pageSize]=3')).cache).toBe('hit');
    expect((await get(cms.url, '/api/categories?sort=slug&pagination[pageSize]=3')).cache).toBe('miss');
    const refused = await get(cms.url, '/api/articles?status=draft');
    expect(refused.status).toBe(403);
    expect(refused.cache).toBeNull();
    expect((await get(cms.url, '/api/articles?status=draft')).cache).toBeNull();
    const invalid = await post(cms.url, '{ articles { nope } }');
    expect(invalid.status).toBe(400);
    expect((await post(cms.url, '{ articles { nope } }')).cache).not.toBe('hit');
    const mutation = await post(cms.url, 'mutation { createArticle(data: { title: "x" }) { documentId } }');
    expect(mutation.cache).toBeNull();
  });

  it('is never stale after the dashboard publishes, unpublishes, edits or deletes', async () => {
    const cm = dashboard(cms.url, jwt);
    const title = `Bộ đệm thử nghiệm ${randomBytes(3).toString('hex')}`;
    await post(cms.url, LIST);
    expect((await post(cms.url, LIST)).cache).toBe('hit');

    const { data } = await cm.create({ title, lead: 'Tóm tắt', body: [] });
    // A draft changes nothing readers see.
    expect(titles(await post(cms.url, LIST))).not.toContain(title);

    await cm.publish(data.documentId);
    const published = await post(cms.url, LIST);
    expect(published.cache).toBe('miss');
    expect(titles(published)[0]).toBe(title);

    await cm.update(data.documentId, { title: `${title} (sửa)` });
    await cm.publish(data.documentId);
    expect(titles(await post(cms.url, LIST))[0]).toBe(`${title} (sửa)`);

    await cm.unpublish(data.documentId);
    expect(titles(await post(cms.url, LIST))).not.toContain(`${title} (sửa)`);

    await cm.publish(data.documentId);
    expect(titles(await post(cms.url, LIST))[0]).toBe(`${title} (sửa)`);
    await cm.remove(data.documentId);
    expect(titles(await post(cms.url, LIST))).not.toContain(`${title} (sửa)`);
  });

  it('is never stale after the site settings or a media file change', async () => {
    const cm = dashboard(cms.url, jwt);
    const query = '{ siteSetting { portalName } }';
    await post(cms.url, query);
    expect((await post(cms.url, query)).cache).toBe('hit');
    const name = `Cổng thử ${randomBytes(3).toString('hex')}`;
    // Site settings have no drafts: saving is publishing.
    await cm.settings({ portalName: name });
    expect((JSON.parse((await post(cms.url, query)).text) as { data: { siteSetting: { portalName: string } } }).data.siteSetting.portalName).toBe(
      name,
    );

    const media = '{ articles(pagination: { pageSize: 3 }, sort: "publishedAt:desc") { cover { alternativeText } } }';
    await post(cms.url, media);
    expect((await post(cms.url, media)).cache).toBe('hit');
    const file = (await cms.strapi.db.query('plugin::upload.file').findMany({ limit: 200 })) as Array<{ id: number }>;
    const alternativeText = `Ảnh ${randomBytes(3).toString('hex')}`;
    const form = new FormData();
    form.set('fileInfo', JSON.stringify({ alternativeText }));
    for (const { id } of file) {
      const response = await fetch(`${cms.url}/upload?id=${id}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
      expect(response.status).toBe(200);
    }
    expect((await post(cms.url, media)).text).toContain(alternativeText);
  });
});

describe('on two CMS processes sharing one database and one Redis', () => {
  const prefix = `portal-test:${randomBytes(4).toString('hex')}:`;
  let cluster: CmsCluster;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379');
    cluster = await startCmsCluster(inject('cmsTemplate'), dbKind(), 2, {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares answers: what one instance computed, the other serves', async () => {
    const [a, b] = cluster.instances;
    const query = '{ categories(pagination: { pageSize: 4 }, sort: "name") { name } }';
    const first = await post(a.url, query);
    expect(first.cache).toBe('miss');
    const other = await post(b.url, query);
    expect(other.cache).toBe('hit');
    expect(other.text).toBe(first.text);
  });

  it('is never stale on either instance after a publish acknowledged by the other', async () => {
    const [a, b] = cluster.instances;
    const cm = dashboard(a.url, await adminLogin(a.url, ADMIN));
    for (let round = 0; round < 5; round++) {
      const title = `Tin hai máy ${round} ${randomBytes(3).toString('hex')}`;
      await post(a.url, LIST);
      expect((await post(b.url, LIST)).cache).toBe('hit');
      const { data } = await cm.create({ title, lead: 'Tóm tắt', body: [] });
      await cm.publish(data.documentId);
      // At once, on both: the publish was acknowledged only after the shared cache forgot the old list.
      expect(titles(await post(b.url, LIST))[0], `round ${round}, other instance`).toBe(title);
      expect(titles(await post(a.url, LIST))[0], `round ${round}, same instance`).toBe(title);
      await cm.remove(data.documentId);
      expect(titles(await post(b.url, LIST))).not.toContain(title);
    }
  });

  it('keeps its entries in Redis under the configured prefix, with an expiry', async () => {
    const keys = await redis.keys(`${prefix}cache:*`);
    expect(keys).toContain(`${prefix}cache:generation`);
    const entry = keys.find((key) => key !== `${prefix}cache:generation`)!;
    expect(await redis.pttl(entry)).toBeGreaterThan(0);
  });
});
