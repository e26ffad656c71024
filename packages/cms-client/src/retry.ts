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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt`, and again after a backoff delay while it fails transiently, at most `retries` more times. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, wait = sleep): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= policy.retries || !isTransient(error)) throw error;
      await wait(backoffDelay(retry, policy));
    }
  }
}
