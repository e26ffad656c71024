/**
 * `pnpm --filter publisher nginx:headers`: writes the nginx includes of the site's security headers
 * (deploy/nginx/includes/security-headers.conf for pages, security-headers-xml.conf for RSS and the
 * sitemap) from web's securityHeaders, the one definition the publisher's static server sends too. A test
 * (tests/nginx-headers.test.ts) fails when the committed files differ from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoPath } from '@portal/env';
import { securityHeaders } from 'web/site';

/** Where the includes live in the repository (mounted at /etc/nginx/includes: deploy/nginx/README.md). */
export const INCLUDES_DIR = repoPath('deploy/nginx/includes');

/** "content-security-policy" → "Content-Security-Policy", as headers are usually written. */
function headerName(lowerCase: string): string {
  return lowerCase.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * A header value as an nginx double-quoted string. nginx expands `$name` inside it and has no escape for
 * `$`, so a value with one (or a line break) is refused rather than written wrong.
 */
export function nginxString(value: string): string {
  if (/[$\r\n]/.test(value)) throw new Error(`A header value nginx cannot hold as a literal: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** One include: an `add_header … always;` line per header (always: the 404 page and errors carry them too). */
export function headersInclude(headers: Readonly<Record<string, string>>, what: string): string {
  const lines = Object.entries(headers).map(([name, value]) => `add_header ${headerName(name)} ${nginxString(value)} always;`);
  return [
    `# The site's security headers for ${what}.`,
    '# Written by `pnpm --filter publisher nginx:headers` from apps/web/src/lib/security-headers.ts: do not edit',
    '# (tests/nginx-headers.test.ts fails when this file differs from what the script writes).',
    ...lines,
    '',
  ].join('\n');
}

/**
 * File name → content of every generated include. Pages send their view counts to /counter on their own
 * origin (nginx proxies it), so the policy needs no other connect-src.
 */
export function nginxHeaderIncludes(): Record<string, string> {
  return {
    'security-headers.conf': headersInclude(securityHeaders(), 'pages, the 404 page and every other file'),
    'security-headers-xml.conf': headersInclude(securityHeaders({ xml: true }), 'XML files (RSS, sitemap)'),
  };
}

async function main(): Promise<void> {
  for (const [name, text] of Object.entries(nginxHeaderIncludes())) {
    await writeFile(path.join(INCLUDES_DIR, name), text);
    console.log(`Wrote ${path.relative(repoPath('.'), path.join(INCLUDES_DIR, name))}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
