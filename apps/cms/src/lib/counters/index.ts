import type { Core } from '@strapi/strapi';
import { responseCache } from '../response-cache';
import { ensureCounterTables, type Db } from './database';
import { MemoryCounterStore } from './memory-store';
import { RedisCounterStore } from './redis-store';
import { Counters } from './service';
import { counterSettings } from './settings';

export { Counters, type Answer, type Numbers, type Visit } from './service';
export { counterSettings, type CounterSettings } from './settings';
export { notAReader } from './traffic';
export { alignViews, type MostRead } from './database';
export { periodsAt, lastDays } from './periods';
export { MemoryCounterStore } from './memory-store';
export { RedisCounterStore } from './redis-store';

let instance: Counters | undefined;

export function counterDb(strapi: Core.Strapi): Db {
  return { connection: strapi.db.connection, schema: strapi.db.getSchemaName() || undefined };
}

/** Starts this process's counters (bootstrap): their tables, their store, the periodic flush. */
export async function startCounters(strapi: Core.Strapi): Promise<Counters | undefined> {
  const settings = counterSettings();
  const db = counterDb(strapi);
  // Even with COUNTER=off: "Đọc nhiều" (GraphQL mostReadArticles) and seeding read and write them.
  await ensureCounterTables(db);
  instance = undefined;
  if (!settings.enabled) return undefined;
  const store = settings.redisUrl ? new RedisCounterStore(settings.redisUrl, settings.redisPrefix) : new MemoryCounterStore();
  const cache = responseCache((message) => strapi.log.warn(message));
  instance = new Counters(db, store, settings, () => cache.store.generation(), strapi.log);
  instance.start();
  strapi.log.info(`Counters: in ${store.kind}, written to the database every ${settings.flushMs} ms; hits from ${[...settings.origins].join(', ')}`);
  return instance;
}

/** This process's counters, once started; undefined when COUNTER=off. */
export function runningCounters(): Counters | undefined {
  return instance;
}

/** Writes what is pending and closes the store (Strapi's destroy, before the database closes). */
export async function stopCounters(): Promise<void> {
  // Kept as the running instance: hits that still arrive are refused by it (503) until the server closes.
  await instance?.close();
}
