/**
 * `pnpm start`: everything a new user needs on one machine. Generates secrets into .env on first run,
 * builds the CMS when needed, starts it in production mode on SQLite (demo content is seeded by the CMS
 * itself on an empty database), builds the site from it and serves it, and prints where everything is.
 * One Ctrl-C stops all.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEnvFile, withEnv } from '@portal/env';
import { buildCms } from './lib/cms-build';
import { run, startService, stopAll, stopAllOnSignals } from './lib/children';
import { isPortTaken, waitForHttp } from './lib/wait';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'apps', 'cms');
const webDir = path.join(root, 'apps', 'web');
const publisherDir = path.join(root, 'apps', 'publisher');

async function main() {
  stopAllOnSignals();
  const { values, generated } = await ensureEnvFile(path.join(root, '.env'));
  if (generated.length > 0) console.log(`Generated ${generated.join(', ')} into .env (git-ignored).`);
  const env = withEnv({ NODE_ENV: 'production', ...values });
  const port = Number(env.PORT ?? 1337);
  const sitePort = Number(env.SITE_PORT ?? 4321);
  for (const [taken, variable] of [[port, 'PORT'], [sitePort, 'SITE_PORT']] as const) {
    if (await isPortTaken(taken)) throw new Error(`Port ${taken} is already in use: stop what runs there, or set ${variable} in .env`);
  }

  await buildCms(cmsDir, path.join(root, 'pnpm-lock.yaml'), env);
  startService('cms', path.join(cmsDir, 'node_modules', '.bin', 'strapi'), ['start'], { cwd: cmsDir, env });
  const cmsUrl = `http://localhost:${port}`;
  await waitForHttp(`${cmsUrl}/_health`, 15 * 60_000);

  const siteEnv = { ...env, NODE_ENV: 'production', CMS_URL: env.CMS_URL ?? `http://127.0.0.1:${port}`, CMS_PUBLIC_URL: env.CMS_PUBLIC_URL ?? cmsUrl };
  console.log('Building the site from the CMS…');
  await run(path.join(webDir, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], { cwd: webDir, env: siteEnv });
  startService('site', path.join(publisherDir, 'node_modules', '.bin', 'tsx'), ['src/serve.ts'], {
    cwd: publisherDir,
    env: { ...siteEnv, SITE_DIR: path.join(webDir, 'dist'), SITE_PORT: String(sitePort) },
  });
  await waitForHttp(`http://127.0.0.1:${sitePort}/`, 30_000);

  console.log(`
  Portal is running. Ctrl-C stops everything.
    Site (readers)        http://localhost:${sitePort}
    Dashboard (editors)   ${cmsUrl}/admin
    GraphQL API           ${cmsUrl}/graphql
    REST API              ${cmsUrl}/api/articles
`);
}

main().catch(async (error: unknown) => {
  console.error(`pnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
