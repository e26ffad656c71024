/**
 * The publisher: serves the live release on :4321, takes the CMS webhook, shows build status and serves the
 * editors' preview on :4322, builds and publishes new releases. Starts with a full build; SIGTERM stops it cleanly. Reads the
 * repository's .env (exported variables win).
 */
import '@portal/env/load';
import path from 'node:path';
import { createCmsClient } from '@portal/cms-client';
import { createStaticServer } from 'web/site';
import { loadConfig } from './config';
import { noWork } from './events';
import { Preview } from './preview';
import { Publisher } from './publisher';
import { createControlServer } from './server';

async function main() {
  const config = loadConfig();
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const source = {
    cms: createCmsClient({ url: config.cmsUrl, token: config.cmsToken }),
    mediaCacheDir: config.mediaCacheDir,
    mediaOrigins: config.mediaOrigins,
  };
  const publisher = new Publisher({ ...config, source, buildEnv: process.env, log });
  await publisher.recover();

  // Every request goes through the `current` link, which a publish replaces in one rename.
  const site = createStaticServer(() => path.join(config.releasesDir, 'current'), { release: true, counterUrl: config.counterUrl });

  const preview = new Preview({
    secret: config.previewSecret,
    cmsUrl: config.cmsUrl,
    source,
    siteUrl: config.siteUrl,
    dashboardUrl: config.dashboardUrl,
    counterUrl: config.counterUrl,
    previewDir: config.previewDir,
    base: () => publisher.previewBase(),
    log,
  });
  await preview.reset();
  const control = createControlServer(publisher, config.secret, preview);
  await new Promise<void>((resolve) => site.listen(config.sitePort, config.siteHost, resolve));
  await new Promise<void>((resolve) => control.listen(config.controlPort, config.controlHost, resolve));
  log(`Site on http://localhost:${config.sitePort}, webhook and status on http://${config.controlHost}:${config.controlPort}`);

  // The first build at start-up is a full one: content may have changed while the publisher was down.
  publisher.enqueue({ ...noWork(), full: true, reasons: ['start-up'] });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: no new builds; waiting for the running one`);
    control.close();
    await publisher.stop(config.graceMs);
    site.close();
    log('Stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`publisher: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
