import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Lint for every package: recommended JavaScript and TypeScript rules, no `any` outside tests. */
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Empty catch blocks are deliberate where a failure is reported elsewhere.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Install-time scripts: plain JavaScript for whatever Node runs npm (see scripts/lts-node.mjs).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // contract/src/node is Node-only (node:events and the like); the browser bundles and the
    // rest of the contract, which browsers import, must never pull it in.
    files: ['kiosk/ui/**', 'agent-console/**', 'contract/src/**'],
    ignores: ['contract/src/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@onething/contract/node/*', '**/node/*'],
              message: 'contract/src/node is for the Node packages only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/testing/**', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
