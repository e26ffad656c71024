import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type BuildRequest = {
  webDir: string;
  outDir: string;
  env: NodeJS.ProcessEnv;
  /** Partial build: the live release to take unchanged files from, and the articles that changed. */
  partial?: { baseDir: string; articles: string[] };
  onProgress?: (rendered: number) => void;
  onLine?: (line: string) => void;
};

export type BuildOutcome = { pages: number; partialFellBackToFull: boolean };

/** A page or endpoint line of `astro build`'s output ("├─ /bai-viet/x/index.html (+3ms)"). */
const RENDERED = /[├└]─ \/\S+/;

let running: ChildProcess | undefined;

/** Stops the running build, if any (SIGTERM, then SIGKILL). */
export function abandonBuild(): void {
  if (!running || running.exitCode !== null) return;
  running.kill('SIGTERM');
  const child = running;
  setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
}

/**
 * Builds the site with `astro build` into `outDir`. A partial build passes the changed articles and the
 * live release to the site's build, which renders only the affected pages and links every other file
 * from the live release.
 */
export async function buildSite(request: BuildRequest): Promise<BuildOutcome> {
  const env: NodeJS.ProcessEnv = { ...request.env, WEB_OUT_DIR: request.outDir };
  const file = path.join(path.dirname(request.outDir), `.partial-${path.basename(request.outDir)}.json`);
  if (request.partial) {
    await writeFile(file, JSON.stringify({ baseDir: request.partial.baseDir, articles: request.partial.articles }));
    env.WEB_PARTIAL = file;
  }
  try {
    return await runAstro(request, env);
  } finally {
    // The request, the plan and the page manifest the site's build wrote beside it.
    for (const leftover of [file, `${file}.plan.json`, `${file}.pages`]) await rm(leftover, { recursive: true, force: true });
  }
}

function runAstro(request: BuildRequest, env: NodeJS.ProcessEnv): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(request.webDir, 'node_modules', '.bin', 'astro'), ['build'], {
      cwd: request.webDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child;
    let pages = 0;
    let fellBack = false;
    let rest = '';
    const onData = (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const raw of lines) {
        // Astro colours its output; the status page wants plain text.
        const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
        if (RENDERED.test(line)) request.onProgress?.(++pages);
        if (line.includes('partial build not possible')) fellBack = true;
        request.onLine?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = undefined;
      if (code === 0) resolve({ pages, partialFellBackToFull: fellBack });
      else reject(new Error(signal ? `the build was stopped (${signal})` : `astro build failed with exit code ${code}`));
    });
  });
}
