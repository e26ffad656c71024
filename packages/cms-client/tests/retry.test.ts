import { ClientError } from 'graphql-request';
import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, isTransient, isUnreachable, MAX_RETRY_AFTER_MS, retryAfterMs, withRetries } from '../src/retry';

const policy = { retries: 4, baseMs: 250, maxMs: 2_000 };

/** What graphql-request throws for an HTTP answer that carries no data. */
function httpError(status: number, messages: string[] = [], headers: Record<string, string> = {}): ClientError {
  return new ClientError(
    { status, headers: new Headers(headers), body: '', errors: messages.map((message) => ({ message })) as never },
    { query: 'query X { x }' },
  );
}

/** What Node's fetch throws when a connection fails: `TypeError: fetch failed` with the socket error as cause. */
function socketError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('backoffDelay', () => {
  it('doubles from baseMs, keeps between half and all of it, and stops growing at maxMs', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([250, 500, 1_000, 2_000]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([125, 250, 500, 1_000]);
    expect(backoffDelay(10, policy, () => 1)).toBe(2_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(1_000);
  });

  it('spreads delays with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(2, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(500);
  });
});

describe('isTransient and isUnreachable', () => {
  it.each([429, 502, 503, 504])('retry HTTP %i', (status) => {
    expect(isTransient(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 500])('never retry HTTP %i', (status) => {
    expect(isTransient(httpError(status))).toBe(false);
  });

  it('never retries GraphQL errors: a validation error is the same on every attempt', () => {
    expect(isTransient(httpError(400, ['Cannot query field "nope" on type "Article".']))).toBe(false);
    expect(isTransient(httpError(200, ['Forbidden access']))).toBe(false);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'])('retries %s', (code) => {
    expect(isTransient(socketError(code))).toBe(true);
    expect(isUnreachable(socketError(code))).toBe(true);
  });

  it('finds the code inside an AggregateError (localhost resolving to ::1 and 127.0.0.1)', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new TypeError('fetch failed', { cause: new AggregateError([refused('::1'), refused('127.0.0.1')]) });
    expect(isTransient(error)).toBe(true);
  });

  it('retries its own timeouts', () => {
    expect(isTransient(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(true);
  });

  it('does not retry programming errors', () => {
    expect(isTransient(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isTransient('a string')).toBe(false);
  });

  it('calls a CMS unreachable after gateway errors, not after rate limiting or bad requests', () => {
    expect(isUnreachable(httpError(503))).toBe(true);
    expect(isUnreachable(httpError(429))).toBe(false);
    expect(isUnreachable(httpError(400))).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs(httpError(429, [], { 'retry-after': '7' }), now)).toBe(7_000);
    expect(retryAfterMs(httpError(503, [], { 'retry-after': 'Tue, 01 Dec 2026 10:00:30 GMT' }), now)).toBe(30_000);
    for (const value of ['', 'soon', '-5', '1.5']) expect(retryAfterMs(httpError(429, [], { 'retry-after': value }), now), value).toBeUndefined();
    expect(retryAfterMs(httpError(429), now)).toBeUndefined();
    expect(retryAfterMs(socketError('ECONNRESET'), now)).toBeUndefined();
  });
});

describe('withRetries', () => {
  const noWait = vi.fn<(ms: number) => Promise<void>>(() => Promise.resolve());

  it('waits at least as long as Retry-After says, and not at all for a server asking for more than a minute', async () => {
    noWait.mockClear();
    const attempt = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(429, [], { 'retry-after': '3' }))
      .mockResolvedValue('data');
    await expect(withRetries(attempt, policy, noWait)).resolves.toBe('data');
    expect(noWait.mock.calls[0][0]).toBeGreaterThanOrEqual(3_000);
    const tooLong = vi.fn(() => Promise.reject(httpError(429, [], { 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) })));
    await expect(withRetries(tooLong, policy, noWait)).rejects.toBeInstanceOf(ClientError);
    expect(tooLong).toHaveBeenCalledTimes(1);
  });

  it('tries again after transient failures, waiting longer each time', async () => {
    noWait.mockClear();
    const attempt = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(503))
      .mockRejectedValueOnce(socketError('ECONNRESET'))
      .mockResolvedValue('data');
    await expect(withRetries(attempt, policy, noWait)).resolves.toBe('data');
    expect(attempt).toHaveBeenCalledTimes(3);
    const [first, second] = noWait.mock.calls.map(([ms]) => ms);
    expect(first).toBeGreaterThanOrEqual(125);
    expect(first).toBeLessThanOrEqual(250);
    expect(second).toBeGreaterThanOrEqual(250);
    expect(second).toBeLessThanOrEqual(500);
  });

  it('gives up after `retries` retries with the last error', async () => {
    const attempt = vi.fn(() => Promise.reject(httpError(503)));
    await expect(withRetries(attempt, { ...policy, retries: 2 }, noWait)).rejects.toBeInstanceOf(ClientError);
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('throws a non-transient error at once', async () => {
    const attempt = vi.fn(() => Promise.reject(httpError(400, ['Syntax Error'])));
    await expect(withRetries(attempt, policy, noWait)).rejects.toThrow('Syntax Error');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
