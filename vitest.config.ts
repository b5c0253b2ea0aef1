import { defineConfig } from 'vitest/config';

// Two projects: the whole suite on PostgreSQL, and the API and journey tests again on the embedded database
// (the default users meet first). The tests are the same files; test/support/database.ts reads ZY_TEST_DATABASE.
const EMBEDDED = ['test/api/**/*.test.ts', 'test/e2e/journey.test.ts', 'test/embedded/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'web/**', 'test/embedded/**'],
          env: { NODE_ENV: 'test' },
        },
      },
      {
        extends: true,
        test: {
          name: 'embedded',
          include: EMBEDDED,
          env: { NODE_ENV: 'test', ZY_TEST_DATABASE: 'embedded' },
        },
      },
    ],
  },
});
