import autocannon from 'autocannon';

/** No run sends more than this, whatever its duration. */
export const MAX_REQUESTS = 200_000;

export type Figures = { requestsPerSecond: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

export type LoadOptions = {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds?: number;
  /** Changes each request before it is sent (a new user agent per hit, for instance). */
  setupRequest?: (request: { headers?: Record<string, string> }) => { headers?: Record<string, string> };
};

/** autocannon against one URL on 127.0.0.1, bounded in seconds and in requests. */
export async function load(url: string, options: LoadOptions = {}): Promise<Figures> {
  const result = await autocannon({
    url,
    method: (options.method ?? 'GET') as 'GET' | 'POST',
    body: options.body,
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections ?? 10,
    duration: options.seconds ?? 10,
    maxOverallRequests: MAX_REQUESTS,
    ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest as never }] } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export async function timed(run: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}
