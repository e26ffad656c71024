import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SECRET_HEADER, secretMatches, WEBHOOK_PATH } from './auth';
import { addEvent, BadEventError, noWork, parseEvent } from './events';
import type { Preview } from './preview';
import type { Publisher } from './publisher';
import { statusHtml } from './status-page';

/** Webhook bodies above this size are refused: Strapi's events are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function requireSecret(req: IncomingMessage, secret: string): void {
  if (!secretMatches(req.headers[SECRET_HEADER], secret)) {
    throw new HttpError(401, `Missing or wrong ${SECRET_HEADER} header`);
  }
}

async function receiveHook(req: IncomingMessage, res: ServerResponse, publisher: Publisher, secret: string) {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  requireSecret(req, secret);
  const text = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body is not JSON');
  }
  let event;
  try {
    event = parseEvent(body);
  } catch (error) {
    if (error instanceof BadEventError) throw new HttpError(400, error.message);
    throw error;
  }
  // Answer first; the build happens after the debounce, never inside the request.
  json(res, 202, { accepted: true, event: event.event });
  publisher.enqueue(addEvent(noWork(), event));
}

/**
 * The publisher's own HTTP surface (:4322): the CMS webhook, build status for editors (JSON and a small
 * HTML page), rollback, and the editors' preview (`/preview/…` and the files its pages load: preview.ts).
 * Every bad request gets a status code and a message, never a crash.
 */
export function createControlServer(publisher: Publisher, secret: string, preview?: Preview): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'POST' && url.pathname === WEBHOOK_PATH) return await receiveHook(req, res, publisher, secret);
      if (req.method === 'GET' && url.pathname === '/status') return json(res, 200, await publisher.status());
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(statusHtml(await publisher.status()));
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && preview?.serves(url.pathname)) return await preview.answer(req, res, url);
      if (req.method === 'POST' && url.pathname === '/rollback') {
        requireSecret(req, secret);
        const release = await publisher.rollback();
        return release
          ? json(res, 200, { live: (await publisher.status()).live })
          : json(res, 409, { error: 'There is no earlier release to roll back to' });
      }
      throw new HttpError(404, 'Not found');
    } catch (error) {
      if (res.headersSent) return res.end();
      if (error instanceof HttpError) return json(res, error.status, { error: error.message });
      json(res, 500, { error: 'Internal error' });
    }
  };
  // handle answers its own failures (the catch above), so nothing waits on its promise.
  return createServer((req, res) => void handle(req, res));
}
