import { chmod, mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RenderContext } from 'web/site';
import { prepareRenderer } from '../src/renderer';

/**
 * Where prepareRenderer keeps its builds, with a stand-in for `astro build` (the real one takes a minute
 * and is exercised by renderer.int.spec.ts): a script that writes a server entry the way the site's
 * renderer adapter does, and counts its runs.
 */
const FAKE_ASTRO = `#!/bin/sh
echo run >> "$PWD/../astro-runs"
mkdir -p "$WEB_RENDERER_OUT/server" "$WEB_RENDERER_OUT/client"
echo 'export const render = async (url) => ({ status: 200, body: Buffer.from(url) });' > "$WEB_RENDERER_OUT/server/entry.mjs"
`;

let webDir: string;
let buildsDir: string;

beforeEach(async () => {
  const repo = await mkdtemp(path.join(tmpdir(), 'renderer-builds-'));
  webDir = path.join(repo, 'apps', 'web');
  buildsDir = path.join(webDir, 'node_modules', '.portal-renderer');
  await mkdir(path.join(webDir, 'node_modules', '.bin'), { recursive: true });
  await mkdir(path.join(repo, 'packages', 'cms-client', 'src'), { recursive: true });
  await writeFile(path.join(webDir, 'page.astro'), '<h1>Trang</h1>');
  await writeFile(path.join(webDir, 'node_modules', '.bin', 'astro'), FAKE_ASTRO);
  await chmod(path.join(webDir, 'node_modules', '.bin', 'astro'), 0o755);
});

/** Renderer builds of older sources, oldest first, the newest a minute ago. */
async function olderBuilds(count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `old${i + 1}`);
  for (const [i, name] of names.entries()) {
    await mkdir(path.join(buildsDir, name, 'server'), { recursive: true });
    const time = new Date(Date.now() - (count - i) * 60_000);
    await utimes(path.join(buildsDir, name), time, time);
  }
  return names;
}

describe('renderer builds', () => {
  it('keeps the three newest builds beside the one in use', async () => {
    const old = await olderBuilds(5);
    // Being built by another process: never touched.
    await mkdir(path.join(buildsDir, '.building-other-1'), { recursive: true });
    const renderer = await prepareRenderer(webDir, { SITE_URL: 'http://localhost:4321' }, () => undefined);
    const left = await readdir(buildsDir);
    expect(left.filter((name) => name.startsWith('old')).sort()).toEqual(old.slice(2));
    expect(left).toContain('.building-other-1');
    expect(left).toHaveLength(5);
    expect(left).toContain(renderer.version);
    const context: RenderContext = {
      content: { articles: [], authors: [], categories: [], settings: null, mostRead: [] },
      pages: new Map(),
      siteUrl: 'http://localhost:4321',
      dashboardUrl: 'http://localhost:1337/admin',
      counterUrl: 'http://localhost:1337/counter',
    };
    expect((await renderer.render('http://localhost:4321/', context)).body.toString()).toBe('http://localhost:4321/');
  });

  it('builds once per version of the sources, and says which version it renders with', async () => {
    const first = await prepareRenderer(webDir, {}, () => undefined);
    expect((await prepareRenderer(webDir, {}, () => undefined)).version).toBe(first.version);
    await writeFile(path.join(webDir, 'page.astro'), '<h1>Trang mới</h1>');
    const changed = await prepareRenderer(webDir, {}, () => undefined);
    expect(changed.version).not.toBe(first.version);
    expect((await readFile(path.join(webDir, '..', 'astro-runs'), 'utf8')).trim().split('\n')).toHaveLength(2);
  });
});
