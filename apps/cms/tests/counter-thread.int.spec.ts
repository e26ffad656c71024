import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, DIST_DIR, type Cms } from './helpers/cms';
import { adminLogin, graphql, send } from './helpers/http';
import { dashboard } from './helpers/dashboard';
import { bootSeededCms } from './helpers/seeded';

/**
 * The counters' own thread and port (COUNTER_PORT; lib/counters/thread.ts), on a real CMS: the port and the
 * CMS's `/counter` route are one set of counters; the port refuses what `/counter` refuses; it sees a
 * change of content the moment it is acknowledged; and it answers readers while the CMS's main thread is
 * held (which is what it is for: the dashboard's work never delays a hit).
 */

const SITE = 'http://localhost:4321';
const ADMIN = { email: 'luong@binhan.gov.vn', password: 'LuongDem2026!' };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let visitorNumber = 0;
const newVisitor = () => `${BROWSER} thread-visitor/${++visitorNumber}`;

type Numbers = { counted: boolean; views: number | null; stats: { today: number } };

const hit = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  send(base, '/counter', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': newVisitor(), origin: SITE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

let cms: Cms;
let port: string;
let articles: Array<{ documentId: string; views: number }>;

beforeAll(async () => {
  cms = await bootSeededCms({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COUNTER_FLUSH_MS: '200' });
  expect(cms.counterUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(cms.counterUrl).not.toBe(cms.url);
  port = cms.counterUrl!;
  const answer = await graphql<{ articles: Array<{ documentId: string; views: number }> }>(
    cms,
    '{ articles(sort: "publishedAt:desc", pagination: { pageSize: 10 }) { documentId views } }',
  );
  articles = answer.data!.articles;
});

afterAll(async () => {
  await cms?.stop();
});

describe("the counters' own port", () => {
  it('counts into the same counters as /counter on the CMS port: one view per visitor, whichever it reached', async () => {
    const { documentId } = articles[0];
    const visitor = newVisitor();
    const first = await hit(port, { article: documentId }, { 'user-agent': visitor });
    expect(first.status).toBe(200);
    expect(first.headers['access-control-allow-origin']).toBe(SITE);
    expect(first.headers['cache-control']).toBe('no-store');
    const numbers = first.json<Numbers>();
    expect(numbers).toMatchObject({ counted: true });
    const again = await hit(cms.url, { article: documentId }, { 'user-agent': visitor });
    expect(again.json<Numbers>()).toMatchObject({ counted: false, views: numbers.views });
    const stats = await send(port, `/counter/stats?article=${documentId}`, { headers: { origin: SITE } });
    const sameStats = await send(cms.url, `/counter/stats?article=${documentId}`, { headers: { origin: SITE } });
    expect(stats.json<Numbers>().views).toBe(numbers.views);
    expect(sameStats.json<Numbers>().views).toBe(numbers.views);
  });

  it('writes what it counted to the database, through the CMS', async () => {
    const { documentId } = articles[1];
    const before = Number(
      ((await cms.strapi.db.connection('articles').max({ v: 'views' }).where('document_id', documentId)) as [{ v: unknown }])[0].v,
    );
    for (let i = 0; i < 3; i++) expect((await hit(port, { article: documentId })).json<Numbers>()).toMatchObject({ counted: true });
    const deadline = Date.now() + 5_000;
    let views = before;
    while (views < before + 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      views = Number(((await cms.strapi.db.connection('articles').max({ v: 'views' }).where('document_id', documentId)) as [{ v: unknown }])[0].v);
    }
    expect(views).toBe(before + 3);
  });

  it('refuses what /counter refuses, with the same status and message', async () => {
    const cases: Array<[string, Parameters<typeof send>[2]]> = [
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': BROWSER }, body: '{"article":"Bad Id"}' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': BROWSER }, body: '{"article":"a","x":1}' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': BROWSER }, body: '[]' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': BROWSER }, body: '{"article":' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'user-agent': BROWSER }, body: '{}' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'HTTP://LOCALHOST:4321', 'user-agent': BROWSER }, body: '{}' }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'multipart/form-data', origin: SITE }, body: '{}' }],
      ['/counter', { method: 'GET', headers: { origin: SITE } }],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE }, body: `{"article":"${'a'.repeat(3000)}"}` }],
      [
        '/counter',
        { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE, 'transfer-encoding': 'chunked' }, body: ' '.repeat(5000) },
      ],
      ['/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: SITE }, body: '{"article":"khongcobaivietnay"}' }],
      ['/counter/stats?article=a&article=b', { headers: { origin: SITE } }],
      ['/counter/stats?article[$ne]=x', { headers: { origin: SITE } }],
      ['/counter/stats?article=', { headers: { origin: SITE } }],
      ['/counter/stats', { method: 'DELETE', headers: { origin: SITE } }],
    ];
    for (const [path, options] of cases) {
      const viaPort = await send(port, path, options);
      const viaCms = await send(cms.url, path, options);
      expect(viaPort.status, `${options?.method ?? 'GET'} ${path}`).toBeGreaterThanOrEqual(400);
      expect([viaPort.status, viaPort.json()], `${options?.method ?? 'GET'} ${path}`).toEqual([viaCms.status, viaCms.json()]);
    }
    const other = await send(port, '/admin', {});
    expect(other.status).toBe(404);
    expect(other.json<{ error: { message: string } }>().error.message).toMatch(/Only \/counter and \/counter\/stats/);
    const head = await send(port, '/counter/stats', { method: 'HEAD', headers: { origin: SITE } });
    expect([head.status, head.text]).toEqual([200, '']);
  });

  it('stops counting an article the moment its unpublish is acknowledged', async () => {
    const { documentId } = articles[2];
    expect((await hit(port, { article: documentId })).status).toBe(200);
    const unpublished = await dashboard(cms.url, await adminLogin(cms.url, ADMIN)).unpublish('api::article.article', documentId);
    expect(unpublished.status).toBe(200);
    expect((await hit(port, { article: documentId })).status).toBe(404);
  });

  it("answers readers while the CMS's main thread is held, where /counter waits for it", async () => {
    const { documentId } = articles[3];
    // Once first, so that the article's published state and totals are known to the thread.
    expect((await hit(port, { article: documentId })).status).toBe(200);
    // A reader in another process, sending a hit every 20 ms to both ports and noting when each is answered.
    const reader = `
      const send = (url) => fetch(url + '/counter', { method: 'POST', headers: { 'content-type': 'text/plain', origin: '${SITE}',
        'user-agent': '${BROWSER} held/' + Math.random() }, body: JSON.stringify({ article: '${documentId}' }) })
        .then((r) => r.status, () => 0);
      const until = Date.now() + 2500;
      console.log('START');
      const loop = async (url, name) => { while (Date.now() < until) { const status = await send(url);
        console.log(name + ' ' + Date.now() + ' ' + status); await new Promise((r) => setTimeout(r, 20)); } };
      Promise.all([loop('${port}', 'port'), loop('${cms.url}', 'cms')]);`;
    const child = spawn(process.execPath, ['-e', reader], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (!output.includes('START')) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The main thread held for a second, as a long synchronous query or computation would hold it.
    const heldFrom = Date.now();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
    const heldUntil = Date.now();
    await exited;
    const answers = output
      .split('\n')
      .filter((line) => /^(port|cms) /.test(line))
      .map((line) => line.split(' '))
      .map(([name, at, status]) => ({ name, at: Number(at), status: Number(status) }));
    const during = (name: string) => answers.filter((a) => a.name === name && a.at > heldFrom + 50 && a.at < heldUntil - 50);
    expect(during('port').length).toBeGreaterThanOrEqual(5);
    expect(during('port').every((a) => a.status === 200)).toBe(true);
    expect(during('cms')).toEqual([]);
    expect(answers.filter((a) => a.name === 'cms' && a.at > heldUntil).every((a) => a.status === 200)).toBe(true);
  });
});

describe("the counters' thread when it cannot serve", () => {
  it('refuses to start on a port that is taken, naming COUNTER_PORT', async () => {
    const require = createRequire(`${APP_DIR}/package.json`);
    const { CounterThread } = require(`${DIST_DIR}/src/lib/counters/thread-host.js`) as typeof import('../src/lib/counters/thread-host');
    const { directCounterDatabase } = require(`${DIST_DIR}/src/lib/counters/database.js`) as typeof import('../src/lib/counters/database');
    const taken = Number(new URL(cms.url).port);
    const logged: string[] = [];
    const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    const thread = new CounterThread(
      { port: taken, host: '127.0.0.1', proxy: { proxied: false, trustedProxies: 1 }, generation: new SharedArrayBuffer(4) },
      directCounterDatabase({ connection: cms.strapi.db.connection, schema: undefined }),
      log,
    );
    await thread.run();
    await expect(thread.listen()).rejects.toThrow(
      new RegExp(`could not listen on 127\\.0\\.0\\.1:${taken} \\(COUNTER_PORT\\): port ${taken} is in use`),
    );
    expect(logged.some((line) => line.includes('COUNTER_PORT'))).toBe(true);
    await thread.close();
  });
});
