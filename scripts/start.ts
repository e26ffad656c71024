/**
 * `pnpm start`: everything a new user needs on one machine. Generates secrets into .env on first run,
 * builds the CMS when needed, starts it in production mode on SQLite (demo content is seeded by the CMS
 * itself on an empty database), starts the publisher, which builds the site from it, serves it and rebuilds
 * it on every publish, and prints where everything is.
 * One Ctrl-C stops all.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEnvFile, startEnv } from '@portal/env';
import { buildCms } from './lib/cms-build';
import { startService, stopAll, stopAllOnSignals } from './lib/children';
import { isPortTaken, waitForFirstBuild, waitForHttp } from './lib/wait';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'apps', 'cms');
const publisherDir = path.join(root, 'apps', 'publisher');

async function main() {
  stopAllOnSignals();
  const { values, generated } = await ensureEnvFile(path.join(root, '.env'));
  if (generated.length > 0) console.log(`Generated ${generated.join(', ')} into .env (git-ignored).`);
  const env = startEnv(values);
  const port = Number(env.PORT ?? 1337);
  const sitePort = Number(env.SITE_PORT ?? 4321);
  const counterPort = (env.COUNTER_PORT ?? '').trim();
  for (const [taken, variable] of [
    [port, 'PORT'],
    [sitePort, 'SITE_PORT'],
    [Number(env.PUBLISHER_PORT ?? 4322), 'PUBLISHER_PORT'],
    // The counters' own port (the CMS checks the value itself: `off`, `0` or anything else need no check here).
    ...(/^\d*$/.test(counterPort) && counterPort !== '0' ? ([[Number(counterPort || 1338), 'COUNTER_PORT']] as const) : []),
  ] as const) {
    if (await isPortTaken(taken)) throw new Error(`Port ${taken} is already in use: stop what runs there, or set ${variable} in .env`);
  }

  await buildCms(cmsDir, path.join(root, 'pnpm-lock.yaml'), env);
  startService('cms', path.join(cmsDir, 'node_modules', '.bin', 'strapi'), ['start'], { cwd: cmsDir, env });
  const cmsUrl = `http://localhost:${port}`;
  await waitForHttp(`${cmsUrl}/_health`, 15 * 60_000);

  // The publisher builds the site from the CMS at start, then again on every webhook, and serves it.
  const publisherPort = Number(env.PUBLISHER_PORT ?? 4322);
  startService('publisher', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: publisherDir,
    env: { ...env, CMS_URL: env.CMS_URL ?? `http://127.0.0.1:${port}`, CMS_PUBLIC_URL: env.CMS_PUBLIC_URL ?? cmsUrl, SITE_PORT: String(sitePort) },
  });
  console.log('Building the site from the CMS…');
  await waitForFirstBuild(`http://127.0.0.1:${publisherPort}/status`, 15 * 60_000);

  console.log(`
  Portal is running. Ctrl-C stops everything.
    Site (readers)        http://localhost:${sitePort}
    Dashboard (editors)   ${cmsUrl}/admin
    GraphQL API           ${cmsUrl}/graphql
    REST API              ${cmsUrl}/api/articles
    Publishing status     http://localhost:${publisherPort}/
`);
}

main().catch(async (error: unknown) => {
  console.error(`pnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
