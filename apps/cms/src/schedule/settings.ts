import { envInteger } from '../lib/env-integer';
import { redisSettings } from '../lib/redis-settings';

/** The scheduler's settings: SCHEDULE_POLL_MS, and REDIS_URL / REDIS_PREFIX for the lock shared by instances. */
export type ScheduleSettings = { pollMs: number; redisUrl: string | undefined; redisPrefix: string };

/** Polls every 15 s by default: a schedule runs at most one poll (plus the run) after its time, well within a minute. */
export function scheduleSettings(env: NodeJS.ProcessEnv = process.env): ScheduleSettings {
  const { url: redisUrl, prefix: redisPrefix } = redisSettings(env);
  return {
    pollMs: envInteger(env, 'SCHEDULE_POLL_MS', 15_000, 200, 45_000),
    redisUrl,
    redisPrefix,
  };
}
