/**
 * `pnpm test`: every package's tests, two packages at a time. The CMS's tests and the publisher's take most
 * of the time, and much of it waiting (Strapi booting, a scheduled minute coming, a browser), so they run
 * side by side on two cores; the shorter packages follow in the free lane.
 *
 * The CMS is compiled and its dashboard built first, once: the packages' test setups compile it too (a
 * no-op once it is up to date) and the publisher's dashboard tests need the dashboard, and neither may
 * write the CMS's dist/ while another package's tests boot Strapi from it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './lib/children';
import { buildCms } from './lib/cms-build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packages whose tests run at once. */
const LANES = 2;

async function main() {
  await buildCms(path.join(root, 'apps', 'cms'), path.join(root, 'pnpm-lock.yaml'), process.env);
  // --no-sort: the packages in the workspace's order (apps/cms and apps/publisher first, the longest two),
  // not one after another along their dependencies, which their tests do not need.
  await run('pnpm', ['-r', '--no-sort', `--workspace-concurrency=${LANES}`, 'test', ...process.argv.slice(2)], { cwd: root, env: process.env });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
