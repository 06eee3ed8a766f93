// Code lint for the linter package and its hosts: typescript-eslint's strict rules on plugins/lint and the remark
// plugin. Other folders join as they are brought up to the same standard.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'build/**', '.docusaurus/**'] },
  {
    files: ['plugins/lint/**/*.ts', 'plugins/remark-handbook/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // 'any' is being removed file by file (count with: grep -rE ": any|as any|<any>"); new code must not add any.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Security rules match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
