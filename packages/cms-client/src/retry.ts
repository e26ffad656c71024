import { ClientError } from 'graphql-request';

/** How often and how patiently a request is tried again after a transient failure. */
export type RetryPolicy = {
  /** Attempts after the first one. */
  retries: number;
  /** The delay before the first retry; it doubles for each next one. */
  baseMs: number;
  /** The longest delay between two attempts. */
  maxMs: number;
};

/** Answers of a proxy or a CMS that is starting, restarting or overloaded: the same request may succeed later. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Answers of gateways in front of a CMS that is not running. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);
/** Socket-level failures (Node and undici codes): nothing, or nothing complete, came back. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * The delay before retry number `attempt` (0-based): baseMs × 2^attempt capped at maxMs, of which a random
 * half is dropped ("equal jitter") so that many builds failing together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** The HTTP status of a failed request, when the server answered at all. */
export function httpStatus(error: unknown): number | undefined {
  return error instanceof ClientError ? error.response.status : undefined;
}

function errorCodes(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const code = (error as { code?: unknown }).code;
  const own = typeof code === 'string' ? [code] : [];
  // undici wraps socket errors as `TypeError: fetch failed` with the cause (an AggregateError for
  // a host with several addresses, such as localhost → ::1 and 127.0.0.1).
  const nested = error instanceof AggregateError ? error.errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...errorCodes(error.cause)];
}

/** No usable HTTP response: a refused or reset connection, an unknown host, or our own timeout. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  return errorCodes(error).some((code) => NETWORK_CODES.has(code));
}

/** Worth trying again: a network failure, or 429/502/503/504. Never a 4xx or a GraphQL error. */
export function isTransient(error: unknown): boolean {
  const status = httpStatus(error);
  return status === undefined ? isNetworkError(error) : TRANSIENT_STATUSES.has(status);
}

/** After the retries, this failure means the CMS itself is not there (rather than a bad request). */
export function isUnreachable(error: unknown): boolean {
  const status = httpStatus(error);
  return status === undefined ? isNetworkError(error) : GATEWAY_STATUSES.has(status);
}

/** Longest Retry-After the client waits out; a server asking for more is not waited for. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long the server asked to wait before the next attempt (a 429's or 503's Retry-After, in seconds or
 * as an HTTP date), or undefined when it did not say or said something unreadable.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof ClientError)) return undefined;
  const headers = error.response.headers as Headers | undefined;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after')?.trim() : undefined;
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date (`Tue, 01 Dec 2026 10:00:30 GMT`); V8 would also read "-5" or "1.5" as dates.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`, and again after a backoff delay while it fails transiently, at most `retries` more times.
 * When the server says how long to wait (Retry-After, as the CMS's rate limits do), the wait is at least
 * that; a server asking for more than MAX_RETRY_AFTER_MS gets its error back at once rather than a client
 * that hangs.
 */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, wait = sleep): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= policy.retries || !isTransient(error)) throw error;
      const asked = retryAfterMs(error);
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) throw error;
      await wait(Math.max(backoffDelay(retry, policy), asked ?? 0));
    }
  }
}
