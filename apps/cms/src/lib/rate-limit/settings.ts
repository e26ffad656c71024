/**
 * The limiter's settings from the environment. An invalid value stops the start with the variable's name,
 * as the CORS settings do: a typo must not silently leave the API unlimited or limited to nothing.
 */
import { envInteger as integer } from '../env-integer';
import { redisSettings } from '../redis-settings';

/** A pair of quotas for one kind of caller, per window. */
export type Limits = {
  /** Requests per window. */
  requests: number;
  /** Cost units per window (see cost.ts): a page of 100 costs 4, an aliased read one more. */
  cost: number;
};

export type RateLimitSettings = {
  windowMs: number;
  anonymous: Limits;
  token: Limits;
  /** Redis shared by every CMS process; undefined: each process counts in memory. */
  redisUrl: string | undefined;
  /** Prefix of the limiter's Redis keys, so that several portals (or test runs) can share one Redis. */
  redisPrefix: string;
};

/** Highest limit accepted anywhere (env or a token's description). */
export const MAX_LIMIT = 1_000_000;

export const DEFAULTS = {
  windowMs: 60_000,
  anonymous: { requests: 120, cost: 300 },
  token: { requests: 1_200, cost: 3_000 },
  redisPrefix: 'portal:rate-limit:',
} as const;

/** Reads RATE_LIMIT_* and REDIS_URL. */
export function rateLimitSettings(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  const redis = redisSettings(env);
  const redisUrl = redis.url;
  const redisPrefix = `${redis.prefix}rate-limit:`;
  return {
    windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', DEFAULTS.windowMs, 1_000, 3_600_000),
    anonymous: {
      requests: integer(env, 'RATE_LIMIT_ANON_PER_MINUTE', DEFAULTS.anonymous.requests, 1, MAX_LIMIT),
      cost: integer(env, 'RATE_LIMIT_ANON_COST_PER_MINUTE', DEFAULTS.anonymous.cost, 1, MAX_LIMIT),
    },
    token: {
      requests: integer(env, 'RATE_LIMIT_TOKEN_PER_MINUTE', DEFAULTS.token.requests, 1, MAX_LIMIT),
      cost: integer(env, 'RATE_LIMIT_TOKEN_COST_PER_MINUTE', DEFAULTS.token.cost, 1, MAX_LIMIT),
    },
    redisUrl,
    redisPrefix,
  };
}
