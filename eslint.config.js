// Lints the generator, the runtime templates, the tests, the bench, the scripts and bin/;
// generated/ is checked by tsc instead. Type-aware (strictTypeChecked): the rules that need types
// read the one program tsconfig.json describes. Each rule turned off or loosened below says why.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['generated/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'bench/**/node_modules/**'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A number in a message or a path prints as expected; what the rule is kept for is an object,
      // an `any` or an `undefined` slipping into text.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowRegExp: false },
      ],
      '@typescript-eslint/restrict-plus-operands': [
        'error',
        { allowNumberAndString: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false },
      ],
      // Every async function without an await here is a fake or a stub fulfilling a contract that
      // returns a promise (a fetch, a credential source, a bench step); `async` says so most plainly.
      '@typescript-eslint/require-await': 'off',
      // It flags only the tests' `err as SomeError` right after `expect(err).toBeInstanceOf(SomeError)`,
      // where the cast is checked by the line before it.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // The runtime passes on a reason it was given (a signal's, a caught one) as it came.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `(x) => resolve(x)` and `return report(...)` in a function that returns nothing read plainly;
      // what stays flagged is a void value used as a value.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
    },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringMatching) as `any`, and every
    // finding of this rule in the tests was one of them inside an expected object.
    files: ['test/**', 'templates/runtime/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
