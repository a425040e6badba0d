// Lint rules: typescript-eslint with type information, so un-awaited promises are caught.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PLATFORM_PACKAGES = [
  'hono',
  'hono/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'openai',
  'wechaty',
  'wechaty-*',
  'node:*',
  '@hono/*',
  'postgres',
  '@electric-sql/*',
];
const DOMAINS = ['knowledge', 'stations', 'cases', 'handoff', 'staff'];
const ADAPTERS = ['store', 'db', 'llm', 'http', 'assets'];
const CHANNELS_AND_ROOT = [
  'channels',
  'runtime',
  'composition-root',
  'server',
  'app',
  'main',
  'worker',
  'cloudflare',
  'wechat-gateway',
  'open-database',
  'cli',
  'intent-words',
];
/** One no-restricted-imports rule for a set of files (tests may cross layers to assemble what they check). */
const layer = (files, patterns) => [{ files, ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': ['error', { patterns }] } }];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', '.wrangler/', 'db/migrations/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts.' }],
    },
  },
  { files: ['src/config.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['tests/**/*.ts', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Layers by direction (docs/architecture.md): kernels (china, lexicon) ← core ← domains ← adapters (store, llm, http,
  // assets) and channels ← the composition root (runtime, server, app, worker, main). An import against the arrows fails here.
  ...layer(['src/china/**/*.ts', 'src/lexicon/**/*.ts'], [{ regex: '^\\.\\./', message: 'Kernels import nothing else of the project.' }]),
  ...layer(
    ['src/core/**/*.ts'],
    [
      { group: PLATFORM_PACKAGES, message: 'The core is pure: platforms are passed in as ports.' },
      { regex: '^\\.\\./(?!china/|lexicon/)', message: 'The core imports only the kernels (china, lexicon).' },
    ],
  ),
  ...layer(
    DOMAINS.map((d) => `src/${d}/**/*.ts`),
    [
      {
        regex: `^(\\.\\./)+(${[...ADAPTERS, ...CHANNELS_AND_ROOT, 'config'].join('|')})([/.]|$)`,
        message: 'Domains own their ports; the composition root hands them stores, settings and adapters.',
      },
    ],
  ),
  ...layer(
    ['src/store/**/*.ts', 'db/**/*.ts'],
    [
      {
        regex: `^(\\.\\./)+(${['llm', 'http', 'assets', ...CHANNELS_AND_ROOT, 'config'].join('|')})([/.]|$)`,
        message: 'Stores implement domain ports and know nothing of channels, models or configuration.',
      },
    ],
  ),
  ...layer(
    ['src/llm/**/*.ts', 'src/http/**/*.ts', 'src/assets/**/*.ts'],
    [
      {
        regex: `^(\\.\\./)+(store|db|${CHANNELS_AND_ROOT.join('|')})([/.]|$)`,
        message: 'Adapters are handed to the runtime; they do not reach into stores, channels or the composition root.',
      },
    ],
  ),
  ...layer(
    ['src/channels/**/*.ts', 'src/channels/**/*.tsx'],
    [
      {
        regex: '^\\.\\./(?!shared/)[a-z-]+/',
        message: 'A channel does not borrow from a sibling channel; what two channels share lives in channels/shared.',
      },
      {
        regex: '^(\\.\\./)+(store|db|runtime|composition-root|server|app|main|worker|cloudflare|wechat-gateway|open-database|cli)([/.]|$)',
        message:
          'Channels translate platform messages; each route factory declares the narrow dependencies it uses, and the composition root passes them in.',
      },
    ],
  ),
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // The pages' own browser scripts (driver page, staff console): plain ES5-style scripts, linted for the browser.
  {
    files: ['src/channels/*/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-var': 'off', '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
);
