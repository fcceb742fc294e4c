// Lint: TypeScript rules (type-aware where it catches real bugs) plus the dependency rules of
// docs/architecture.md, enforced per folder with no-restricted-imports. Zero warnings allowed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'this layer does no I/O: no node:* imports (DESIGN.md §5)',
};
const noInternal = (message) => ({ group: ['@lbaas/*'], message });
const infra = ['fastify', 'kysely', 'pg', 'better-sqlite3', 'pino', 'undici', 'commander'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/cli/bin/**', 'scripts/**', '.lbaas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['packages/contract/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noInternal('contract depends on nothing internal'),
            { group: infra, message: 'contract is wire schemas only' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noInternal('core depends on nothing internal'),
            { group: infra, message: 'core is pure: no frameworks' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/reconciler/*'],
              message: 'api → services → core; only main.ts wires store and reconciler',
            },
            {
              group: ['kysely', 'pg', 'better-sqlite3'],
              message: 'the API layer does not touch the database',
            },
          ],
        },
      ],
    },
  },
  {
    // identity/ is the Keystone use-case layer: the same rules as services/.
    files: ['packages/server/src/services/**/*.ts', 'packages/server/src/identity/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/*', '**/store/*', '**/reconciler/*'],
              message: 'services define ports; store and reconciler implement them',
            },
            { group: ['fastify', 'kysely', 'pg', 'better-sqlite3'], message: 'services are framework-free' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/store/**/*.ts', 'packages/server/src/reconciler/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/*'], message: 'adapters do not depend on the HTTP layer' }] },
      ],
    },
  },
  {
    files: ['packages/agent/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/agent/src/system/**', 'packages/agent/src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:child_process', 'node:fs', 'node:fs/promises', 'node:net', 'node:os'],
              message: 'only agent/src/system spawns processes or touches files and sockets (DESIGN.md §5)',
            },
            {
              group: ['@lbaas/core', '@lbaas/server', '@lbaas/cli'],
              message: 'the agent depends on contract only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@lbaas/*/*', '@lbaas/core'],
              message: 'the CLI uses contract and the server entry point only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
