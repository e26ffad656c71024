import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './publisher';

const CMS_DIR = path.resolve(APP_DIR, '..', 'cms');

/**
 * Builds the dashboard (a React app) unless it is built already: a clean checkout has not. Asynchronously,
 * so that the test worker keeps answering its runner during the minutes the build takes.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  if (existsSync(path.join(CMS_DIR, 'dist', 'build', 'index.html'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(CMS_DIR, 'node_modules', '.bin', 'strapi'), ['build'], {
      cwd: CMS_DIR,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`strapi build exited with code ${code}`))));
  });
}
