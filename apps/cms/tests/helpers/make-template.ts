/**
 * Run by the global setup in a child process: boots the CMS once on the database named by the
 * environment, lets bootstrap seed the demo content, and exits. Test files then copy that database.
 */
import { bootCms } from './cms';
import { dbKind, type TestDatabase } from './database';

async function main() {
  const kind = dbKind();
  const database: TestDatabase = {
    kind,
    name: process.env.TEMPLATE_NAME!,
    env: {},
    drop: async () => {},
  };
  const cms = await bootCms(database, { SEED_DEMO: 'true' });
  await cms.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
