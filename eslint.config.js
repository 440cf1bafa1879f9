import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_ONLY = {
  group: ['@onething/contract/node/*', '**/node/*'],
  message: 'contract/src/node is for the Node packages only',
};
const BROWSER_ONLY = {
  group: ['mediasoup-client', 'mediasoup-client/*', '@onething/web-call', '@onething/web-call/*'],
  message: 'the browser call client is for the kiosk UI and the agent console only',
};

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
      // A boundary is typed by the contract's runtime, never forced: no `as never`, no
      // `as unknown as`, no `@ts-expect-error`/`@ts-ignore` in production code (issue #12).
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': true, 'ts-ignore': true, 'ts-nocheck': true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
          message:
            '`as never` hides a type error; type the value (tests may use it for bad input).',
        },
        {
          selector:
            'TSAsExpression[expression.type="TSAsExpression"][expression.typeAnnotation.type="TSUnknownKeyword"]',
          message: '`as unknown as` forces a type; use the contract runtime or a type guard.',
        },
      ],
    },
  },
  {
    // Install-time scripts: plain JavaScript for whatever Node runs npm (see scripts/lts-node.mjs).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  // contract/src/node is Node-only (node:events and the like): the browser bundles and the rest
  // of the contract, which browsers import, must never pull it in. The browser call client
  // (web-call, mediasoup-client) is for browsers only: the contract and the Node packages
  // must never depend on it.
  {
    files: ['kiosk/ui/**', 'agent-console/**'],
    // the kiosk's build scripts run in Node at build time (the division data, the dictionary)
    ignores: ['kiosk/ui/scripts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NODE_ONLY] }] },
  },
  {
    files: ['contract/src/**'],
    ignores: ['contract/src/node/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NODE_ONLY, BROWSER_ONLY] }] },
  },
  {
    files: ['contract/src/node/**', 'booth-server/**', 'kiosk/bridge/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [BROWSER_ONLY] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/*-test-kit.ts', 'tests/**'],
    // tests send what a bad peer would: casts are how they build it
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/ban-ts-comment': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
