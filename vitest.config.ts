import { defineConfig } from 'vitest/config';
import { STEP_MS } from './tests/e2e/support/timing.ts';

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
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          // A backstop against a hang, not a speed check (speed lives in `npm run bench`): each
          // wait inside a test has its own budget, so a long flow on a busy machine that keeps
          // progressing is slow, not broken. Grown from 30–120 s, which busy machines overran.
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // A poll waits for one person-visible step (was vitest's 1 s default).
          expect: { poll: { timeout: STEP_MS } },
        },
      },
    ],
  },
});
