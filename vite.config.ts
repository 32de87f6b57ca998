/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig, loadEnv, type Plugin, type Rolldown } from 'vite';
import vue from '@vitejs/plugin-vue';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import { VitePWA } from 'vite-plugin-pwa';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const SUPABASE_STUB_ID = '\0supabase-js-device-only';

/**
 * The one lazy chunk every screen needs: Dexie and the shared data layer, domain rules,
 * composables and base components — but not what one page alone uses (the curator's home,
 * monitoring, matching, documents, exports, backup, the KPI and municipal tables, the intake's
 * mentor list), which stays in that page's chunk. A module listed here that a shared module
 * imports statically is pulled back into this chunk: keep page-only code out of shared ones.
 */
const SHARED_DATA =
  /[\\/]src[\\/](composables|data|domain|stores|components[\\/]base)[\\/]|[\\/]node_modules[\\/]dexie[\\/]/;
const ONE_PAGE_ONLY =
  /[\\/]src[\\/](domain[\\/]documents[\\/]|(domain|data|composables)[\\/](backup|backupSettings|documents?|exports?|matching|monitoring|schoolOverview|triage|overview|useBackup|useDocuments|useExports|useMatching|useMonitoring|useSchoolOverview|useTriage|documentQueries|exportQueries|matchingQueries|monitoringQueries|overviewQueries|roll|rollImport|useRollImport|intake|useIntake|kpi|kpiQueries|useKpis|training|useTrainings|yearQueries|useProgrammeYear|municipality|useMunicipality|useMunicipalDownload|useSheetDownload|municipalExport|useMunicipalTargets|useIntakeMentorDirectory)\b|data[\\/]repos[\\/](kpiValues|schoolDocuments|schoolRequisites)\b)/;
/**
 * Dexie and the database schema: a chunk of their own, which src/main.ts evaluates in a step of
 * its own before the first page, so the data layer's evaluation is two shorter tasks.
 */
const DATABASE = /[\\/]node_modules[\\/]dexie[\\/]|[\\/]src[\\/]data[\\/](db|ids)\.ts$/;
function isSharedDataModule(id: string): boolean {
  return SHARED_DATA.test(id) && !ONE_PAGE_ONLY.test(id);
}

/**
 * Only a build with both VITE_SUPABASE_ variables set can reach sync mode (src/api/config.ts:
 * both empty is device-only, one alone is refused at start). Any other build gets a stub of
 * supabase-js that throws, so the device-only app neither downloads nor precaches it.
 */
function supabaseOnlyWhenConfigured(env: Record<string, string>): Plugin {
  const configured = !!env.VITE_SUPABASE_URL?.trim() && !!env.VITE_SUPABASE_ANON_KEY?.trim();
  return {
    name: 'nastavnik:supabase-only-when-configured',
    apply: 'build',
    enforce: 'pre',
    resolveId: (id) => (!configured && id === '@supabase/supabase-js' ? SUPABASE_STUB_ID : null),
    load: (id) =>
      id === SUPABASE_STUB_ID
        ? 'export function createClient() { throw new Error("device-only build: no Supabase"); }'
        : null,
  };
}

/** The static imports of a chunk, followed transitively (file names). */
function staticClosure(bundle: Rolldown.OutputBundle, start: Rolldown.OutputChunk): Set<string> {
  const seen = new Set<string>();
  const queue = [start.fileName];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const chunk = bundle[file];
    if (seen.has(file) || chunk?.type !== 'chunk') continue;
    seen.add(file);
    queue.push(...chunk.imports);
  }
  return seen;
}

/**
 * The steps src/main.ts starts the app in, each evaluated in a task of its own: the entry
 * (Vue), then the messages, then the app's frame (router, Pinia, App.vue and what it imports
 * statically), then the home screen. A step is the static closure of what main.ts imports
 * dynamically at that step; the 'i18n' step is the closure of src/i18n/index.ts, the 'frame'
 * step everything else, 'home' what HomeView.vue adds. Computed from the module graph once it
 * is built, read by the chunk groups below.
 */
const bootStep = new Map<string, 'i18n' | 'frame' | 'home'>();
function bootSteps(mainModule: string, i18nModule: string, homeModule: string): Plugin {
  return {
    name: 'nastavnik:boot-steps',
    apply: 'build',
    buildEnd() {
      bootStep.clear();
      const closure = (start: string) => {
        const seen = new Set<string>();
        const queue = [start];
        while (queue.length > 0) {
          const id = queue.shift()!;
          if (seen.has(id)) continue;
          seen.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const main = this.getModuleInfo(mainModule);
      if (!main) return;
      const initial = closure(mainModule);
      for (const id of closure(i18nModule)) if (!initial.has(id)) bootStep.set(id, 'i18n');
      for (const root of main.dynamicallyImportedIds) {
        if (DATABASE.test(root)) continue; // a step, but not the frame's: see DATABASE
        for (const id of closure(root)) {
          if (!initial.has(id) && !bootStep.has(id)) bootStep.set(id, 'frame');
        }
      }
      // The home screen's own components, one chunk with its page: one request, not one per
      // card (the data layer it shares with every page stays the 'data' chunk).
      for (const id of closure(homeModule)) {
        if (!initial.has(id) && !bootStep.has(id)) bootStep.set(id, 'home');
      }
    },
  };
}

/** The chunks a first visit loads: the entry, its start-up steps (the frame), the home screen. */
function firstVisitChunks(bundle: Rolldown.OutputBundle, homeView: string) {
  const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) return null;
  const frame = staticClosure(bundle, entry);
  for (const step of chunks.filter((c) => c.name === 'i18n' || c.name === 'frame')) {
    for (const file of staticClosure(bundle, step)) frame.add(file);
  }
  const home = chunks.find((c) => c.moduleIds.includes(homeView));
  const homeJs = home ? [...staticClosure(bundle, home)].filter((f) => !frame.has(f)) : [];
  return { entry, frame, homeJs };
}

/**
 * V8 compiles a function when it is first called, on the main thread: starting Vue and the
 * data layer compiled most of them inside the start-up tasks. The explicit compile hint
 * (`//# allFunctionsCalledOnLoad`, Chromium 136+, ignored elsewhere) has the first visit's
 * chunks compiled whole on a background thread while they download instead. Added after
 * minifying (which drops comments); it must be the file's first line. The source map moves down
 * a line with it.
 */
function compileFirstVisitEagerly(homeView: string): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  return {
    name: 'nastavnik:compile-first-visit-eagerly',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle, which puts its preload map at the top of the chunks.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const first = firstVisitChunks(bundle, homeView);
        if (!first) return;
        for (const file of [...first.frame, ...first.homeJs]) {
          const chunk = bundle[file];
          if (chunk?.type !== 'chunk' || chunk.code.startsWith(HINT)) continue;
          chunk.code = HINT + chunk.code;
          if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
          const map = bundle[`${file}.map`];
          if (map?.type === 'asset') {
            const json = JSON.parse(String(map.source)) as { mappings: string };
            map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
          }
        }
      },
    },
  };
}

/**
 * The first paint is index.html's shell and nothing else (see its comment): the first screen's
 * stylesheets are inlined, and the entry runs only after the shell has painted, so no phone
 * waits for JavaScript to see the app's frame. The chunks of main.ts's start-up steps (the
 * frame) and of the home screen (the start page of the installed app) are preloaded from the
 * start instead of being discovered one import at a time. Nothing here changes what loads, only
 * when. bench/bundle-size.mjs reads the lists (`entry`, `preloads`) from the loader.
 */
function shellFirst(homeView: string): Plugin {
  return {
    name: 'nastavnik:shell-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk }) {
        if (!bundle || !chunk) return html;
        const url = (file: string) => `/${file}`;
        const first = firstVisitChunks(bundle, homeView);
        if (!first) return html;
        const { frame, homeJs } = first;
        const cssOf = (files: Iterable<string>) =>
          [...files].flatMap((file) => {
            const c = bundle[file];
            return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
          });
        // The first screen's styles (the frame's and the home screen's, a few KB) are inlined:
        // the frame mounts over the shell as soon as its script has run, never unstyled, and no
        // stylesheet arriving later restyles the page.
        const inlined = [...new Set(cssOf([...frame, ...homeJs]))];
        const styles = inlined.flatMap((file) => {
          const asset = bundle[file];
          return asset?.type === 'asset' ? [String(asset.source)] : [];
        });
        // Vite's import() helper loads a chunk's stylesheets before the chunk, unless a
        // stylesheet link to them is on the page: a disabled one (never fetched) tells it that
        // the inlined ones are there already, instead of a round trip per step of main.ts.
        const marks = inlined.map((file) => `<link rel="stylesheet" href="${url(file)}" disabled>`);
        const out = html
          .replace(/\s*<script type="module" crossorigin src="[^"]+"><\/script>/, '')
          .replace(/\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '')
          .replace(/\s*<link rel="stylesheet" crossorigin href="[^"]+">/g, '')
          .replace(
            '</head>',
            () => `  <style>${styles.join('')}</style>\n    ${marks.join('')}\n  </head>`,
          );
        // After the next paint (rAF, then a task; a hidden tab gets no frames, hence the timer):
        // the first visit's chunks are preloaded together, then the entry runs. Not from the
        // start: a preload in the head counts as render-blocking in Lighthouse's simulation.
        // The [step, url] pairs name the lists for bench/bundle-size.mjs.
        const preloads = JSON.stringify([
          ...[...frame].filter((f) => f !== chunk.fileName).map((f) => ['frame', url(f)]),
          ...homeJs.map((f) => ['home', url(f)]),
        ]);
        const entry = JSON.stringify(url(chunk.fileName));
        const loader = `(function(){var d=document,started=0,entry=${entry},preloads=${preloads};function add(tag,attrs){var e=d.createElement(tag);for(var k in attrs)e[k]=attrs[k];d.head.appendChild(e)}function start(){if(started)return;started=1;preloads.forEach(function(p){add('link',{rel:'modulepreload',crossOrigin:'',href:p[1]})});add('script',{type:'module',crossOrigin:'',src:entry})}requestAnimationFrame(function(){setTimeout(start,0)});setTimeout(start,300)})();`;
        return out.replace('</body>', () => `  <script>${loader}</script>\n  </body>`);
      },
    },
  };
}

const homeView = fileURLToPath(new URL('./src/views/home/HomeView.vue', import.meta.url));

export default defineConfig(({ command, mode }) => ({
  plugins: [
    // The production build leaves out Vue's Options API (~2.5 KB gzip of the first visit): every
    // component is <script setup>. The tests keep it (@vue/test-utils may rely on it).
    vue({ features: { optionsAPI: command !== 'build' } }),
    supabaseOnlyWhenConfigured(loadEnv(mode, process.cwd(), 'VITE_')),
    bootSteps(
      fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      fileURLToPath(new URL('./src/i18n/index.ts', import.meta.url)),
      homeView,
    ),
    shellFirst(homeView),
    compileFirstVisitEagerly(homeView),
    // Production only: every locale JSON is precompiled, so vue-i18n's runtime-only build
    // (no message compiler) ships. Dev and the tests keep plain JSON and the full build.
    command === 'build' &&
      VueI18nPlugin({
        include: [fileURLToPath(new URL('./src/i18n/locales/**/*.json', import.meta.url))],
        runtimeOnly: true,
        compositionOnly: true,
        fullInstall: false,
        dropMessageCompiler: true,
        strictMessage: true,
        escapeHtml: false,
      }),
    VitePWA({
      // The app asks before it reloads into a new version: a silent reload could lose a
      // half-typed note (see src/pwa/).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
        name: 'Наставничество — целевая модель',
        short_name: 'Наставник',
        description:
          'Наставнические пары, встречи, планы развития и мониторинг целевой модели наставничества в школе.',
        lang: 'ru',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1f5f8b',
        background_color: '#f6f7f9',
        categories: ['education', 'productivity'],
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every lazy route and locale chunk is precached, so the app starts offline after
        // the first visit and every screen opens with no network.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first worker controls the page that installed it, so a mentor who loses signal
        // during the very first visit still opens every screen. Updates still wait for the
        // user (registerType 'prompt': no skipWaiting).
        clientsClaim: true,
        // generateSW stays: the reminder notifications' click handler is a small file from
        // public/ that the generated worker imports (see src/pwa/notifications.ts).
        importScripts: ['notification-click.js'],
      },
    }),
  ],
  define: {
    APP_VERSION: JSON.stringify(pkg.version),
  },
  resolve: {
    alias: { '@': srcDir },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: bench/bundle-size.mjs reads the static import graph from it.
    manifest: true,
    rolldownOptions: {
      output: {
        // Few chunks on the way to the first screen (a phone on slow 4G pays for each request),
        // one per start-up step of src/main.ts, each evaluated in a task of its own: the entry
        // (Vue), the messages, the app's frame, the database (Dexie), the home screen. The app's
        // data layer (domain rules, repos, composables), which every screen needs, is one lazy
        // chunk. Page components and heavy libraries (charts, supabase-js, QR) stay chunks of
        // their own.
        codeSplitting: {
          groups: [
            { name: 'first', tags: ['$initial'], priority: 30 },
            { name: 'i18n', test: (id) => bootStep.get(id) === 'i18n', priority: 25 },
            { name: 'frame', test: (id) => bootStep.get(id) === 'frame', priority: 20 },
            { name: 'database', test: DATABASE, priority: 15 },
            { name: 'data', test: isSharedDataModule, priority: 10 },
            { name: 'home', test: (id) => bootStep.get(id) === 'home', priority: 5 },
          ],
        },
      },
    },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/setup-unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          environment: 'node',
          include: ['test/db/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
