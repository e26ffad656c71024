import { cp, mkdtemp, realpath, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startCmsProcess, type CmsProcess, type CmsTemplate } from 'cms/testing/setup';
import { createReleases, type Releases } from '../../src/releases';
import { startNginx, type RunningNginx } from './nginx';
import { freePort, publisherDirs, SECRET, startPublisher, type RunningPublisher } from './publisher';

/**
 * The production shape on one machine: a real CMS (behind a proxy: IS_PROXIED=true, one proxy), the real
 * publisher (its first full build, its control server), and nginx running deploy/nginx in front of both,
 * on one loopback port for the two names. The site nginx serves is a releases folder of the test's own
 * (`releases`, managed with the publisher's releases.ts), starting with a copy of the publisher's first
 * build, so a test can switch releases under nginx without racing the publisher.
 */
export const SITE_HOST = 'www.binhan.test';
export const CMS_HOST = 'cms.binhan.test';
export const PREVIEW_SECRET = 'preview-secret-of-the-nginx-test-0123456789';

export type NginxStack = {
  port: number;
  /** http://www.binhan.test:<port> and http://cms.binhan.test:<port>, as browsers (with a host mapping) reach them. */
  siteOrigin: string;
  cmsOrigin: string;
  cms: CmsProcess;
  publisher: RunningPublisher;
  nginx: RunningNginx;
  releases: Releases;
  /** The first release nginx serves (a copy of the publisher's first build). */
  first: string;
  stop: () => Promise<void>;
};

export async function startNginxStack(template: CmsTemplate, cmsEnv: Record<string, string> = {}): Promise<NginxStack> {
  const port = await freePort();
  const controlPort = await freePort();
  const siteOrigin = `http://${SITE_HOST}:${port}`;
  const cmsOrigin = `http://${CMS_HOST}:${port}`;
  const cms = await startCmsProcess(template, 'sqlite', {
    IS_PROXIED: 'true',
    TRUSTED_PROXY_COUNT: '1',
    SITE_URL: siteOrigin,
    COUNTER_ORIGINS: siteOrigin,
    PUBLISHER_URL: `http://127.0.0.1:${controlPort}`,
    PUBLISH_WEBHOOK_SECRET: SECRET,
    PREVIEW_SECRET,
    PREVIEW_URL: `${cmsOrigin}/preview`,
    ...cmsEnv,
  });
  let publisher: RunningPublisher | undefined;
  let nginx: RunningNginx | undefined;
  const work = await mkdtemp(path.join(tmpdir(), 'nginx-site-'));
  const stop = async () => {
    await nginx?.stop();
    await publisher?.stop();
    await cms.stop();
    await rm(work, { recursive: true, force: true });
  };
  try {
    // The production settings of the pages: counted on their own origin, /counter, which nginx proxies. The
    // publisher reads with an API token (as in production), so none of its reads count against a reader's limit.
    publisher = await startPublisher(
      cms.url,
      await publisherDirs(),
      { CMS_TOKEN: cms.token, SITE_URL: siteOrigin, COUNTER_URL: '/counter', CMS_PUBLIC_URL: cmsOrigin, PREVIEW_SECRET },
      controlPort,
    );
    await publisher.waitFor((status) => status.lastBuild?.result === 'success');
    const releases = createReleases(path.join(work, 'releases'));
    const first = await releases.create();
    // verbatimSymlinks: the release's `base` link stays relative, to the copy's own tree.
    await cp(await realpath(path.join(publisher.releasesDir, 'current')), first, { recursive: true, verbatimSymlinks: true });
    await releases.publish(first);
    const cmsAddress = new URL(cms.url).host;
    nginx = await startNginx(
      {
        SITE_HOST,
        CMS_HOST,
        CMS_UPSTREAM: cmsAddress,
        // The counters' own port (COUNTER_PORT, their thread), as compose's cms:1338.
        COUNTER_UPSTREAM: new URL(cms.counterUrl!).host,
        PUBLISHER_UPSTREAM: `127.0.0.1:${controlPort}`,
        SITE_ROOT: path.join(releases.root, 'current'),
      },
      port,
    );
    return { port, siteOrigin, cmsOrigin, cms, publisher, nginx, releases, first, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer; text: string; compressedBytes: number };

export type RequestOptions = {
  host: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client's own address (127.0.0.1, 127.0.0.2…): each is another reader to nginx. */
  localAddress?: string;
};

/**
 * One request to 127.0.0.1:`port` with the given Host, on a connection of its own (so `localAddress`
 * holds); a gzip body is unpacked into `body`, its size on the wire kept in `compressedBytes`.
 */
export function send(port: number, target: string, options: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        headers: { host: options.host, ...options.headers },
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8'), compressedBytes: raw.length });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
