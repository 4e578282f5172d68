import js from '@eslint/js';
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// The folder boundaries (src/README.md, "Rules the code keeps"). ESLint does not merge one rule's
// options across config blocks, so each block below lists every pattern that applies to its files.

/** The site (`src/`) is built for the browser and never reaches into the data build. */
const NO_SCRIPTS = {
  regex: '^(\\.\\./)+scripts/',
  message:
    'The site does not import the data build (scripts/): share it through src/domain or src/contracts.',
};

/** The data build may use the site's pure modules only. */
const ONLY_DOMAIN_AND_CONTRACTS = {
  regex: '^(\\.\\./)+src/(?!(domain|contracts)(/|$))',
  message: 'scripts/ imports from src/ only src/domain and src/contracts: move what both need there.',
};

/** src/domain and src/contracts run in the browser and in Node alike: no Svelte, no Node. */
const PURE_IMPORT_PATTERNS = [
  {
    group: ['svelte', 'svelte/*', '*.svelte'],
    message: 'src/domain and src/contracts are plain TypeScript: no Svelte.',
  },
  { group: ['node:*'], message: 'src/domain and src/contracts also run in the browser: no Node built-ins.' },
];

// Exact names: a pattern `domain` (a Node built-in) would also match `../domain/metrics`.
const NODE_BUILTIN_PATHS = builtinModules.map((name) => ({
  name,
  message: 'src/domain and src/contracts also run in the browser: no Node built-ins.',
}));

/** Globals of the browser or of Node that a pure module must not reach for. */
const IMPURE_GLOBALS = [
  ...['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage'],
  ...['fetch', 'XMLHttpRequest', 'requestAnimationFrame', 'matchMedia', 'alert', 'self'],
  ...['process', 'Buffer', 'global', 'require', '__dirname', '__filename'],
].map((name) => ({
  name,
  message: `src/domain and src/contracts are pure: no \`${name}\`; pass it in instead.`,
}));

/** Tests and their helpers run in Node, beside the module they test. */
const TEST_FILES = ['src/**/*.test.ts', 'src/**/*.test-helpers.ts', 'src/**/test-*.ts'];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/data/', 'coverage/', 'tmp/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'svelte/no-at-html-tags': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_SCRIPTS] }] },
  },
  {
    files: ['src/domain/**', 'src/contracts/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_BUILTIN_PATHS, patterns: [NO_SCRIPTS, ...PURE_IMPORT_PATTERNS] },
      ],
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
    },
  },
  {
    files: ['scripts/**'],
    // bench-site.ts measures the site's own filter and style code in a browser, bench-explore.ts
    // its filter computations in Node: benchmarks of src/, not part of the data build, so they
    // may import what they measure.
    ignores: ['scripts/bench-site.ts', 'scripts/bench-explore.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ONLY_DOMAIN_AND_CONTRACTS] }] },
  },
);
