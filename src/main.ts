import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from '@/app/App.vue';
import { createAppRouter } from '@/app/router';
import { applyLocale, createAppI18n, type LocaleTarget } from '@/i18n';
import { readSavedLocale } from '@/stores/preferences';
import { useSessionStore } from '@/stores/session';
import '@/app/styles.css';

async function start(): Promise<void> {
  const i18n = createAppI18n();
  // Load the saved language before the first paint, so a reload never flashes Russian text
  // at someone who chose English.
  await applyLocale(i18n.global as unknown as LocaleTarget, readSavedLocale(localStorage));

  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  const session = useSessionStore(pinia);
  app.use(createAppRouter(() => session.workspace));
  // In sync mode, resume the saved session (and its sync). Started before mounting so the
  // screens wait for the user's database instead of showing the device-only one first.
  void session.init();
  app.mount('#app');
}

void start();
