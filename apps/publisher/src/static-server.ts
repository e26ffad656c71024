import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

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

/**
 * Cache policy: Astro's hashed assets (/_astro/) and CMS media (file names carry a content hash) never
 * change, so browsers keep them a year; HTML and everything else is revalidated on every visit.
 */
export function cacheControl(urlPath: string): string {
  return /^\/(_astro|media)\//.test(urlPath) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
}

/** The file a URL path maps to inside `root`, or null when it would leave `root`. */
export function resolvePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function fileFor(root: string, urlPath: string): Promise<{ file: string; size: number; mtime: Date } | null> {
  const candidate = resolvePath(root, urlPath);
  if (!candidate) return null;
  for (const file of urlPath.endsWith('/') ? [path.join(candidate, 'index.html')] : [candidate, path.join(candidate, 'index.html')]) {
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      // A symlink inside the site must not lead outside it.
      const real = await realpath(file);
      const realRoot = await realpath(root);
      if (!real.startsWith(realRoot + path.sep)) return null;
      return { file, size: info.size, mtime: info.mtime };
    } catch {
      // try the next candidate
    }
  }
  return null;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, found: { file: string; size: number; mtime: Date }, urlPath: string) {
  const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`;
  res.setHeader('content-type', TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('cache-control', status === 200 ? cacheControl(urlPath) : 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  if (status === 200) {
    res.setHeader('etag', etag);
    res.setHeader('last-modified', found.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
  }
  res.setHeader('content-length', found.size);
  res.writeHead(status);
  if (req.method === 'HEAD') res.end();
  else createReadStream(found.file).pipe(res);
}

/**
 * Serves a built static site from `root()` (a function, so that a publisher can switch releases under a
 * running server): correct content types, the site's own 404 page, long caching for hashed files only.
 */
export function createStaticServer(root: () => string): Server {
  return createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      const base = root();
      // Directory URLs without their slash get one, as links in the site always have it.
      const found = await fileFor(base, urlPath);
      if (found) {
        if (!urlPath.endsWith('/') && found.file.endsWith(`${path.sep}index.html`) && !urlPath.endsWith('index.html')) {
          res.writeHead(301, { location: `${urlPath}/` }).end();
          return;
        }
        send(res, req, 200, found, urlPath);
        return;
      }
      const notFound = await fileFor(base, '/404.html');
      if (notFound) send(res, req, 404, notFound, urlPath);
      else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy trang');
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Lỗi máy chủ');
    }
  });
}
