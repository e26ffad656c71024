import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostileContent } from './hostile-content';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * What the global setup built: the site's folder, the CMS it was built from and the hostile content in it,
 * and the port the tests serve it on — the one origin (http://127.0.0.1:<sitePort>) the CMS's counter
 * accepts hits from, as it accepts only the site's in production. Test files run one at a time.
 */
export type BuiltSite = { cmsUrl: string; dist: string; mediaCache: string; hostile: HostileContent; sitePort: number };

declare module 'vitest' {
  export interface ProvidedContext {
    site: BuiltSite;
  }
}

/** Runs `pnpm --filter web build` (scripts/build.ts) with the given environment; resolves with its exit code and output. */
export function runSiteBuild(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(WEB_DIR, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], {
      cwd: WEB_DIR,
      // Anonymous unless the test gives a token: the repository's .env may hold a CMS_TOKEN (written by
      // `pnpm start`) that the test CMS does not know.
      env: { ...process.env, CMS_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
