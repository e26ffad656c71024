import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { CdnPurge, type PurgeOutcome, type PurgeSettings } from '../src/purge';

/** A real HTTP endpoint answering each purge with the next status of `answers` (the last one repeats). */
async function endpoint(answers: number[], delayMs = 0) {
  const calls: Array<{ body: unknown; authorization: string | undefined; at: number }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      calls.push({ body: JSON.parse(text) as unknown, authorization: req.headers.authorization, at: Date.now() });
      const status = answers[Math.min(calls.length - 1, answers.length - 1)];
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`, calls };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function purger(settings: Partial<PurgeSettings> & { url: string }) {
  const outcomes: PurgeOutcome[] = [];
  const lines: string[] = [];
  let settle: (() => void) | undefined;
  const purge = new CdnPurge(
    { token: undefined, retries: 2, backoffMs: 50, timeoutMs: 2000, ...settings },
    {
      ended: (outcome) => {
        outcomes.push(outcome);
        settle?.();
      },
      log: (line) => lines.push(line),
    },
  );
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      settle = () => outcomes.length >= count && resolve();
      settle();
    });
  return { purge, outcomes, lines, next };
}

describe('CdnPurge', () => {
  it('posts the paths and the release with the bearer token, and returns before the request is sent', async () => {
    const server = await endpoint([200]);
    const { purge, outcomes, next } = purger({ url: server.url, token: 'cdn-token' });
    purge.request('20260101-000000000-001', ['/', '/bai-viet/a/']);
    expect(purge.busy).toBe(true);
    expect(server.calls).toHaveLength(0);
    await next(1);
    expect(server.calls.map(({ body, authorization }) => ({ body, authorization }))).toEqual([
      { body: { paths: ['/', '/bai-viet/a/'], release: '20260101-000000000-001' }, authorization: 'Bearer cdn-token' },
    ]);
    expect(outcomes[0]).toMatchObject({ result: 'success', attempts: 1, paths: 2, release: '20260101-000000000-001' });
    expect(purge.busy).toBe(false);
  });

  it('sends everything as "/*", and without a token no Authorization header', async () => {
    const server = await endpoint([200]);
    const { purge, next } = purger({ url: server.url });
    purge.request('r1', null);
    await next(1);
    expect(server.calls[0]).toMatchObject({ body: { paths: ['/*'], release: 'r1' }, authorization: undefined });
  });

  it('retries a 500 with growing waits and succeeds when the CDN recovers', async () => {
    const server = await endpoint([500, 503, 200]);
    const { purge, outcomes, lines, next } = purger({ url: server.url, retries: 3, backoffMs: 100 });
    purge.request('r1', ['/']);
    await next(1);
    expect(server.calls).toHaveLength(3);
    expect(server.calls[1].at - server.calls[0].at).toBeGreaterThanOrEqual(95);
    expect(server.calls[2].at - server.calls[1].at).toBeGreaterThanOrEqual(195);
    expect(outcomes[0]).toMatchObject({ result: 'success', attempts: 3 });
    expect(lines.filter((line) => line.includes('retrying'))).toHaveLength(2);
  });

  it('gives up after the retries with the last error; a refusal (4xx) is not retried', async () => {
    const failing = await endpoint([500]);
    const first = purger({ url: failing.url, retries: 2 });
    first.purge.request('r1', ['/']);
    await first.next(1);
    expect(failing.calls).toHaveLength(3);
    expect(first.outcomes[0]).toMatchObject({ result: 'failed', attempts: 3, error: 'HTTP 500 boom' });

    const refusing = await endpoint([401]);
    const second = purger({ url: refusing.url, retries: 2 });
    second.purge.request('r1', ['/']);
    await second.next(1);
    expect(refusing.calls).toHaveLength(1);
    expect(second.outcomes[0]).toMatchObject({ result: 'failed', attempts: 1, error: 'HTTP 401 boom' });
  });

  it('names an endpoint that is down or too slow', async () => {
    const down = await endpoint([200]);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const first = purger({ url: down.url, retries: 1 });
    first.purge.request('r1', ['/']);
    await first.next(1);
    expect(first.outcomes[0]).toMatchObject({ result: 'failed', attempts: 2 });
    expect(first.outcomes[0].error).toMatch(/^unreachable/);

    const slow = await endpoint([200], 1000);
    const second = purger({ url: slow.url, retries: 0, timeoutMs: 100 });
    second.purge.request('r1', ['/']);
    await second.next(1);
    expect(second.outcomes[0]).toMatchObject({ result: 'failed', error: 'no answer within 100 ms' });
  });

  it('merges the requests that arrive while one is sent into one, for the newest release', async () => {
    const server = await endpoint([200], 200);
    const { purge, outcomes, next } = purger({ url: server.url });
    purge.request('r1', ['/a/']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    purge.request('r2', ['/b/', '/']);
    purge.request('r3', ['/c/', '/']);
    await next(2);
    expect(server.calls.map((call) => call.body)).toEqual([
      { paths: ['/a/'], release: 'r1' },
      { paths: ['/b/', '/', '/c/'], release: 'r3' },
    ]);
    expect(outcomes.map((outcome) => outcome.release)).toEqual(['r1', 'r3']);
    // When idle the first goes out at once; "everything" swallows the paths waiting with it.
    purge.request('r4', ['/d/']);
    purge.request('r5', ['/e/']);
    purge.request('r6', null);
    await next(4);
    expect(server.calls.slice(2).map((call) => call.body)).toEqual([
      { paths: ['/d/'], release: 'r4' },
      { paths: ['/*'], release: 'r6' },
    ]);
  });
});

describe('purge settings', () => {
  const base = { PUBLISH_WEBHOOK_SECRET: 'un-secret-de-test-assez-long' };

  it('are off without PURGE_URL, with defaults when it is set', () => {
    expect(loadConfig(base).purge).toBeUndefined();
    expect(loadConfig({ ...base, PURGE_URL: 'https://cdn.example/purge', PURGE_TOKEN: ' t ' }).purge).toEqual({
      url: 'https://cdn.example/purge',
      token: 't',
      retries: 3,
      backoffMs: 2000,
      timeoutMs: 10_000,
    });
  });

  it('refuse a PURGE_URL that is not http(s) and bad numbers, naming the variable', () => {
    expect(() => loadConfig({ ...base, PURGE_URL: 'cdn.example/purge' })).toThrow(/PURGE_URL must be an http\(s\) URL/);
    expect(() => loadConfig({ ...base, PURGE_URL: 'ftp://cdn.example/purge' })).toThrow(/PURGE_URL/);
    expect(() => loadConfig({ ...base, PURGE_URL: 'https://cdn.example/', PURGE_RETRIES: 'many' })).toThrow(/PURGE_RETRIES/);
    expect(() => loadConfig({ ...base, PURGE_URL: 'https://cdn.example/', PURGE_TIMEOUT_MS: '0' })).toThrow(/PURGE_TIMEOUT_MS/);
  });
});
