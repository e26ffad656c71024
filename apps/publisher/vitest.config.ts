import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'publish',
          include: ['tests/**/*.int.spec.ts', 'tests/**/*.e2e.spec.ts'],
          globalSetup: ['tests/global-setup.ts', 'tests/run-tmp.ts'],
        },
      },
    ],
  },
});
