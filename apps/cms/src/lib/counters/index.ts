import type { Core } from '@strapi/strapi';
import { responseCache } from '../response-cache';
import { MemoryCacheStore } from '../response-cache/store';
import { proxySettings } from '../rate-limit/address';
import { directCounterDatabase, ensureCounterTables, type Db } from './database';
import { counterSettings } from './settings';
import { CounterThread } from './thread-host';

export { Counters, type Answer, type Numbers, type Visit } from './service';
export { counterSettings, type CounterSettings } from './settings';
export { notAReader } from './traffic';
export { alignViews, type MostRead } from './database';
export { periodsAt, lastDays } from './periods';
export { MemoryCounterStore } from './memory-store';
export { RedisCounterStore } from './redis-store';
export { counterRequests, readHit, HIT_PATH, STATS_PATH, type BodyRead, type CounterReply, type CounterRequest } from './requests';
export type { CounterThread } from './thread-host';

let instance: CounterThread | undefined;

export function counterDb(strapi: Core.Strapi): Db {
  return { connection: strapi.db.connection, schema: strapi.db.getSchemaName() || undefined };
}

/**
 * Starts this process's counters (bootstrap): their tables, and their thread (thread.ts), which keeps the
 * store, writes to the database every COUNTER_FLUSH_MS through this thread, and listens on COUNTER_PORT.
 * A port that cannot be listened on stops the start.
 */
export async function startCounters(strapi: Core.Strapi): Promise<CounterThread | undefined> {
  const settings = counterSettings();
  const db = counterDb(strapi);
  // Even with COUNTER=off: "Đọc nhiều" (GraphQL mostReadArticles) and seeding read and write them.
  await ensureCounterTables(db);
  instance = undefined;
  if (!settings.enabled) return undefined;
  const cache = responseCache((message) => strapi.log.warn(message));
  const { proxied, trustedProxies } = proxySettings(strapi);
  const thread = new CounterThread(
    {
      port: settings.port,
      host: strapi.config.get<string>('server.host', '0.0.0.0'),
      proxy: { proxied, trustedProxies },
      generation: cache.store instanceof MemoryCacheStore ? cache.store.sharedGeneration.buffer : undefined,
    },
    directCounterDatabase(db),
    strapi.log,
  );
  await thread.run();
  instance = thread;
  const about = `written to the database every ${settings.flushMs} ms; hits from ${[...settings.origins].join(', ')}`;
  if (settings.port === null) {
    strapi.log.info(`Counters: in ${thread.store}, on /counter, ${about}`);
    return thread;
  }
  // The counters' port opens with the CMS's: a command that only loads Strapi opens none. A port that cannot
  // be opened stops the CMS, as its own port would: behind nginx, readers' hits would all fail.
  strapi.server.httpServer.once('listening', () => {
    thread.listen().then(
      (port) => strapi.log.info(`Counters: in ${thread.store}, on /counter and on port ${port}, ${about}`),
      () => void strapi.stop(1),
    );
  });
  return thread;
}

/** This process's counters' thread, once started; undefined when COUNTER=off. */
export function runningCounters(): CounterThread | undefined {
  return instance;
}

/** Writes what is pending and closes the store (Strapi's destroy, before the database closes). */
export async function stopCounters(): Promise<void> {
  // Kept as the running instance: hits that still arrive are refused by it (503) until the server closes.
  await instance?.close();
}
