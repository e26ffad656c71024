import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import { APP_DIR, DIST_DIR, freePort, type DbKind, type TestDatabase } from './database';

export { APP_DIR, DIST_DIR } from './database';

export type Cms = {
  strapi: Core.Strapi;
  url: string;
  /** The counters' own port (COUNTER_PORT, the counters' thread), as a base URL; undefined when off. */
  counterUrl: string | undefined;
  db: DbKind;
  stop: () => Promise<void>;
};

/** Strapi's CommonJS build: its ES module build does not load under Node's own ESM resolver. */
const { createStrapi } = createRequire(`${APP_DIR}/package.json`)('@strapi/strapi') as typeof import('@strapi/strapi');

const secret = () => randomBytes(24).toString('base64');

/** The counters' own port of the CMS this process booted (the compiled module Strapi itself loaded). */
async function countersPort(): Promise<number | undefined> {
  const counters = createRequire(`${APP_DIR}/package.json`)(`${DIST_DIR}/src/lib/counters/index.js`) as typeof import('../../src/lib/counters');
  return counters.runningCounters()?.listening;
}

/**
 * Rate limits out of reach, and no Redis, publisher token or proxy, unless a test sets its own: suites fire
 * hundreds of requests a second from one address, which no reader does, and each boot must not inherit the
 * previous boot's values (bootCms writes into process.env). tests/rate-limits.int.spec.ts sets its own.
 */
export const RATE_LIMIT_TEST_ENV: Record<string, string> = {
  RATE_LIMIT_WINDOW_MS: '60000',
  RATE_LIMIT_ANON_PER_MINUTE: '1000000',
  RATE_LIMIT_ANON_COST_PER_MINUTE: '1000000',
  RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
  RATE_LIMIT_TOKEN_COST_PER_MINUTE: '1000000',
  REDIS_PREFIX: '',
  REDIS_URL: '',
  CMS_TOKEN: '',
  IS_PROXIED: 'false',
  TRUSTED_PROXY_COUNT: '1',
  // The counters likewise: no hit limit, the default windows, hits from the site's default origin.
  COUNTER: 'on',
  COUNTER_RATE_LIMIT_PER_MINUTE: '1000000',
  COUNTER_FLUSH_MS: '1000',
  COUNTER_VIEW_WINDOW_SECONDS: '1800',
  COUNTER_ORIGINS: '',
  // The counters' own port: any free one (several CMSs run side by side); runningCounters().port tells which.
  COUNTER_PORT: '0',
};

/** A CMS's secrets, new for every boot (or shared by the instances of one cluster: startCmsCluster). */
export function freshSecrets(): Record<string, string> {
  return {
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
}

/**
 * Boots the real CMS (compiled by the global setup) on `database` and serves it over HTTP on a free port.
 * `stop()` shuts Strapi down and drops the database.
 */
export async function bootCms(database: TestDatabase, env: Record<string, string> = {}): Promise<Cms> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  Object.assign(process.env, {
    HOST: '127.0.0.1',
    PORT: String(port),
    ...freshSecrets(),
    SERVE_ADMIN_PANEL: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ...RATE_LIMIT_TEST_ENV,
    ...database.env,
    ...env,
  });
  // Strapi's destroy() calls process.removeAllListeners(), which would cut the test runner's own channel
  // to this worker: remember the listeners present before Strapi and put them back after it is gone.
  const listeners = process.eventNames().map((name) => [name, process.listeners(name as 'exit')] as const);
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  strapi.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  await strapi.load();
  await strapi.listen();
  const counterPort = await countersPort();
  return {
    strapi,
    db: database.kind,
    url: `http://127.0.0.1:${port}`,
    counterUrl: counterPort ? `http://127.0.0.1:${counterPort}` : undefined,
    stop: async () => {
      await strapi.destroy();
      for (const [name, handlers] of listeners) {
        for (const handler of handlers) if (!process.listeners(name as 'exit').includes(handler)) process.on(name as 'exit', handler);
      }
      await database.drop();
    },
  };
}
