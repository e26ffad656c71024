import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenderContext, Rendered } from 'web/site';

/**
 * The renderer: the site built once more for server output (`WEB_RENDERER_OUT`), loaded into this
 * process, rendering any page to bytes. Builds live in the site's node_modules/.portal-renderer/:
 *
 *   .building-<stamp>-<pid>/   being built by `astro build` (left over after a crash: never loaded)
 *   <stamp>/                   ready; never changed once renamed into place; <stamp> hashes the sources
 *   (deleted)                  beyond the newest KEEP_BUILDS beside the one just built
 */
export type Renderer = {
  /** The stamp of the sources the renderer was built from: pages rendered by another version may differ. */
  version: string;
  clientDir: string;
  /** Renders the page at `url` (absolute, on the site's address) from `context`. */
  render: (url: string, context: RenderContext) => Promise<Rendered>;
};

const SKIPPED = new Set(['node_modules', 'dist', '.astro', 'tests', 'bench-results']);

async function hashTree(hash: ReturnType<typeof createHash>, dir: string, relative = ''): Promise<void> {
  const entries = (await readdir(path.join(dir, relative), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('dist.')) continue;
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) await hashTree(hash, dir, child);
    else if (entry.isFile())
      hash
        .update(`${child}\0`)
        .update(await readFile(path.join(dir, child)))
        .update('\0');
  }
}

/** What the renderer build depends on: the site's sources, the shared client's, and the site address. */
async function sourceStamp(webDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const hash = createHash('sha256');
  await hashTree(hash, webDir);
  await hashTree(hash, path.join(webDir, '..', '..', 'packages', 'cms-client', 'src'));
  hash.update(`SITE_URL=${env.SITE_URL ?? ''}`);
  return hash.digest('hex');
}

function astroBuild(webDir: string, outDir: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(webDir, 'node_modules', '.bin', 'astro'), ['build'], {
      cwd: webDir,
      env: { ...env, WEB_RENDERER_OUT: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => {
      // eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC, which the build log drops
      for (const line of chunk.toString().split('\n')) if (line.trim()) onLine(line.replace(/\x1b\[[0-9;]*m/g, ''));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the renderer failed with exit code ${code}`))));
  });
}

/** Renderer builds kept beside the one in use (another checkout of the code may still be running one). */
const KEEP_BUILDS = 3;

/**
 * Builds the renderer unless one was built from the same sources, then loads it. Builds live in the site's
 * node_modules/.portal-renderer/<hash of the sources>/ (their imports resolve from the site's dependencies
 * there) and are never changed once written: a running publisher keeps loading its pages from its own.
 * Building takes a few seconds, once per change of the site's code.
 */
export async function prepareRenderer(webDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Renderer> {
  const root = path.join(webDir, 'node_modules', '.portal-renderer');
  const stamp = (await sourceStamp(webDir, env)).slice(0, 20);
  const dir = path.join(root, stamp);
  if (!existsSync(path.join(dir, 'server', 'entry.mjs'))) {
    log('Building the renderer (the site for server output)…');
    const next = path.join(root, `.building-${stamp}-${process.pid}`);
    await rm(next, { recursive: true, force: true });
    await astroBuild(webDir, next, env, (line) => {
      if (/error/i.test(line)) log(line);
    });
    // Another process may have finished the same build first: then its copy is used and ours dropped.
    await rename(next, dir).catch(() => rm(next, { recursive: true, force: true }));
    await pruneBuilds(root, stamp);
  }
  const entry = (await import(pathToFileURL(path.join(dir, 'server', 'entry.mjs')).href)) as { render: Renderer['render'] };
  return { version: stamp, clientDir: path.join(dir, 'client'), render: entry.render };
}

/** Deletes all but the newest KEEP_BUILDS renderer builds beside `keep` (the one in use). */
async function pruneBuilds(root: string, keep: string): Promise<void> {
  const builds = await Promise.all(
    (await readdir(root, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== keep)
      .map(async (entry) => ({ name: entry.name, time: (await stat(path.join(root, entry.name))).mtimeMs })),
  );
  builds.sort((a, b) => b.time - a.time);
  for (const old of builds.slice(KEEP_BUILDS)) await rm(path.join(root, old.name), { recursive: true, force: true });
}
