import { normaliseOrigin } from '../cors';
import { envInteger as integer } from '../env-integer';
import { redisSettings } from '../redis-settings';

/**
 * The counters' settings from the environment; an invalid value stops the start with the variable's name.
 * COUNTER (on|off), COUNTER_ORIGINS (the site's origins; default SITE_URL's), COUNTER_RATE_LIMIT_PER_MINUTE,
 * COUNTER_FLUSH_MS, COUNTER_VIEW_WINDOW_SECONDS, COUNTER_PORT, REDIS_URL and REDIS_PREFIX.
 */
export type CounterSettings = {
  enabled: boolean;
  /** Origins whose pages may send hits from a browser (the site's); others are refused. */
  origins: ReadonlySet<string>;
  /** Hits (and statistics reads) per client address per minute. */
  perMinute: number;
  /** Pending increments are written to the database this often (and on shutdown). */
  flushMs: number;
  /** One view per visitor and article within this window. */
  viewWindowMs: number;
  /** "Đang trực tuyến": visitors seen within this window. */
  onlineWindowMs: number;
  /** Larger hit bodies are refused (413) unread. */
  maxBodyBytes: number;
  /** How many articles "Đọc nhiều" lists, over how many days (today included). */
  mostRead: { limit: number; days: number };
  /**
   * The counters' own port (COUNTER_PORT, default 1338; 0 any free one; `off` none): served by the
   * counters' thread, so hits never wait behind the dashboard. `/counter` on the CMS's port answers too.
   */
  port: number | null;
  redisUrl: string | undefined;
  redisPrefix: string;
};

function counterPort(env: NodeJS.ProcessEnv): number | null {
  const raw = (env.COUNTER_PORT ?? '').trim().toLowerCase();
  if (raw === 'off') return null;
  if (raw === '') return 1338;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65_535)
    throw new Error(`COUNTER_PORT must be a port (0–65535, 0: any free one) or "off" (got "${env.COUNTER_PORT}")`);
  return Number(raw);
}

export function counterSettings(env: NodeJS.ProcessEnv = process.env): CounterSettings {
  const switched = (env.COUNTER ?? 'on').trim().toLowerCase();
  if (!['on', 'off', ''].includes(switched)) throw new Error(`COUNTER must be "on" or "off" (got "${env.COUNTER}")`);
  const listed = (env.COUNTER_ORIGINS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const origins = new Set(
    listed.length > 0
      ? listed.map((value) => normaliseOrigin(value, 'COUNTER_ORIGINS'))
      : [normaliseOrigin(new URL(env.SITE_URL?.trim() || 'http://localhost:4321').origin, 'SITE_URL')],
  );
  const { url: redisUrl, prefix: redisPrefix } = redisSettings(env);
  return {
    enabled: switched !== 'off',
    origins,
    perMinute: integer(env, 'COUNTER_RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    flushMs: integer(env, 'COUNTER_FLUSH_MS', 1_000, 50, 2_000),
    viewWindowMs: integer(env, 'COUNTER_VIEW_WINDOW_SECONDS', 1_800, 1, 86_400) * 1_000,
    onlineWindowMs: 5 * 60_000,
    maxBodyBytes: 2_048,
    mostRead: { limit: 5, days: 7 },
    port: counterPort(env),
    redisUrl,
    redisPrefix,
  };
}
