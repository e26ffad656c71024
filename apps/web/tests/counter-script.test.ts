import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

/** Everything the counters need on a page is this one file, copied as written (no framework). */
it('keeps the counter script within 1 KB gzip, text only (no HTML from the answer)', async () => {
  const source = await readFile(new URL('../src/scripts/counter.js', import.meta.url), 'utf8');
  expect(gzipSync(source, { level: 9 }).length).toBeLessThanOrEqual(1024);
  expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  expect(source).toContain('keepalive:true');
});
