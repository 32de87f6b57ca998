// Lint is where the architecture of ../shared/STYLE.md is enforced: each folder may import only
// from the layers below it, and each external system has exactly one gateway folder.
import pluginVue from 'eslint-plugin-vue';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';
import prettierConfig from 'eslint-config-prettier';
import globals from 'globals';

const SUPABASE = { group: ['@supabase/*'], message: 'Only src/api/ talks to Supabase.' };
const DEXIE = {
  group: ['dexie', 'dexie/*'],
  message: 'Only src/data/ talks to IndexedDB (Dexie).',
};
const UI = {
  group: [
    'vue',
    'vue-router',
    'pinia',
    'vue-i18n',
    '@/components/*',
    '@/views/*',
    '@/stores/*',
    '@/composables/*',
    '@/app/*',
    '@/pwa/*',
    '*.vue',
  ],
  message: 'This layer must not depend on the UI.',
};
const layer = (name) => ({
  group: [`@/${name}`, `@/${name}/*`],
  message: `This layer must not import @/${name}.`,
});

// Heavy libraries, each with one gateway module that loads it on demand (never in the first
// chunk): .docx documents, .xlsx exports, charts.
const DOCX = {
  group: ['docx', 'docx/*'],
  message: 'Only src/documents/ writes .docx (import @/documents: it loads the writer on demand).',
};
const XLSX = {
  group: ['write-excel-file', 'write-excel-file/*'],
  message: 'Only src/exports/ writes .xlsx (loaded on demand).',
};
const CHART = {
  group: ['chart.js', 'chart.js/*'],
  message: 'Only src/components/monitoring/drawBarChart.ts draws charts (loaded on demand).',
};
const SHEETS = {
  group: ['read-excel-file', 'read-excel-file/*', 'papaparse', 'papaparse/*'],
  message: 'Only src/import/ reads .xlsx and .csv files (import @/import on demand).',
};
const LIBRARIES = [DOCX, XLSX, CHART, SHEETS];

/** no-restricted-imports with the given patterns (and every heavy library but `allowed`). */
const restrictExcept = (allowed, ...patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [...patterns, ...LIBRARIES.filter((library) => library !== allowed)] },
  ],
});
const restrict = (...patterns) => restrictExcept(null, ...patterns);

const BROWSER_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'navigator',
  'fetch',
  'location',
].map((name) => ({ name, message: 'The domain is pure: no browser globals.' }));

export default defineConfigWithVueTs(
  {
    ignores: [
      'dist/**',
      'dist-sync/**',
      'dev-dist/**',
      'coverage/**',
      'node_modules/**',
      'test-results/**',
      'bench/.dist/**',
      'src/api/database.types.ts',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'vue/multi-word-component-names': ['error', { ignores: ['App'] }],
      'vue/component-api-style': ['error', ['script-setup']],
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/no-bare-strings-in-template': 'error',
      'vue/require-explicit-emits': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Everything outside the gateways: no Supabase, no Dexie.
  {
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/api/**', 'src/data/**'],
    rules: restrict(SUPABASE, DEXIE),
  },
  {
    files: ['src/api/**'],
    rules: restrict(DEXIE, UI, layer('data'), layer('sync'), layer('stores')),
  },
  { files: ['src/data/**'], rules: restrict(SUPABASE, UI, layer('api'), layer('sync')) },
  {
    files: ['src/domain/**'],
    rules: {
      ...restrict(SUPABASE, DEXIE, UI, layer('api'), layer('data'), layer('sync'), layer('i18n')),
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  { files: ['src/sync/**'], rules: restrict(SUPABASE, DEXIE, UI) },
  {
    files: ['src/i18n/**'],
    rules: restrict(SUPABASE, DEXIE, layer('api'), layer('data'), layer('sync'), layer('stores')),
  },
  {
    files: ['src/stores/**'],
    rules: restrict(SUPABASE, DEXIE, layer('components'), layer('views'), layer('composables')),
  },
  {
    files: ['src/composables/**'],
    rules: restrict(SUPABASE, DEXIE, layer('components'), layer('views'), layer('app'), {
      group: ['@/data/db'],
      allowTypeImports: true,
      message: 'The database (AppDatabase) stays inside src/data/: call a repo function.',
    }),
  },
  // The Dexie database of a DataContext (ctx.db) is not reachable from the UI layers: reads
  // and writes go through src/data/ (repos, queries), so each one is named and typed.
  {
    files: ['src/composables/**', 'src/components/**', 'src/views/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db']",
          message: 'ctx.db is not reachable from the UI: add a function in src/data/repos/.',
        },
        {
          selector:
            "ImportSpecifier[imported.name=/^open(User)?DataContext$/], ImportSpecifier[imported.name='AppDatabase']",
          message: 'Opening a database is src/data/’s job: call a repo function.',
        },
      ],
    },
  },
  {
    files: ['src/components/base/**'],
    rules: restrict(
      SUPABASE,
      DEXIE,
      layer('stores'),
      layer('api'),
      layer('data'),
      layer('sync'),
      layer('views'),
      layer('app'),
    ),
  },
  {
    files: ['src/components/**', 'src/views/**'],
    ignores: ['src/components/base/**'],
    rules: restrict(SUPABASE, DEXIE, layer('data'), layer('sync'), layer('app'), {
      group: ['@/api', '@/api/*'],
      message: 'Views and components reach the server through stores and composables.',
    }),
  },
  // The gateways of the heavy libraries (after the layer rules they refine).
  {
    files: ['src/documents/**'],
    rules: restrictExcept(DOCX, SUPABASE, DEXIE, UI, layer('api'), layer('data'), layer('sync')),
  },
  {
    files: ['src/exports/**'],
    rules: restrictExcept(XLSX, SUPABASE, DEXIE, UI, layer('api'), layer('data'), layer('sync')),
  },
  {
    files: ['src/import/**'],
    rules: restrictExcept(SHEETS, SUPABASE, DEXIE, UI, layer('api'), layer('data'), layer('sync')),
  },
  {
    files: ['src/components/monitoring/drawBarChart.ts'],
    rules: restrictExcept(CHART, SUPABASE, DEXIE, layer('data'), layer('sync'), layer('app')),
  },
  {
    files: ['test/**', 'bench/**', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  prettierConfig,
);
