import { isbot } from 'isbot';

/**
 * Requests that are not a reader viewing a page: known bots and crawlers (the `isbot` list, kept by its
 * maintainers, rather than a pattern of our own), no user agent at all, and speculative loads — link
 * prefetch and prerender, which browsers announce with Sec-Purpose (Chromium, Firefox), Purpose or X-Moz.
 * The script itself also waits for a prerendered page to be shown before it counts.
 */
export function notAReader(headers: Record<string, string | string[] | undefined>): string | undefined {
  const userAgent = typeof headers['user-agent'] === 'string' ? headers['user-agent'].trim() : '';
  if (userAgent === '') return 'no user agent';
  if (isbot(userAgent)) return 'a bot';
  for (const name of ['sec-purpose', 'purpose', 'x-purpose', 'x-moz']) {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    if (/prefetch|prerender|preview/i.test(text)) return 'a prefetch';
  }
  return undefined;
}
