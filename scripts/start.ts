/**
 * `pnpm start`: everything a new user needs on one machine. Generates secrets into .env on first run,
 * builds the CMS when needed, starts it in production mode on SQLite (demo content is seeded by the CMS
 * itself on an empty database) and prints where everything is. One Ctrl-C stops all.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEnvFile, withEnv } from '@portal/env';
import { buildCms } from './lib/cms-build';
import { startService, stopAll, stopAllOnSignals } from './lib/children';
import { isPortTaken, waitForHttp } from './lib/wait';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'apps', 'cms');

async function main() {
  stopAllOnSignals();
  const { values, generated } = await ensureEnvFile(path.join(root, '.env'));
  if (generated.length > 0) console.log(`Generated ${generated.join(', ')} into .env (git-ignored).`);
  const env = withEnv({ NODE_ENV: 'production', ...values });
  const port = Number(env.PORT ?? 1337);
  if (await isPortTaken(port)) {
    throw new Error(`Port ${port} is already in use: stop what runs there, or set PORT in .env`);
  }

  await buildCms(cmsDir, path.join(root, 'pnpm-lock.yaml'), env);
  startService('cms', path.join(cmsDir, 'node_modules', '.bin', 'strapi'), ['start'], { cwd: cmsDir, env });
  const cmsUrl = `http://localhost:${port}`;
  await waitForHttp(`${cmsUrl}/_health`, 15 * 60_000);

  console.log(`
  Portal is running. Ctrl-C stops everything.
    Dashboard (editors)   ${cmsUrl}/admin
    GraphQL API           ${cmsUrl}/graphql
    REST API              ${cmsUrl}/api/articles
`);
}

main().catch(async (error: unknown) => {
  console.error(`pnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
