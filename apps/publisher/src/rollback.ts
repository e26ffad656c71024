/**
 * `pnpm --filter publisher rollback`: makes the previous release live. Asks the running publisher at
 * PUBLISHER_HOST:PUBLISHER_PORT (so its status page knows); when none runs, switches the `current` link
 * itself. Reads the repository's .env like `pnpm start`, so it needs nothing exported in the shell.
 */
import '@portal/env/load';
import { SECRET_HEADER } from './auth';
import { loadConfig } from './config';
import { createReleases } from './releases';

/** Where to reach a server that listens on `host`: a wildcard address is reached on loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function main() {
  const config = loadConfig();
  try {
    const response = await fetch(`http://${reachableHost(config.controlHost)}:${config.controlPort}/rollback`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: config.secret },
    });
    const body = (await response.json()) as { live?: { release: string }; error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    console.log(`Rolled back: ${body.live?.release} is live`);
    return;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error; // a TypeError from fetch: no publisher is running
  }
  const dir = await createReleases(config.releasesDir, config.keepReleases).rollback();
  if (!dir) throw new Error('There is no earlier release to roll back to');
  console.log(`Rolled back: ${dir} is live (no publisher was running)`);
}

main().catch((error: unknown) => {
  console.error(`rollback: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
