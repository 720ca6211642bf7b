import Module from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';

// typescript-eslint needs the TypeScript 6 JS API; the project compiles with the native TypeScript 7,
// which has none. Point typescript-eslint's `require('typescript')` at the side-by-side TS 6 package.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromTsEslint = /[\\/](typescript-eslint|@typescript-eslint|ts-api-utils)[\\/]/.test(
    parent?.filename ?? '',
  );
  const target = request === 'typescript' && fromTsEslint ? '@typescript/typescript6' : request;
  return resolveFilename.call(this, target, parent, ...rest);
};

const { default: nextVitals } = await import('eslint-config-next/core-web-vitals');
const { default: nextTs } = await import('eslint-config-next/typescript');

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks a value kept on purpose (rest-sibling omission, positional parameters).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // lib/, sandbox/ and scripts/ are framework-free: a function named `use` there is no React hook.
    files: ['lib/**', 'sandbox/**', 'scripts/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Tests poke at loosely typed values (parsed JSON, deliberately wrong input).
    files: ['**/*.test.ts', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  globalIgnores([
    '.next/**',
    '.helmdeck/**',
    'node_modules/**',
    'lib/generated/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
  ]),
]);
