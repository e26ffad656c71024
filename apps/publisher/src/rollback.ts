/**
 * `pnpm --filter publisher rollback`: makes the previous release live. Asks the running publisher
 * (so its status page knows); when none runs, switches the `current` link itself.
 */
import { SECRET_HEADER } from './auth';
import { loadConfig } from './config';
import { createReleases } from './releases';

async function main() {
  const config = loadConfig();
  try {
    const response = await fetch(`http://127.0.0.1:${config.controlPort}/rollback`, {
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
