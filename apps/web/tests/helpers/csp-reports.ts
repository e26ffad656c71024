import type { BrowserContext, Page } from 'playwright-core';

/**
 * What Chromium refused on a page under the site's Content-Security-Policy, caught twice: the page's
 * `securitypolicyviolation` events and Chromium's console messages (which also report a Permissions-Policy
 * it does not understand). Shared as `web/testing/csp` with the publisher's tests of the site behind nginx.
 */
export type WatchedPage = { page: Page; reports: () => Promise<string[]> };

/** Makes every page `context` opens from now on keep its `securitypolicyviolation` events (what `reports` reads). */
export async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const reports: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = reports;
    document.addEventListener('securitypolicyviolation', (event) =>
      reports.push(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'}`),
    );
  });
}

/** A new page of a context prepared by `recordViolations`, with its refusals. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(message.text())) logged.push(message.text());
  });
  return {
    page,
    reports: async () => [...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)), ...logged],
  };
}

/** Adds an inline script to the page's document; whether it ran (the site's policy must refuse it, and report it). */
export function inlineScriptRuns(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
  });
}
