import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { releaseFiles } from '../src/release-layout';
import type { Status } from '../src/status';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './helpers/publisher';

/**
 * The CDN purge against a real HTTP endpoint started here, with a real CMS sending its webhooks and the
 * real publisher: what each release asks the CDN to forget, and that a failing or absent CDN never touches
 * a release.
 */
type Call = { paths: string[]; release: string; authorization: string | undefined };

const TOKEN = 'cdn-purge-token-for-tests';
let cms: CmsProcess;
let publisher: RunningPublisher;
let cdnPort: number;
let cdn: Server | undefined;
/** What the endpoint answers: 200, or 500 to play a failing CDN. */
let answer = 200;
const calls: Call[] = [];

function startCdn(): Promise<void> {
  cdn = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      calls.push({ ...(JSON.parse(text) as Omit<Call, 'authorization'>), authorization: req.headers.authorization });
      res.writeHead(answer).end(answer === 200 ? 'purged' : 'origin error');
    });
  });
  return new Promise((resolve) => cdn!.listen(cdnPort, '127.0.0.1', resolve));
}

function stopCdn(): Promise<void> {
  const server = cdn;
  cdn = undefined;
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** The files a release serves by path, with their inode: a partial build hard-links what it did not render. */
async function files(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const [file, onDisk] of await releaseFiles(dir)) found.set(file, (await stat(onDisk)).ino);
  return found;
}

/** The URL path of a page's file (outputFile in reverse). */
const urlOf = (file: string) =>
  file === '404.html' ? '/404/' : file.endsWith('index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;

/** What changed between two releases, read from the disk: files written anew, and files gone. */
async function changedBetween(before: string, after: string): Promise<string[]> {
  const old = await files(path.join(publisher.releasesDir, before));
  const next = await files(path.join(publisher.releasesDir, after));
  const changed = [...next].filter(([file, ino]) => old.get(file) !== ino).map(([file]) => urlOf(file));
  const gone = [...old.keys()].filter((file) => !next.has(file)).map(urlOf);
  return [...changed, ...gone].sort();
}

const settled = (s: Status) => !s.running && !s.queue.waiting && !s.search.refreshing && s.search.upToDate && s.purge?.sending === false;

let articles: Array<{ documentId: string; slug: string; title: string }>;

/** Edits an article's title through the CMS API (its webhook reaches the publisher) and waits until it is live. */
async function editTitle(index: number, suffix: string): Promise<{ status: Status; title: string; slug: string }> {
  const article = articles[index];
  const before = (await publisher.status()).buildsCompleted;
  const title = `${article.title.slice(0, 180)} ${suffix}`;
  const edit = await fetch(`${cms.url}/api/articles/${article.documentId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { title } }),
  });
  expect(edit.status).toBe(200);
  const status = await publisher.waitFor((s) => s.buildsCompleted > before && s.lastBuild?.result !== 'running' && settled(s));
  return { status, title, slug: article.slug };
}

async function page(url: string): Promise<string> {
  const response = await fetch(`${publisher.siteUrl}${url}`);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  cdnPort = await freePort();
  await startCdn();
  const controlPort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', { PUBLISHER_URL: `http://127.0.0.1:${controlPort}`, PUBLISH_WEBHOOK_SECRET: SECRET });
  publisher = await startPublisher(
    cms.url,
    await publisherDirs(),
    { PURGE_URL: `http://127.0.0.1:${cdnPort}/purge`, PURGE_TOKEN: TOKEN, PURGE_RETRIES: '2', PURGE_BACKOFF_MS: '100', PURGE_TIMEOUT_MS: '3000' },
    controlPort,
  );
  await publisher.waitFor((s) => s.lastBuild?.result === 'success' && settled(s));
  const response = await fetch(`${cms.url}/api/articles?pagination[pageSize]=5&sort=publishedAt:desc`);
  articles = ((await response.json()) as { data: typeof articles }).data;
});

afterAll(async () => {
  await publisher?.stop();
  await cms?.stop();
  await stopCdn();
});

describe('the CDN purge', () => {
  it('purges everything after the first (full) build, with the bearer token', async () => {
    const status = await publisher.status();
    expect(calls).toEqual([{ paths: ['/*'], release: status.live.release, authorization: `Bearer ${TOKEN}` }]);
    expect(status.purge).toMatchObject({ sending: false, last: { result: 'success', release: status.live.release, attempts: 1, paths: 1 } });
    expect(await (await fetch(`${publisher.controlUrl}/`)).text()).toMatch(/Làm mới CDN: lần gần nhất <span class="success">thành công<\/span>/);
  });

  it('after a published edit, sends one purge with exactly the paths that changed', async () => {
    const before = (await publisher.status()).live.release!;
    calls.length = 0;
    const { status, title, slug } = await editTitle(0, '(đã cập nhật)');
    expect(status.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    const built = status.lastBuild!.release!;
    expect(await page(`/bai-viet/${slug}/`)).toContain(title);

    const forBuild = calls.filter((call) => call.release === built);
    expect(forBuild).toHaveLength(1);
    const paths = [...forBuild[0].paths].sort();
    expect(paths).toEqual(await changedBetween(before, built));
    expect(paths).toEqual(expect.arrayContaining([`/bai-viet/${slug}/`, '/', '/rss.xml', '/sitemap.xml']));
    expect(paths).not.toContain(`/bai-viet/${articles[4].slug}/`);
    expect(paths.length).toBe(status.lastBuild!.pagesRendered);
    // The search index followed in a release of its own: only its folder is purged for it.
    const refreshed = status.search.lastRefresh!.release!;
    expect(calls.filter((call) => call.release !== built)).toEqual([{ paths: ['/_search/*'], release: refreshed, authorization: `Bearer ${TOKEN}` }]);
  });

  it('a CDN answering 500 is retried, then given up; the release is live all the same', async () => {
    answer = 500;
    calls.length = 0;
    const { status, title, slug } = await editTitle(1, '(lần hai)');
    expect(status.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    expect(await page(`/bai-viet/${slug}/`)).toContain(title);
    const built = status.lastBuild!.release!;
    // Three attempts (PURGE_RETRIES=2) for the build's release, the same for the search refresh's.
    expect(calls.filter((call) => call.release === built)).toHaveLength(3);
    expect(status.purge!.last).toMatchObject({ result: 'failed', attempts: 3, error: 'HTTP 500 origin error' });
    const html = await (await fetch(`${publisher.controlUrl}/`)).text();
    expect(html).toContain('Làm mới CDN: lần gần nhất <span class="failed">thất bại</span>');
    expect(html).toContain('HTTP 500 origin error');
    expect(publisher.output()).toMatch(/CDN purge for .* failed \(attempt 3\): HTTP 500 origin error; the release stays live/);
    answer = 200;
  });

  it('a CDN that is down does not touch the release; purging works again once it is back', async () => {
    await stopCdn();
    const down = await editTitle(2, '(lần ba)');
    expect(down.status.lastBuild).toMatchObject({ kind: 'partial', result: 'success' });
    expect(await page(`/bai-viet/${down.slug}/`)).toContain(down.title);
    expect(down.status.purge!.last).toMatchObject({ result: 'failed', attempts: 3 });
    expect(down.status.purge!.last!.error).toMatch(/^unreachable/);

    await startCdn();
    calls.length = 0;
    const back = await editTitle(3, '(lần bốn)');
    expect(await page(`/bai-viet/${back.slug}/`)).toContain(back.title);
    expect(calls.find((call) => call.release === back.status.lastBuild!.release)?.paths).toContain(`/bai-viet/${back.slug}/`);
    expect(back.status.purge!.last).toMatchObject({ result: 'success' });
  });
});
