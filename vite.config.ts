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
 * monitoring, matching, documents, exports, backup), which stays in that page's chunk.
 */
const SHARED_DATA =
  /[\\/]src[\\/](composables|data|domain|stores|components[\\/]base)[\\/]|[\\/]node_modules[\\/]dexie[\\/]/;
const ONE_PAGE_ONLY =
  /[\\/]src[\\/](domain[\\/]documents[\\/]|(domain|data|composables)[\\/](backup|documents?|exports?|matching|monitoring|schoolOverview|triage|overview|useBackup|useDocuments|useExports|useMatching|useMonitoring|useSchoolOverview|useTriage|documentQueries|exportQueries|matchingQueries|monitoringQueries|overviewQueries)\b)/;
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
 * The first paint is index.html's shell and nothing else (see its comment): the entry's
 * stylesheet is inlined, and the scripts are requested only after the shell has painted, so
 * no phone waits for JavaScript to see the app's frame. Together with the entry, the home
 * screen's chunks (the start page of the installed app) are preloaded instead of being
 * discovered one import at a time. Nothing here changes what loads, only when.
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
        const entry = staticClosure(bundle, chunk);
        const home = Object.values(bundle).find(
          (c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.facadeModuleId === homeView,
        );
        const homeJs = home ? [...staticClosure(bundle, home)].filter((f) => !entry.has(f)) : [];
        const homeCss = homeJs.flatMap((file) => {
          const c = bundle[file];
          return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
        });
        const preloads = [...[...entry].filter((f) => f !== chunk.fileName), ...homeJs];

        let out = html
          .replace(/\s*<script type="module" crossorigin src="[^"]+"><\/script>/, '')
          .replace(/\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '');
        for (const css of chunk.viteMetadata?.importedCss ?? []) {
          const asset = bundle[css];
          if (asset?.type !== 'asset') continue;
          out = out.replace(
            new RegExp(`<link rel="stylesheet" crossorigin href="/${css}">`),
            () => `<style>${String(asset.source)}</style>`,
          );
        }
        // After the next paint (rAF, then a task); a hidden tab gets no frames, hence the timer.
        const loader = `(function(){var d=document,started=0;function add(tag,attrs){var e=d.createElement(tag);for(var k in attrs)e[k]=attrs[k];d.head.appendChild(e)}function start(){if(started)return;started=1;${JSON.stringify(preloads.map(url))}.forEach(function(h){add('link',{rel:'modulepreload',crossOrigin:'',href:h})});add('script',{type:'module',crossOrigin:'',src:${JSON.stringify(url(chunk.fileName))}});${JSON.stringify(homeCss.map(url))}.forEach(function(h){add('link',{rel:'stylesheet',crossOrigin:'',href:h})})}requestAnimationFrame(function(){setTimeout(start,0)});setTimeout(start,300)})();`;
        return out.replace('</body>', () => `  <script>${loader}</script>\n  </body>`);
      },
    },
  };
}

export default defineConfig(({ command, mode }) => ({
  plugins: [
    vue(),
    supabaseOnlyWhenConfigured(loadEnv(mode, process.cwd(), 'VITE_')),
    shellFirst(fileURLToPath(new URL('./src/views/home/HomeView.vue', import.meta.url))),
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
        // Fewer, larger chunks on the way to the first screen: a phone on slow 4G pays a round
        // trip per request. Everything the entry needs is one chunk; the app's data layer
        // (Dexie, domain rules, composables), which every screen needs, is one lazy chunk.
        // Page components and heavy libraries (charts, supabase-js, QR) stay chunks of their own.
        codeSplitting: {
          groups: [
            { name: 'first', tags: ['$initial'], priority: 20 },
            { name: 'data', test: isSharedDataModule, priority: 10 },
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
