import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveSite } from './helpers/browser';

/** The portal's icon: every page names it, and the address browsers ask for by themselves answers. */

const site = inject('site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  server = await serveSite(site.dist);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the site icon', () => {
  it('is served at /favicon.ico as an icon, and as SVG', async () => {
    const ico = await fetch(`${server.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes[4]).toBeGreaterThanOrEqual(1);
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg /);
  });

  it('loads on every page kind with no failed request and no console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    // The 404 page's own status is the one error expected: it is what that page is.
    const expected404 = (url: string) => url.includes('/khong-co-trang-nay/');
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected404(message.location().url)) problems.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !expected404(response.url())) problems.push(`${response.status()} ${response.url()}`);
    });
    // Moving on to the next page cancels what the last one still loads (net::ERR_ABORTED): not a failure.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
    });
    const icons: string[] = [];
    page.on('request', (request) => {
      if (/\/favicon\.(ico|svg)$/.test(request.url())) icons.push(request.url());
    });
    for (const url of ['/', '/tim-kiem/', '/khong-co-trang-nay/']) {
      await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
      expect(await page.locator('link[rel="icon"]').count(), url).toBeGreaterThanOrEqual(1);
    }
    await expect.poll(() => icons.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
