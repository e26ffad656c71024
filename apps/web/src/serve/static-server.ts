import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../lib/security-headers';
import { counterOrigin } from '../lib/site/paths';
import { openSiteFile, type SiteFile, type SiteRoot } from './site-files';

export { RELEASE_LAYERS, resolvePath, type SiteRoot } from './site-files';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** The site's security headers (CSP and the rest), constant per server: see web's security-headers.ts. */
type Headers = { page: Array<[string, string]>; xml: Array<[string, string]> };

function setSecurityHeaders(res: ServerResponse, headers: Headers, xml = false): void {
  for (const [name, value] of xml ? headers.xml : headers.page) res.setHeader(name, value);
}

/** What a reader sees when a file of the site exists but cannot be read. */
const READ_FAILED = 'Lỗi máy chủ: không đọc được trang này. Vui lòng thử lại sau.';

/**
 * The paths whose files never change: Astro's hashed assets (/_astro/), CMS media (file names carry a
 * content hash) and the search index's folders (/_search/base-<id>/, /_search/recent-<id>/: named by their
 * records and the code that wrote them, search-update.ts). Exactly these shapes, lower-case hex of 12 digits:
 * anything else is revalidated.
 */
const IMMUTABLE_PATH = /^\/(?:_astro|media|_search\/(?:base|recent)-[0-9a-f]{12})\//;

/**
 * Cache policy: the files under IMMUTABLE_PATH are kept a year by browsers and CDNs; HTML and everything
 * else (the search index's recent.json and engine.js included) is revalidated on every visit.
 */
export function cacheControl(urlPath: string): string {
  return IMMUTABLE_PATH.test(urlPath) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
}

function plainText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(text);
}

/**
 * Ends this one response after a failure, never the process: a 500 while nothing was sent yet,
 * otherwise the connection is cut (the reader's browser sees an incomplete response, not a wrong one).
 */
function fail(res: ServerResponse, error: unknown, what: string): void {
  console.error(`Serving ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const name of ['content-length', 'etag', 'last-modified']) res.removeHeader(name);
  plainText(res, 500, READ_FAILED);
}

/** Closes a file that will not be streamed; a failing close must not become an unhandled rejection. */
function closeQuietly(found: SiteFile): void {
  found.handle.close().catch(() => undefined);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, found: SiteFile, urlPath: string, headers: Headers): void {
  const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`;
  const extension = path.extname(found.file).toLowerCase();
  res.setHeader('content-type', TYPES[extension] ?? 'application/octet-stream');
  if (extension === '.xml') setSecurityHeaders(res, headers, true);
  res.setHeader('cache-control', status === 200 ? cacheControl(urlPath) : 'no-store');
  if (status === 200) {
    res.setHeader('etag', etag);
    res.setHeader('last-modified', found.mtime.toUTCString());
  }
  const notModified = status === 200 && req.headers['if-none-match'] === etag;
  if (notModified || req.method === 'HEAD') {
    closeQuietly(found);
    if (notModified) res.writeHead(304).end();
    else res.writeHead(status, { 'content-length': found.size }).end();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-length', found.size);
  // Headers go out with the first chunk: a file that fails on its first read still gets a clean 500.
  const stream = found.handle.createReadStream();
  stream.on('error', (error) => fail(res, error, found.file));
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

export type StaticServerOptions = {
  /** `root()` is a publisher's release (its layers: site-files.ts), not a plain folder. */
  release?: boolean;
  /** Where the pages send their view counts (counterUrl of lib/site/paths.ts): the CSP lets them connect there. */
  counterUrl?: string;
};

/** What a static server does with one request: answers it from the files under `root()`, whatever fails. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The static server's request handler alone, for a server that serves a site's files beside its own routes.
 * `root()` is read per request, so that a publisher can switch releases under a running server.
 */
export function createStaticHandler(root: () => string, options: StaticServerOptions = {}): StaticHandler {
  const counter = options.counterUrl === undefined ? undefined : counterOrigin(options.counterUrl);
  const connectTo = counter ? [counter] : [];
  const headers: Headers = {
    page: Object.entries(securityHeaders({ connectTo })),
    xml: Object.entries(securityHeaders({ xml: true })),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res, headers);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        plainText(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      const base: SiteRoot = { dir: root(), layered: options.release ?? false };
      const found = await openSiteFile(base, urlPath);
      if (found) {
        // Directory URLs without their slash get one, as links in the site always have it.
        if (!urlPath.endsWith('/') && found.file.endsWith(`${path.sep}index.html`) && !urlPath.endsWith('index.html')) {
          closeQuietly(found);
          res.writeHead(301, { location: `${urlPath}/` }).end();
          return;
        }
        send(res, req, 200, found, urlPath, headers);
        return;
      }
      const notFound = await openSiteFile(base, '/404.html');
      if (notFound) send(res, req, 404, notFound, urlPath, headers);
      else plainText(res, 404, 'Không tìm thấy trang');
    } catch (error) {
      fail(res, error, req.url ?? '/');
    }
  };
  // handle answers its own failures (the catch above), so nothing waits on its promise.
  return (req, res) => void handle(req, res);
}

/**
 * Serves a built static site from `root()` (a function, so that a publisher can switch releases under a
 * running server): correct content types, the site's own 404 page, long caching for hashed files only,
 * the site's security headers on every response. A failure ends its own response, never the server.
 */
export function createStaticServer(root: () => string, options: StaticServerOptions = {}): Server {
  return createServer(createStaticHandler(root, options));
}
