import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from 'cms/testing/setup';
import { launchChromium, serveSite } from './helpers/browser';

/**
 * The live counters in a real Chromium, on the real build, against the real CMS of the global setup: the
 * article's "Lượt xem" and the "Thống kê truy cập" box get live numbers (Vietnamese format), "Đọc nhiều"
 * the live list, nothing on the page moves when they arrive; and with the counter down or hanging, the
 * page keeps its build-time numbers and its load is not held up.
 */

const site = inject('site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveSite>>;
let articleSlug: string;
let articleId: string;
let builtViews: string;

const vietnamese = /^\d{1,3}(\.\d{3})*$/;

beforeAll(async () => {
  server = await serveSite(site.dist);
  browser = await launchChromium();
  articleSlug = (await readdir(path.join(site.dist, 'bai-viet'))).sort()[0];
  const html = await readFile(path.join(site.dist, 'bai-viet', articleSlug, 'index.html'), 'utf8');
  [, articleId, builtViews] = /data-views="([a-z0-9]+)"[^>]*>([^<]+)</.exec(html)!;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Layout shifts the page reports (PerformanceObserver) that moved the numbers or anything near them: the
 * article's date line ("Lượt xem") and the side column (statistics, "Đọc nhiều"). Other shifts (the banner
 * image arriving) are not the counters' doing.
 */
async function countersShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        type Shift = PerformanceEntry & { value: number; sources: Array<{ node?: Node | null }> };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            const near = entry.sources.some((source) => source.node instanceof Element && source.node.closest('aside, article > p'));
            if (near) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

/** Chromium headless says so in its user agent, and bots are not counted: these pages are a reader's. */
const READER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const readerPage = () => browser.newPage({ userAgent: READER });

describe('with the counter running', () => {
  it('shows the article its live view count, the statistics and "Đọc nhiều", without moving anything', async () => {
    const page = await readerPage();
    const hits: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/counter')) hits.push(request.method());
    });
    await page.goto(`${server.url}/bai-viet/${articleSlug}/`, { waitUntil: 'load' });
    const views = page.locator(`[data-views="${articleId}"]`);
    const built = Number(builtViews.replace(/\./g, ''));
    await expect.poll(() => views.textContent()).not.toBe(builtViews);
    const live = (await views.textContent())!;
    expect(live).toMatch(vietnamese);
    expect(Number(live.replace(/\./g, ''))).toBeGreaterThan(built);
    for (const stat of ['online', 'today', 'week', 'month', 'total']) {
      await expect.poll(() => page.locator(`[data-stat="${stat}"]`).textContent()).toMatch(vietnamese);
    }
    const mostRead = page.locator('[data-most-read] li a');
    await expect.poll(() => mostRead.count()).toBe(5);
    expect(await mostRead.first().getAttribute('href')).toMatch(/^\/bai-viet\/[a-z0-9-]+\/$/);
    expect(await countersShift(page)).toBe(0);
    // One request for the whole page: it counted and answered.
    expect(hits).toEqual(['POST']);

    // A reload within 30 minutes is not a new view.
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-stat="today"]').textContent()).toMatch(vietnamese);
    expect(await views.textContent()).toBe(live);
    await page.close();
  });

  it('fills the statistics box on pages other than articles too (home, search, 404)', async () => {
    const page = await readerPage();
    for (const url of ['/', '/tim-kiem/', '/khong-co-trang-nay/']) {
      await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
      await expect.poll(() => page.locator('[data-stat="total"]').textContent()).toMatch(vietnamese);
      await expect.poll(() => page.locator('[data-most-read] li a').count()).toBe(5);
    }
    await page.close();
  });
});

describe('with the counter down or hanging', () => {
  let copy: string;
  let hanging: Server;
  const held: Array<() => void> = [];

  beforeAll(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'web-counter-down-'));
    await cp(site.dist, copy, { recursive: true });
    hanging = createServer((req) => held.push(() => req.socket.destroy()));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const release of held) release();
    await new Promise<void>((resolve) => hanging?.close(() => resolve()));
    await rm(copy, { recursive: true, force: true });
  });

  /** The article page of the build with its counter address replaced (everything else as built). */
  async function articleWithCounter(counter: string): Promise<string> {
    const file = path.join(copy, 'bai-viet', articleSlug, 'index.html');
    const html = await readFile(path.join(site.dist, 'bai-viet', articleSlug, 'index.html'), 'utf8');
    await writeFile(file, html.replace(/data-counter="[^"]*"/, `data-counter="${counter}"`));
    return `/bai-viet/${articleSlug}/`;
  }

  it.each([
    ['down (connection refused)', async () => `http://127.0.0.1:${await freePort()}/counter`],
    ['hanging (never answers)', () => Promise.resolve(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/counter`)],
  ])('keeps the build-time numbers and loads at once when the counter is %s', async (_name, counter) => {
    const url = await articleWithCounter(await counter());
    const other = await serveSite(copy, 0);
    const page = await readerPage();
    try {
      const started = Date.now();
      await page.goto(`${other.url}${url}`, { waitUntil: 'load' });
      expect(Date.now() - started).toBeLessThan(3_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await page.locator(`[data-views="${articleId}"]`).textContent()).toBe(builtViews);
      expect((await page.locator('[data-stat="today"]').textContent())!.trim()).toMatch(/^—/);
      expect(await countersShift(page)).toBe(0);
    } finally {
      await page.close();
      await other.close();
    }
  });
});
