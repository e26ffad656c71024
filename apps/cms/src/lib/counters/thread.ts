/**
 * The counters' own thread (a worker thread of the CMS process, started by thread-host.ts): it keeps the
 * counters' store and answers every hit, on its own port (COUNTER_PORT) and for the CMS's `/counter` route
 * alike. Readers' hits thus never wait behind the dashboard's work on the main thread — building an
 * editor's permissions, sanitising a list, a synchronous SQLite query hold it 20–30 ms at a time — and the
 * dashboard never waits behind thousands of hits a second. The database stays the main thread's: this
 * thread asks it (thread-messages.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { responseCache } from '../response-cache';
import type { CounterDatabase } from './database';
import { MemoryCounterStore } from './memory-store';
import { RedisCounterStore } from './redis-store';
import { counterRequests, HIT_PATH, STATS_PATH, type BodyRead, type CounterReply, type CounterRequest } from './requests';
import { Counters } from './service';
import { counterSettings } from './settings';
import type { DatabaseCall, FromThread, ThreadStart, ToThread } from './thread-messages';

const port = parentPort!;
const start = workerData as ThreadStart;
const send = (message: FromThread) => port.postMessage(message);
const log = {
  info: (message: string) => send({ type: 'log', level: 'info', message }),
  warn: (message: string) => send({ type: 'log', level: 'warn', message }),
  error: (message: string) => send({ type: 'log', level: 'error', message }),
};

let nextCall = 0;
const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

/** Asks the main thread to run one of the counters' database calls. */
function ask<Op extends DatabaseCall['op']>(op: Op, args: Extract<DatabaseCall, { op: Op }>['args']): ReturnType<CounterDatabase[Op]> {
  const id = ++nextCall;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
    send({ type: 'db', id, op, args } as FromThread);
  }) as ReturnType<CounterDatabase[Op]>;
}

const database: CounterDatabase = {
  publishedArticle: (documentId) => ask('publishedArticle', [documentId]),
  readTotals: (names) => ask('readTotals', [names]),
  writeIncrements: (increments) => ask('writeIncrements', [increments]),
  mostRead: (days, limit) => ask('mostRead', [days, limit]),
};

const settings = counterSettings();
const store = settings.redisUrl ? new RedisCounterStore(settings.redisUrl, settings.redisPrefix) : new MemoryCounterStore();
const shared = start.generation ? new Int32Array(start.generation) : undefined;
const cache = shared ? undefined : responseCache((message) => log.warn(message));
const generation = shared ? () => Promise.resolve(String(Atomics.load(shared, 0))) : () => cache!.store.generation();
const counters = new Counters(database, store, settings, generation, log);
const requests = counterRequests(counters, start.proxy, log);

/** Reads a hit's body from the counters' own port, stopping at `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve({ status: 413 });
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => resolve({ status: 400 }));
  });
}

function write(res: ServerResponse, method: string, reply: CounterReply): void {
  const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { ...reply.headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

const server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://counter');
  } catch {
    write(res, method, {
      status: 400,
      headers: { 'Cache-Control': 'no-store' },
      body: { error: { status: 400, message: 'Malformed request target' } },
    });
    return;
  }
  if (url.pathname !== HIT_PATH && url.pathname !== STATS_PATH) {
    const message = `Only ${HIT_PATH} and ${STATS_PATH} are served here (docs/counters.md)`;
    write(res, method, { status: 404, headers: { 'Cache-Control': 'no-store' }, body: { error: { status: 404, message } } });
    return;
  }
  const request: CounterRequest = {
    method,
    path: url.pathname,
    query: url.search.slice(1),
    headers: req.headers,
    forwardedFor: req.headersDistinct['x-forwarded-for'],
    socketAddress: req.socket.remoteAddress,
  };
  requests
    .handle(request, () => readBody(req, settings.maxBodyBytes))
    .then(
      (reply) => {
        // A body left unread (refused before reading, or cut at the limit) makes the connection unusable.
        if (!req.complete) reply.headers.Connection = 'close';
        write(res, method, reply);
      },
      (error: Error) => {
        log.error(`Counters: ${error.message}`);
        write(res, method, {
          status: 500,
          headers: { 'Cache-Control': 'no-store' },
          body: { error: { status: 500, message: 'The counter failed' } },
        });
      },
    );
});

async function close(): Promise<void> {
  // No new connections; hits that still arrive on open ones are refused (503) by the closed counters.
  server.close();
  server.closeIdleConnections();
  await counters.close();
  await requests.close();
  await cache?.close();
  server.closeAllConnections();
  send({ type: 'closed' });
}

port.on('message', (message: ToThread) => {
  if (message.type === 'request') {
    const { id, request, body } = message;
    void requests
      .handle(request, () => Promise.resolve(body ?? { status: 400 }))
      .then(
        (reply) => send({ type: 'reply', id, reply }),
        (error: Error) => send({ type: 'reply', id, reply: { status: 500, headers: {}, body: { error: { status: 500, message: error.message } } } }),
      );
  } else if (message.type === 'db-result') {
    const call = calls.get(message.id);
    calls.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(new Error(message.message));
  } else if (message.type === 'listen') {
    if (start.port !== null) listen(start.port);
  } else if (message.type === 'close') {
    void close();
  }
});

/** The counters' own port, once the CMS serves (a command that only loads Strapi opens none). */
function listen(on: number): void {
  server.once('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${on} is in use` : error.message;
    send({ type: 'failed', message: `The counters could not listen on ${start.host}:${on} (COUNTER_PORT): ${reason}` });
  });
  server.listen(on, start.host, () => {
    const address = server.address();
    send({ type: 'listening', port: typeof address === 'object' && address ? address.port : on });
  });
}

counters.start();
send({ type: 'ready', store: store.kind });
