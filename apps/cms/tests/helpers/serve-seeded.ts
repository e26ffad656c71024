/**
 * A seeded CMS in a process of its own, for tests of other packages that need a CMS over HTTP while
 * something else runs in the test process (a site build, a browser). Started by startCmsProcess().
 * Env: TEST_DB, TEMPLATE_NAME, PUBLIC_DIR, CMS_PORT and SERVE_ADMIN_PANEL (optional; the dashboard needs
 * `strapi build` first), and the rate-limit variables of RATE_LIMIT_TEST_ENV (optional). Prints `READY <url> <api token>`; SIGTERM
 * stops it and drops its database.
 */
import { bootCms, RATE_LIMIT_TEST_ENV } from './cms';
import { createTestDatabase, dbKind } from './database';
import { fullAccessToken } from './http';

async function main() {
  const database = await createTestDatabase(dbKind(), process.env.TEMPLATE_NAME);
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
  });
  // A full-access token, so tests can write content as an editor's tools would.
  process.stdout.write(`READY ${cms.url} ${await fullAccessToken(cms)}\n`);
  const stop = async () => {
    await cms.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
