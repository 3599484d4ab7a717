// Lint rules that keep the architecture honest (see ../shared/DESIGN.md): the engine is pure,
// only workbook/office names Office, only the task pane imports React.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'node:*', 'crypto', 'stream', 'zlib', 'url', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'dist-e2e/**', 'test/e2e/out/**', 'node_modules/**', 'coverage/**', 'demo/**', 'test-output/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/engine/**', 'src/config/**', 'src/output/**', 'src/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins, 'react', 'react-dom', '@fluentui/*', 'exceljs', '**/workbook/**', '**/taskpane/**', '**/cli/**'] },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'window', 'document', 'process', 'require'],
    },
  },
  {
    // Plain JS scripts run by Node or in the browser page; TypeScript files are checked by tsc instead.
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    rules: { 'no-undef': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', 'bin/**', 'webpack.config.*', '.ci/**'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
