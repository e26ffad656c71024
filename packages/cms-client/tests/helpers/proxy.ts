import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP proxy in front of the real CMS that watches what the client sends. */
export type Proxy = {
  url: string;
  /** Requests received so far, failed ones included. */
  readonly requests: number;
  /** The most requests it ever had in flight at once. */
  readonly maxInFlight: number;
  /** The status of every answer forwarded from the CMS, in order. */
  readonly statuses: readonly number[];
  close: () => Promise<void>;
};

export type ProxyOptions = {
  /** Answer the first N requests with `failStatus` instead of forwarding them. */
  failFirst?: number;
  failStatus?: number;
  /** Hold each request this long before forwarding it, so that concurrent requests really overlap. */
  delayMs?: number;
};

/** Starts a proxy to `target` on a free port of 127.0.0.1. */
export async function startProxy(target: string, options: ProxyOptions = {}): Promise<Proxy> {
  const { failFirst = 0, failStatus = 503, delayMs = 0 } = options;
  const upstream = new URL(target);
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0, statuses: [] as number[] };

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const proxied = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        stats.statuses.push(answer.statusCode ?? 502);
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  };

  const server = createServer((incoming, outgoing) => {
    stats.requests += 1;
    if (stats.requests <= failFirst) {
      incoming.resume();
      outgoing.writeHead(failStatus, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
      return;
    }
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    outgoing.on('close', () => (stats.inFlight -= 1));
    setTimeout(() => forward(incoming, outgoing), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return stats.requests;
    },
    get maxInFlight() {
      return stats.maxInFlight;
    },
    get statuses() {
      return stats.statuses;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
