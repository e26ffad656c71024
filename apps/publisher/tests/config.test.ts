import path from 'node:path';
import { REPO_ROOT } from '@portal/env';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

const SECRET = 'un-secret-de-test-assez-long';
const cwd = process.cwd();

afterEach(() => process.chdir(cwd));

describe('loadConfig', () => {
  it('resolves relative paths against the repository root, whatever folder the command runs in', () => {
    for (const folder of [REPO_ROOT, path.join(REPO_ROOT, 'apps', 'publisher'), '/tmp']) {
      process.chdir(folder);
      const config = loadConfig({
        PUBLISH_WEBHOOK_SECRET: SECRET,
        RELEASES_DIR: 'apps/publisher/data/releases',
        WEB_MEDIA_CACHE: 'cache/media',
        WEB_DIR: 'apps/web',
      });
      expect(config.releasesDir, folder).toBe(path.join(REPO_ROOT, 'apps', 'publisher', 'data', 'releases'));
      expect(config.mediaCacheDir, folder).toBe(path.join(REPO_ROOT, 'cache', 'media'));
      expect(config.webDir, folder).toBe(path.join(REPO_ROOT, 'apps', 'web'));
    }
  });

  it('keeps absolute paths, and has defaults inside the repository', () => {
    const config = loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, RELEASES_DIR: '/srv/releases' });
    expect(config.releasesDir).toBe('/srv/releases');
    expect(loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET }).mediaCacheDir).toBe(path.join(REPO_ROOT, 'apps', 'publisher', 'data', 'media-cache'));
  });

  it('downloads media from the CMS alone, or also from the bucket of S3_PUBLIC_URL or MEDIA_ORIGINS', () => {
    expect(loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET }).mediaOrigins).toEqual([]);
    expect(loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, S3_PUBLIC_URL: 'http://localhost:9000/portal-uploads' }).mediaOrigins).toEqual([
      'http://localhost:9000',
    ]);
    const both = { PUBLISH_WEBHOOK_SECRET: SECRET, S3_PUBLIC_URL: 'http://localhost:9000/portal-uploads', MEDIA_ORIGINS: 'http://minio:9000' };
    expect(loadConfig(both).mediaOrigins).toEqual(['http://minio:9000']);
    expect(() => loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, MEDIA_ORIGINS: 'http://minio:9000/portal-uploads' })).toThrow(/MEDIA_ORIGINS/);
  });

  it('takes PREVIEW_SECRET when it is long enough, and keeps the preview folder beside the releases', () => {
    expect(loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET }).previewSecret).toBeUndefined();
    const config = loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, PREVIEW_SECRET: 'p'.repeat(64), RELEASES_DIR: '/srv/site/releases' });
    expect(config.previewSecret).toBe('p'.repeat(64));
    expect(config.previewDir).toBe('/srv/site/preview');
    expect(() => loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, PREVIEW_SECRET: 'short' })).toThrow(/PREVIEW_SECRET/);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => loadConfig({})).toThrow(/PUBLISH_WEBHOOK_SECRET/);
    expect(() => loadConfig({ PUBLISH_WEBHOOK_SECRET: SECRET, PUBLISHER_PORT: 'abc' })).toThrow(/PUBLISHER_PORT/);
  });
});
