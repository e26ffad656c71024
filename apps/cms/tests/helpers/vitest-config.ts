import { defineConfig } from 'vitest/config';

type Project = { extends: true; test: Record<string, unknown> };

/** Integration files boot Strapi: one at a time, each in its own process (Strapi is a global singleton). */
const integration = (db: 'sqlite' | 'postgres'): Project => ({
  extends: true,
  test: {
    name: db,
    include: ['tests/**/*.int.spec.ts'],
    env: { TEST_DB: db },
    globalSetup: ['tests/global-setup.ts'],
  },
});

/**
 * The vitest configuration of a package whose integration tests need the real CMS: unit tests, then every
 * integration file on SQLite and, when TEST_POSTGRES_URL is set, on PostgreSQL. In CI a missing
 * TEST_POSTGRES_URL is an error, never a silent skip. The package's tests/global-setup.ts re-exports
 * `cms/testing/global-setup`.
 */
export function cmsTestConfig() {
  const projects: Project[] = [{ extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'] } }, integration('sqlite')];
  if (process.env.TEST_POSTGRES_URL) {
    projects.push(integration('postgres'));
  } else if (process.env.CI) {
    throw new Error('CI runs every test on PostgreSQL too: set TEST_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres)');
  }
  return defineConfig({
    test: { pool: 'forks', fileParallelism: false, testTimeout: 60_000, hookTimeout: 300_000, projects },
  });
}
