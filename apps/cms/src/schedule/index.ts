import type { Core } from '@strapi/strapi';
import { RedisScheduleLock } from './redis-lock';
import { Scheduler } from './scheduler';
import { scheduleSettings } from './settings';

export { registerScheduleValidation } from './validation';
export { Scheduler } from './scheduler';

let instance: Scheduler | undefined;

/** Starts this process's scheduler (bootstrap, after the publisher's webhook is registered): a pass at once, then every poll. */
export function startScheduler(strapi: Core.Strapi): Scheduler {
  const settings = scheduleSettings();
  const log = strapi.log;
  const lock = settings.redisUrl ? new RedisScheduleLock(settings.redisUrl, settings.redisPrefix, (message) => log.warn(message)) : undefined;
  instance = new Scheduler(strapi, settings, lock, log);
  instance.start();
  log.info(`Scheduled publishing: every ${settings.pollMs} ms, claimed in the database${lock ? ' behind a Redis lease' : ''}`);
  return instance;
}

/** Stops polling and waits for a run in flight (Strapi's destroy, before the database closes). */
export async function stopScheduler(): Promise<void> {
  await instance?.stop();
  instance = undefined;
}
