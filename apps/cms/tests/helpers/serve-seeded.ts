/**
 * A seeded CMS in a process of its own, for tests of other packages that need a CMS over HTTP while
 * something else runs in the test process (a site build, a browser). Started by startCmsProcess().
 * Env: TEST_DB, TEMPLATE_NAME, PUBLIC_DIR. Prints `READY <url>`; SIGTERM stops it and drops its database.
 */
import { bootCms } from './cms';
import { createTestDatabase, dbKind } from './database';

async function main() {
  const database = await createTestDatabase(dbKind(), process.env.TEMPLATE_NAME);
  const cms = await bootCms(database, { PUBLIC_DIR: process.env.PUBLIC_DIR! });
  process.stdout.write(`READY ${cms.url}\n`);
  const stop = async () => {
    await cms.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
