// @ts-check
/**
 * One ESLint config for the whole repository: `pnpm lint` runs it with --max-warnings 0.
 * Typed rules everywhere: each file is linted with the TypeScript program of its own package's tsconfig.
 */
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    name: 'portal/ignores',
    // Generated files and build outputs only.
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.astro/',
      '**/.strapi/',
      'apps/cms/.tmp/',
      'apps/cms/types/generated/',
      'apps/publisher/data/',
      'apps/web/dist*/',
      'packages/cms-client/src/generated/',
      'bench-results/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  astro.configs['flat/recommended'],
  {
    name: 'portal/typed',
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // Each file gets the program of the nearest tsconfig.json that includes it.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { id, ...rest } = value` is how the code leaves fields out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    name: 'portal/astro',
    files: ['**/*.astro'],
    languageOptions: {
      // eslint-plugin-astro looks for @typescript-eslint/parser from the working directory, where pnpm does not hoist it.
      // astro-eslint-parser does not support the project service; the site's tsconfig takes .astro files.
      parserOptions: {
        parser: tseslint.parser,
        projectService: false,
        project: './apps/web/tsconfig.json',
        extraFileExtensions: ['.astro'],
      },
    },
    rules: {
      // Astro types every element of a template as `any` (astroHTML.JSX.Element is `HTMLElement | any`), so each
      // `items.map((item) => <li>…</li>)` would be reported; logic with real types lives in src/lib/.
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    name: 'portal/cms-checked-only',
    // The CMS's tsconfig.json compiles the app to dist/ and leaves these out; tsconfig.check.json has them.
    files: ['apps/cms/tests/**/*.ts', 'apps/cms/scripts/**/*.ts', 'apps/cms/vitest.config.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './apps/cms/tsconfig.check.json' },
    },
  },
  {
    name: 'portal/browser',
    files: ['apps/web/src/scripts/**/*.js', 'apps/cms/src/admin/**/*.tsx'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'portal/hand-minified',
    // Shipped byte for byte as written and kept small by hand (every page loads it; budget 2 KB of JavaScript):
    // short-circuits and ternaries stand for statements, a failing localStorage is ignored, and there is no
    // room for the JSDoc casts that the type-aware rules would need. Prettier leaves it alone too.
    files: ['apps/web/src/scripts/site.js', 'apps/web/src/scripts/counter.js'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: {
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `catch(e){}` rather than `catch{}`, so that browsers without optional catch binding still parse it.
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
    },
  },
);
