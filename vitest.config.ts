import { defineConfig } from 'vitest/config';

// Three projects: the whole suite on PostgreSQL; the API, journey and live-badge tests again on the embedded
// database (the default users meet first; the same files, test/support/database.ts reads ZY_TEST_DATABASE); and the
// tests that need the real engines (test/cluster: a control plane started once for the run, Pulumi built by
// `npm run engines`).
const EMBEDDED = [
  'test/api/**/*.test.ts',
  'test/e2e/journey.test.ts',
  'test/e2e/todo-badge.test.ts',
  'test/embedded/**/*.test.ts',
  // the security suite's in-process sweeps (test/security; the multi-process ones run on PostgreSQL only)
  'test/security/{idor-sweep,token-forgery,bad-input-sweep,idempotency-races,signin-abuse,oidc-sso}.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page (or a job) as long as a Playwright locator does (10 s), not vitest's 1 s: under
    // the load of a full run a page that renders after a second is not a failure
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'web/**', 'test/embedded/**', 'test/cluster/**'],
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
      {
        extends: true,
        test: {
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          globalSetup: ['test/cluster/global-setup.ts'],
          testTimeout: 180_000,
          env: { NODE_ENV: 'test' },
        },
      },
    ],
  },
});
