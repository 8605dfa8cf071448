// Flat config. Syntax-only rules (no type information) so that `npm run lint` stays fast;
// `npm run typecheck` covers the type side.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const MONEY = 'Money stays in Decimal (libs/core); no floats or Math rounding';

// The handful of Node globals plain JS scripts (bench/, .ci/) use; `globals` is not a dependency.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    '__dirname',
    '__filename',
    'Buffer',
    'URL',
    'performance',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.data/',
    '**/coverage/',
    '.ci/out/',
    // Root-level tool configs (jest, eslint, dependency-cruiser) are not project code.
    '*.config.{js,cjs,mjs}',
    '.dependency-cruiser.cjs',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // decimal.js is wrapped by libs/core; everyone else goes through the wrapper.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'decimal.js', message: 'use Decimal/Money from @lumbung/core' }],
          patterns: [{ group: ['decimal.js/*'], message: 'use Decimal/Money from @lumbung/core' }],
        },
      ],
    },
  },
  {
    files: ['libs/core/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['bench/**/*.{js,cjs,mjs}', '.ci/**/*.js', 'test/**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // No "type": "module" in package.json, so .js is CommonJS.
    files: ['bench/**/*.{js,cjs}', '.ci/**/*.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: MONEY }],
      'no-restricted-properties': [
        'error',
        { object: 'Number', property: 'parseFloat', message: MONEY },
        { object: 'Math', property: 'round', message: MONEY },
        { object: 'Math', property: 'floor', message: MONEY },
        { object: 'Math', property: 'ceil', message: MONEY },
      ],
    },
  },
  {
    // Date arithmetic and tests may round.
    files: ['libs/core/src/time/**', '**/*.spec.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[object.name=/^(it|describe|test)$/][property.name=/^(only|skip)$/]',
          message: 'Focused or skipped tests must not be committed.',
        },
        {
          selector: 'CallExpression[callee.name=/^(fit|fdescribe|xit|xdescribe|xtest)$/]',
          message: 'Focused or skipped tests must not be committed.',
        },
      ],
    },
  },
);
