import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from 'web/site';
import { describe, expect, it } from 'vitest';
import { headersInclude, INCLUDES_DIR, nginxHeaderIncludes, nginxString } from '../scripts/nginx-headers';
import { onPort, TEMPLATE_FILE, TEMPLATE_VARIABLES } from './helpers/nginx';

describe("nginx's security headers, generated from web's", () => {
  it.each(Object.entries(nginxHeaderIncludes()))('the committed %s is what the generator writes', async (name, text) => {
    // Run `pnpm --filter publisher nginx:headers` after changing apps/web/src/lib/security-headers.ts.
    expect(await readFile(path.join(INCLUDES_DIR, name), 'utf8')).toBe(text);
  });

  it('writes one `add_header … always;` per header the static server sends, with its value as it is', () => {
    const include = headersInclude(securityHeaders(), 'pages');
    const lines = include.split('\n').filter((line) => line.startsWith('add_header'));
    expect(lines).toHaveLength(Object.keys(securityHeaders()).length);
    expect(lines).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(lines).toContain('add_header Referrer-Policy "strict-origin-when-cross-origin" always;');
    expect(lines).toContain(`add_header Content-Security-Policy "${securityHeaders()['content-security-policy']}" always;`);
  });

  it('quotes values for nginx and refuses what nginx would read otherwise', () => {
    expect(nginxString(`a "b" \\c`)).toBe(String.raw`"a \"b\" \\c"`);
    expect(() => nginxString('connect-src $host')).toThrow(/cannot hold/);
    expect(() => nginxString('a\nb')).toThrow(/cannot hold/);
  });
});

describe('the nginx template', () => {
  it('names no upper-case variable but the contract’s, so envsubst in the image leaves nginx’s own alone', async () => {
    const template = await readFile(TEMPLATE_FILE, 'utf8');
    const named = new Set([...template.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g)].map((match) => match[1]));
    expect([...named].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
    // Lower-case names are nginx's ($host, $uri…); none of the image's environment (PATH, HOSTNAME, NGINX_VERSION…).
    expect(template).not.toMatch(/^\s*http\s*\{/m);
  });

  it('moves every server to the test port, and says so when the template changes shape', () => {
    const config = 'server {\n    listen 80 default_server;\n}\nserver {\n    listen 80;\n}\n';
    expect(onPort(config, 8123, 2)).toBe('server {\n    listen 127.0.0.1:8123 default_server;\n}\nserver {\n    listen 127.0.0.1:8123;\n}\n');
    expect(() => onPort(config, 8123, 3)).toThrow(/Expected 3 "listen 80" lines/);
  });
});
