import { defineConfig } from 'vitest/config';

const E2E = 'tests/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and server tests compete for 2 cores; a couple of workers keeps them honest.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // `npm test` runs them as two timed stages; `npx vitest run` runs both.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: [E2E, '**/node_modules/**'] },
      },
      { extends: true, test: { name: 'e2e', include: [E2E] } },
    ],
  },
});
