import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, prepareCmsTemplate, startCmsProcess } from 'cms/testing/setup';
import type { TestProject } from 'vitest/node';
import { addHostileContent } from './helpers/hostile-content';
import { runSiteBuild } from './helpers/site-build';

/**
 * Once per run: a real CMS seeded with the demo content plus one article (with its author and category)
 * full of over-long words, and a real build of the site from it. The integration and browser tests read
 * and serve that build; the CMS keeps running for tests that need it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { template, cleanup } = await prepareCmsTemplate('sqlite', { reuse: true });
  const sitePort = await freePort();
  const cms = await startCmsProcess(template, 'sqlite', { COUNTER_ORIGINS: `http://127.0.0.1:${sitePort}`, COUNTER_FLUSH_MS: '200' });
  const hostile = await addHostileContent(cms.url, cms.token).catch(async (error: unknown) => {
    await cms.stop();
    await cleanup();
    throw error;
  });
  const work = await mkdtemp(path.join(tmpdir(), 'web-test-'));
  const dist = path.join(work, 'dist');
  const mediaCache = path.join(work, 'media-cache');
  const build = await runSiteBuild({ CMS_URL: cms.url, WEB_DIST: dist, WEB_MEDIA_CACHE: mediaCache, SITE_URL: 'http://localhost:4321' });
  if (build.code !== 0) {
    await cms.stop();
    await cleanup();
    throw new Error(`The site build failed:\n${build.output.slice(-4000)}`);
  }
  project.provide('site', { cmsUrl: cms.url, dist, mediaCache, hostile, sitePort });
  // For tests that start a CMS of their own from the same seeded database (media-s3.int.spec.ts).
  project.provide('cmsTemplate', template);
  return async () => {
    await cms.stop();
    await cleanup();
    await rm(work, { recursive: true, force: true });
  };
}
