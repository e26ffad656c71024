import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminLogin, dashboard, webhookReceiver, type Hook } from 'cms/testing/dashboard';
import { prepareCmsTemplate, startCmsCluster, type CmsCluster, type CmsTemplate } from 'cms/testing/setup';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startNginx, type RunningNginx } from './helpers/nginx';
import { CMS_HOST, send, SITE_HOST } from './helpers/nginx-stack';
import { freePort } from './helpers/publisher';

/**
 * Two CMS processes on one database (PostgreSQL in CI: TEST_POSTGRES_URL; SQLite otherwise) and one Redis,
 * behind deploy/nginx's configuration balancing across both, as docker-compose runs its CMS replicas:
 * every view counted once, the response cache emptied on both by a publish, one rate limit, a schedule
 * run once, an editor's login valid on both, uploads seen by both. Each check reaches the two processes
 * in turn directly (so both are certainly involved) and through nginx (the production path).
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { email: 'nhanban@binhan.gov.vn', password: 'NhanBan2026!' };
const ARTICLE = 'api::article.article';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** Anonymous API reads per address: 12 in an hour, so nothing the test counts comes back while it runs. */
const ANON_LIMIT = 12;
/** A 1×1 PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const prefix = `test-replicas-${randomBytes(4).toString('hex')}:`;
let template: CmsTemplate;
let dropTemplate: (() => Promise<void>) | undefined;
let cluster: CmsCluster;
let nginx: RunningNginx;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
let site: string;
let siteOrigin: string;
let a: CmsCluster['instances'][number];
let b: CmsCluster['instances'][number];

/** A request as nginx forwards it for the reader at `address` (the CMS trusts one proxy's X-Forwarded-For). */
const asProxy = (address: string) => ({ 'x-forwarded-for': address });

beforeAll(async () => {
  if (process.env.TEST_POSTGRES_URL) {
    // The production database: a seeded PostgreSQL template of this file's own.
    const prepared = await prepareCmsTemplate('postgres');
    template = prepared.template;
    dropTemplate = prepared.cleanup;
  } else {
    template = inject('cmsTemplate');
  }
  hooks = await webhookReceiver();
  const port = await freePort();
  siteOrigin = `http://${SITE_HOST}:${port}`;
  cluster = await startCmsCluster(template, process.env.TEST_POSTGRES_URL ? 'postgres' : 'sqlite', 2, {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    IS_PROXIED: 'true',
    TRUSTED_PROXY_COUNT: '1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SITE_URL: siteOrigin,
    COUNTER_ORIGINS: siteOrigin,
    COUNTER_PORT: '0',
    COUNTER_FLUSH_MS: '200',
    RATE_LIMIT_WINDOW_MS: '3600000',
    RATE_LIMIT_ANON_PER_MINUTE: String(ANON_LIMIT),
    SCHEDULE_POLL_MS: '300',
    PUBLISHER_URL: hooks.url,
    PUBLISH_WEBHOOK_SECRET: 'replicas-test-secret-0123456789',
  });
  [a, b] = cluster.instances;
  // nginx needs a site folder to start; this file does not look at the site's pages.
  site = await mkdtemp(path.join(tmpdir(), 'replicas-site-'));
  await mkdir(path.join(site, 'release'));
  await symlink(path.join(site, 'release'), path.join(site, 'current'));
  const address = (url: string) => new URL(url).host;
  nginx = await startNginx(
    {
      SITE_HOST,
      CMS_HOST,
      CMS_UPSTREAM: 'cms-replicas:1337',
      COUNTER_UPSTREAM: 'cms-replicas:1338',
      PUBLISHER_UPSTREAM: `127.0.0.1:${await freePort()}`,
      SITE_ROOT: path.join(site, 'current'),
    },
    port,
    { CMS_UPSTREAM: [address(a.url), address(b.url)], COUNTER_UPSTREAM: [address(a.counterUrl!), address(b.counterUrl!)] },
  );
});

afterAll(async () => {
  await nginx?.stop();
  await cluster?.stop();
  await hooks?.close();
  await dropTemplate?.();
  if (site) await rm(site, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  for (let start = 0; start < keys.length; start += 1000) await redis.del(...keys.slice(start, start + 1000));
  redis.disconnect();
});

type Numbers = { counted: boolean; views: number };

async function newestArticle(): Promise<{ documentId: string; title: string }> {
  const response = await fetch(`${a.url}/api/articles?sort=publishedAt:desc&pagination[pageSize]=1&fields[0]=title`, {
    headers: { authorization: `Bearer ${a.token}` },
  });
  return ((await response.json()) as { data: Array<{ documentId: string; title: string }> }).data[0];
}

describe('two CMS replicas behind nginx', () => {
  it('count each view once, whichever replica the reader reaches', async () => {
    const { documentId } = await newestArticle();
    const body = JSON.stringify({ article: documentId });
    const reader = { 'content-type': 'text/plain', origin: siteOrigin, 'user-agent': `${BROWSER} replica-reader` };
    const direct = async (url: string) => {
      const response = await fetch(`${url}/counter`, { method: 'POST', headers: { ...reader, ...asProxy('127.0.0.21') }, body });
      return (await response.json()) as Numbers;
    };
    const first = await direct(a.counterUrl!);
    expect(first.counted).toBe(true);
    expect(await direct(b.counterUrl!)).toMatchObject({ counted: false, views: first.views });
    // Through nginx: the same reader on the site's origin, balanced over both counters.
    for (let i = 0; i < 4; i++) {
      const answer = await send(nginx.port, '/counter', { host: SITE_HOST, method: 'POST', headers: reader, body, localAddress: '127.0.0.21' });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ counted: false, views: first.views });
    }
    const deadline = Date.now() + 5_000;
    let written = 0;
    while (Date.now() < deadline) {
      const row = await fetch(`${b.url}/api/articles/${documentId}?fields[0]=views`, { headers: { authorization: `Bearer ${b.token}` } });
      written = ((await row.json()) as { data: { views: number } }).data.views;
      if (written === first.views) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(written).toBe(first.views);
  });

  it('share one response cache, emptied on both by a publish on one', async () => {
    const { documentId, title } = await newestArticle();
    const query = JSON.stringify({ query: `{ article(documentId: "${documentId}") { title } }` });
    const read = async (url: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asProxy('127.0.0.22') },
        body: query,
      });
      return {
        cache: response.headers.get('x-cache'),
        title: ((await response.json()) as { data: { article: { title: string } } }).data.article.title,
      };
    };
    await read(a.url);
    expect(await read(b.url)).toEqual({ cache: 'hit', title });
    const jwt = await adminLogin(a.url, ADMIN);
    const editor = dashboard(a.url, jwt);
    const changed = `${title} (đã sửa)`;
    expect((await editor.update(ARTICLE, documentId, { title: changed })).status).toBe(200);
    expect((await editor.publish(ARTICLE, documentId)).status).toBe(200);
    expect(await read(b.url)).toEqual({ cache: 'miss', title: changed });
    expect((await read(a.url)).title).toBe(changed);
  });

  it('keep one rate limit per reader between them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ANON_LIMIT + 4; i++) {
      const response = await fetch(`${(i % 2 === 0 ? a : b).url}/api/categories?pagination[pageSize]=1`, { headers: asProxy('127.0.0.23') });
      statuses.push(response.status);
    }
    // Each replica alone would have let all of them through (8 each, under the limit of 12).
    expect(statuses).toEqual([...Array<number>(ANON_LIMIT).fill(200), 429, 429, 429, 429]);
    const throughNginx = await send(nginx.port, '/api/categories?pagination[pageSize]=1', { host: CMS_HOST, localAddress: '127.0.0.23' });
    expect(throughNginx.status).toBe(429);
    expect(Number(throughNginx.headers['retry-after'])).toBeGreaterThan(0);
    const someoneElse = await send(nginx.port, '/api/categories?pagination[pageSize]=1', { host: CMS_HOST, localAddress: '127.0.0.24' });
    expect(someoneElse.status).toBe(200);
  });

  it('run a schedule once', async () => {
    const created = await fetch(`${a.url}/api/articles?status=draft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` },
      body: JSON.stringify({
        data: { title: `Hẹn giờ ${randomBytes(3).toString('hex')}`, lead: 'Tóm tắt', scheduledPublishAt: new Date(Date.now() + 2_000).toISOString() },
      }),
    });
    expect(created.status).toBe(201);
    const { documentId } = ((await created.json()) as { data: { documentId: string } }).data;
    const publishes = () => hooks.received.filter((hook: Hook) => hook.event === 'entry.publish' && hook.entry?.documentId === documentId).length;
    const deadline = Date.now() + 10_000;
    while (publishes() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(publishes()).toBe(1);
    // Several polls of both replicas later, still once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(publishes()).toBe(1);
    expect((await fetch(`${b.url}/api/articles/${documentId}`, { headers: asProxy('127.0.0.25') })).status).toBe(200);
  });

  it("accept an editor's login made on either", async () => {
    const login = await send(nginx.port, '/admin/login', {
      host: CMS_HOST,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const jwt = (JSON.parse(login.text) as { data: { token: string } }).data.token;
    for (const instance of [a, b]) {
      const me = await fetch(`${instance.url}/admin/users/me`, { headers: { authorization: `Bearer ${jwt}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { data: { email: string } }).data.email).toBe(ADMIN.email);
    }
  });

  it('serve an upload made on one from both', async () => {
    const jwt = await adminLogin(a.url, ADMIN);
    const form = new FormData();
    form.set('files', new Blob([PIXEL], { type: 'image/png' }), `diem-anh-${randomBytes(3).toString('hex')}.png`);
    const uploaded = await fetch(`${a.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    expect(uploaded.status).toBe(201);
    const [file] = (await uploaded.json()) as Array<{ id: number; url: string }>;
    // The file as stored (Strapi may have optimised the image), read from each replica and through nginx.
    const bytes = async (response: Response) => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      return Buffer.from(await response.arrayBuffer());
    };
    const fromA = await bytes(await fetch(`${a.url}${file.url}`));
    expect(fromA.length).toBeGreaterThan(0);
    expect((await bytes(await fetch(`${b.url}${file.url}`))).equals(fromA)).toBe(true);
    const throughNginx = await send(nginx.port, file.url, { host: CMS_HOST });
    expect(throughNginx.status).toBe(200);
    expect(throughNginx.body.equals(fromA)).toBe(true);
    const listed = await fetch(`${b.url}/upload/files/${file.id}`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(listed.status).toBe(200);
  });
});
