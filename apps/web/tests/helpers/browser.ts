import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import './site-build';
import { createStaticServer } from '../../src/serve/static-server';

/** Debian's Chromium, launched as this machine allows (no sandbox as root, no background networking). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Serves a built site over real HTTP, on the port the counter accepts hits from (the global setup's
 * sitePort; test files run one at a time) unless another is given, with the CSP of a site whose counter is
 * the test CMS's.
 */
export async function serveSite(dist: string, port = inject('site').sitePort): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createStaticServer(() => dist, { counterUrl: `${inject('site').cmsUrl}/counter` });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> };

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns its violations. axe is injected as an
 * inline script, which the site's CSP refuses: the page must come from a context with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
