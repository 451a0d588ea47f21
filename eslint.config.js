// Lint for the whole repository: `npm run lint` (and so `npm test`). Type-checked rules run on
// the two TypeScript programs the apps already type-check (server/tsconfig.json includes bench/).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './eslint.boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', 'web/src/api/schema.d.ts', 'data/', 'server/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['server/tsconfig.json', 'web/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // What tsc's noUnusedLocals/noUnusedParameters would say; a leading _ marks a deliberate gap
      // (a field left out of a reply by destructuring, a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Fastify plugins, hooks and handlers are async by contract: one without a `done` callback
    // must return a promise, so an async function with nothing to await is how they are written.
    files: ['server/src/**/routes.ts', 'server/src/**/*Routes.ts', 'server/src/platform/inputGuard.ts', 'server/src/app.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // API tests and benches read replies as the JSON that came back (their clients type bodies
    // `any`) and check only what they use; typing every reply would restate the OpenAPI document.
    files: ['server/test/**/*.ts', 'web/e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['web/src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // React and antd ignore what an event handler returns, and the async handlers here (a form's
    // submit, a reveal) catch their own errors and show them; promises passed anywhere else are
    // still checked.
    files: ['web/src/**/*.tsx'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  ...moduleBoundaries,
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['server/scripts/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
