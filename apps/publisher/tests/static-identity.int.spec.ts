import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEB_PACKAGE_DIR } from 'web/site';
import { differences, releaseFiles } from './helpers/compare';
import { publisherDirs, startPublisher, type PublisherDirs } from './helpers/publisher';

let cms: CmsProcess;
let dirs: PublisherDirs;

/** `pnpm --filter web build` as the site runs it (its scripts/build.ts), from the test CMS into `dist`. */
function staticBuild(dist: string, mediaCache: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(WEB_PACKAGE_DIR, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], {
      cwd: WEB_PACKAGE_DIR,
      env: { ...process.env, CMS_URL: cms.url, WEB_DIST: dist, WEB_MEDIA_CACHE: mediaCache, SITE_URL: 'http://localhost:4321' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

beforeAll(async () => {
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite');
  dirs = await publisherDirs();
});

afterAll(async () => {
  await cms?.stop();
  if (dirs) await rm(path.dirname(dirs.releasesDir), { recursive: true, force: true });
});

describe("the publisher's renderer", () => {
  it('writes the same files as the static build, byte for byte', async () => {
    const dist = path.join(path.dirname(dirs.releasesDir), 'dist');
    const build = await staticBuild(dist, path.join(path.dirname(dirs.releasesDir), 'static-media'));
    expect(build.code, build.output.slice(-3000)).toBe(0);
    // Every page of the demo content, its media and the search index: nothing compared is empty.
    expect((await releaseFiles(dist)).size).toBeGreaterThan(100);

    const publisher = await startPublisher(cms.url, dirs);
    try {
      const status = await publisher.waitFor((s) => s.lastBuild !== null);
      expect(status.lastBuild?.result, publisher.output().slice(-3000)).toBe('success');
      expect(await differences(dist, path.join(dirs.releasesDir, status.live.release!))).toEqual([]);
    } finally {
      await publisher.stop();
    }
  });
});
