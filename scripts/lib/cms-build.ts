import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './children';

/** Files whose change means the dashboard (admin panel) must be built again. */
const ADMIN_INPUTS = ['package.json', 'config/admin.ts', 'config/plugins.ts', 'src/admin'];

async function hashInputs(cmsDir: string, lockfile: string): Promise<string> {
  const hash = createHash('sha256');
  const add = async (file: string) => {
    if (!existsSync(file)) return;
    const entries = await readdir(file, { withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      hash.update(file).update(await readFile(file));
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) await add(path.join(file, entry.name));
  };
  for (const input of ADMIN_INPUTS) await add(path.join(cmsDir, input));
  await add(lockfile);
  return hash.digest('hex');
}

/**
 * Builds what `strapi start` needs: the dashboard only when its inputs changed since the last build
 * (it takes about a minute and 2 GB), the server's TypeScript every time (a few seconds, incremental).
 */
export async function buildCms(cmsDir: string, lockfile: string, env: NodeJS.ProcessEnv): Promise<void> {
  const stampFile = path.join(cmsDir, 'dist', '.admin-build-stamp');
  const stamp = await hashInputs(cmsDir, lockfile);
  const built = existsSync(path.join(cmsDir, 'dist', 'build', 'index.html'));
  const previous = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
  const bin = (name: string) => path.join(cmsDir, 'node_modules', '.bin', name);
  if (built && previous === stamp) {
    await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: cmsDir, env });
    return;
  }
  console.log('Building the CMS dashboard (first start, or its dependencies changed; about a minute)…');
  await run(bin('strapi'), ['build'], { cwd: cmsDir, env: { ...env, NODE_ENV: 'production' } });
  await writeFile(stampFile, stamp);
}
