// Lint: TypeScript rules, no default exports, no import cycles, and the core boundary:
// the core (answer, search, chat, safety, language, calendar, patient, staff, staff-channels, editor, db ports) imports no hono, no node:*,
// no adapter and no shell, and nothing but config.ts and the shells reads process.env.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const coreFiles = ['src/{answer,search,chat,safety,language,calendar,patient,db,staff,staff-channels,editor}/**/*.ts', 'src/errors.ts', 'src/logger.ts'];
const adapterFiles = ['src/**/adapters/**/*.ts'];
const testFiles = ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'widget/dist/', '.wrangler/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/ignore': ['node_modules'], 'import-x/extensions': ['.ts', '.js'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', crypto: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-default-export': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read settings in src/config.ts and pass them in.' },
      ],
    },
  },
  {
    files: coreFiles,
    ignores: adapterFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The core runs on Node and in Workers: no node: imports. Put it in an adapter or a shell.' },
            { group: ['hono', 'hono/*', '@hono/*'], message: 'The core knows nothing of HTTP. Routes live in src/http.' },
            { group: ['pg', '@electric-sql/*', 'pino', '@qdrant/*', '@langchain/*', 'botframework-*'], message: 'The core depends on ports, not on service clients. Use an adapter.' },
            { group: ['**/adapters/**', '**/http/**', '**/runtime/**', '**/demo/**', '**/config.js', '**/ingest/**'], message: 'Adapters and shells depend on the core, never the reverse.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server.ts', 'src/worker.ts', 'eslint.config.js', 'vitest.config.ts', ...testFiles, 'scripts/**/*.ts', 'widget/build.ts', 'evals/**/*.ts', 'ingest/cli.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The widget and the staff console are browser bundles: they may share the API's types with the core, never its code.
    files: ['widget/src/**/*.ts', 'console/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../src/**', '../../ingest/**', 'node:*'], allowTypeImports: true, message: 'The widget bundle may import types from the core, not code.' }] },
      ],
    },
  },
  { files: ['eslint.config.js', 'vitest.config.ts'], rules: { 'import-x/no-default-export': 'off' } },
);
