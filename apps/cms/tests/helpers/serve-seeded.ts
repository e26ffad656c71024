/**
 * A seeded CMS in a process of its own, for tests of other packages that need a CMS over HTTP while
 * something else runs in the test process (a site build, a browser). Started by startCmsProcess().
 * Env: TEST_DB, TEMPLATE_NAME, PUBLIC_DIR, CMS_PORT and SERVE_ADMIN_PANEL (optional; the dashboard needs
 * `strapi build` first), and the rate-limit variables of RATE_LIMIT_TEST_ENV (optional). Prints `READY <url> <api token> <counter url>`; SIGTERM
 * stops it and drops its database. The line ends with the counters' own URL (COUNTER_PORT), `-` when off.
 *
 * Several instances of one CMS (startCmsCluster): TEST_SHARED_DATABASE (the database's variables, JSON)
 * makes it use that database as it is and leave it in place, and the secrets in CMS_SECRETS (JSON) are
 * used instead of fresh ones, so that tokens and logins made on one instance are valid on the others.
 */
import { bootCms, RATE_LIMIT_TEST_ENV } from './cms';
import { createTestDatabase, dbKind, type TestDatabase } from './database';
import { fullAccessToken } from './http';

async function main() {
  const shared = process.env.TEST_SHARED_DATABASE;
  const database: TestDatabase = shared
    ? { kind: dbKind(), name: 'shared', env: JSON.parse(shared) as Record<string, string>, drop: () => Promise.resolve() }
    : await createTestDatabase(dbKind(), process.env.TEMPLATE_NAME);
  const secrets = process.env.CMS_SECRETS ? (JSON.parse(process.env.CMS_SECRETS) as Record<string, string>) : {};
  // The rate-limit settings the starting test gave this process (startCmsProcess's env) win over bootCms's.
  const limits = Object.fromEntries(
    Object.keys(RATE_LIMIT_TEST_ENV).flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const cms = await bootCms(database, {
    ...limits,
    PUBLIC_DIR: process.env.PUBLIC_DIR!,
    SERVE_ADMIN_PANEL: process.env.SERVE_ADMIN_PANEL ?? 'false',
    ...(process.env.CMS_PORT ? { PORT: process.env.CMS_PORT } : {}),
    ...secrets,
  });
  // A full-access token, so tests can write content as an editor's tools would.
  process.stdout.write(`READY ${cms.url} ${await fullAccessToken(cms)} ${cms.counterUrl ?? '-'}\n`);
  const stop = async () => {
    await cms.stop();
    process.exit(0);
  };
  // Strapi's own handlers would destroy it a second time, concurrently (and exit before the database is
  // dropped): this process's stop() is the only one.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
