import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from '@/app/App.vue';
import { createAppRouter } from '@/app/router';
import { applyLocale, createAppI18n, type LocaleTarget } from '@/i18n';
import { listenForInstallPrompt } from '@/pwa/useInstallPrompt';
import { readSavedLocale } from '@/stores/preferences';
import { useSessionStore } from '@/stores/session';
import '@/app/styles.css';

async function start(): Promise<void> {
  // The browser may offer installation before any screen that shows the offer is open.
  listenForInstallPrompt(window);
  const i18n = createAppI18n();
  // Load the saved language before the app renders, so a reload never flashes Russian text
  // at someone who chose English.
  await applyLocale(i18n.global as unknown as LocaleTarget, readSavedLocale(localStorage));

  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  const session = useSessionStore(pinia);
  const router = createAppRouter(() => session.workspace);
  app.use(router);
  // In sync mode, resume the saved session (and its sync). Started before mounting so the
  // screens wait for the user's database instead of showing the device-only one first.
  void session.init();
  // index.html's shell stays on screen until the first page's chunk has loaded, so the app
  // replaces it with that page at once instead of an empty frame. A failed first navigation
  // (a chunk that did not load) still mounts: the router shows what it can.
  await router.isReady().catch(() => undefined);
  app.mount('#app');
}

void start();
