import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { APP_DIR, freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './publisher';

const CMS_DIR = path.resolve(APP_DIR, '..', 'cms');

/** The first editor account, made at the CMS's start from ADMIN_EMAIL / ADMIN_PASSWORD (a super admin). */
export const ADMIN = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };

/** Signs the dashboard's preview links; the CMS and the publisher share it, as `pnpm start` gives both. */
const PREVIEW_SECRET = 'preview-secret-of-the-dashboard-tests-0123456789';

/** The real thing an editor uses: the CMS serving its built dashboard, the publisher it notifies, a browser. */
export type DashboardStack = { cms: CmsProcess; publisher: RunningPublisher; browser: Browser; stop: () => Promise<void> };

/**
 * Builds the dashboard (a React app, about a minute and 2 GB) unless it is built already: a clean checkout has
 * not. Asynchronously, so that the test worker keeps answering its runner during the build.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  if (existsSync(path.join(CMS_DIR, 'dist', 'build', 'index.html'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(CMS_DIR, 'node_modules', '.bin', 'strapi'), ['build'], {
      cwd: CMS_DIR,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`strapi build exited with code ${code}`))));
  });
}

/**
 * Boots a copy of the run's seeded CMS with its dashboard (plus `cmsEnv`) and its preview, the publisher
 * with the site built once, and headless Chromium.
 */
export async function startDashboardStack(cmsEnv: Record<string, string> = {}): Promise<DashboardStack> {
  await ensureDashboardBuilt();
  const controlPort = await freePort();
  const cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', {
    SERVE_ADMIN_PANEL: 'true',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    PREVIEW_SECRET,
    ...cmsEnv,
  });
  const publisher = await startPublisher(cms.url, await publisherDirs(), { PREVIEW_SECRET, CMS_PUBLIC_URL: cms.url }, controlPort);
  await publisher.waitFor((s) => s.lastBuild?.result === 'success');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    cms,
    publisher,
    browser,
    stop: async () => {
      await browser.close();
      await publisher.stop();
      await cms.stop();
    },
  };
}

/** Signs in on the dashboard's Vietnamese sign-in page and waits for the dashboard. */
export async function signIn(page: Page, cmsUrl: string, account: { email: string; password: string }) {
  await page.goto(`${cmsUrl}/admin`);
  await page.locator('input[name=email]').fill(account.email);
  await page.locator('input[name=password]').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}

/** The notification the dashboard shows after an action (a status when done, an alert when refused). */
export const notification = (page: Page, text: string) => page.locator('[data-sonner-toast]').filter({ hasText: text }).first();

/** Polls the site until `pathname` answers 200; returns when, or throws with the publisher's output. */
export async function waitUntilLive(page: Page, publisher: RunningPublisher, pathname: string, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await page.goto(`${publisher.siteUrl}${pathname}`);
    if (response?.status() === 200) return Date.now();
    if (Date.now() - started > withinMs) throw new Error(`${pathname} not live after ${withinMs} ms:\n${publisher.output().slice(-2000)}`);
    await page.waitForTimeout(250);
  }
}
