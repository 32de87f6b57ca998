// Starts the app over index.html's shell (which is already on screen) in short steps, each its
// own task, so a slow phone's main thread is never blocked for long: the framework, the
// messages, the app's modules, the frame, then the first page (src/pwa/startup.ts). The chunks
// of every step are preloaded together by index.html (vite.config.ts, shellFirst), so the steps
// wait for no extra round trip. Every import() here is a start-up step: vite.config.ts
// (bootSteps) puts what it imports into the first visit's chunks, so nothing that can wait
// belongs here — it waits in App.vue for afterFirstScreen().
import type { LocaleTarget } from '@/i18n';
import { yieldToMain } from '@/pwa/startup';
import { listenForInstallPrompt } from '@/pwa/useInstallPrompt';
import '@/app/styles.css';

/** A User Timing mark per step: Lighthouse and the browser's performance panel show them. */
const mark = (step: string) => performance.mark?.(`app:${step}`);

async function start(): Promise<void> {
  mark('start');
  // The browser may offer installation before any screen that shows the offer is open.
  listenForInstallPrompt(window);
  await yieldToMain();

  mark('messages');
  const { applyLocale, createAppI18n } = await import('@/i18n');
  const i18n = createAppI18n();
  await yieldToMain();

  mark('modules');
  const [{ createApp }, { createPinia }, { default: App }, { createAppRouter }, stores] =
    await Promise.all([
      import('vue'),
      import('pinia'),
      import('@/app/App.vue'),
      import('@/app/router'),
      Promise.all([import('@/stores/session'), import('@/stores/preferences')]),
    ]);
  const [{ useSessionStore }, { readSavedLocale }] = stores;
  // Load the saved language before the app renders, so a reload never flashes Russian text
  // at someone who chose English.
  await applyLocale(i18n.global as unknown as LocaleTarget, readSavedLocale(localStorage));
  await yieldToMain();

  // The device database's library (Dexie), which every page's data needs, in a step of its own
  // (not one of the frame's: vite.config.ts gives it a chunk preloaded with the home screen).
  mark('database');
  await import('@/data/db');
  await yieldToMain();

  mark('frame');
  // The shell's page area stays on screen, inside the app's frame, until the first page's
  // chunk has loaded (App.vue adopts it): no empty frame, and no second, larger paint of it.
  const shell = document.querySelector<HTMLElement>('.boot__main');
  shell?.remove();
  const app = createApp(App, { shell });
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  const session = useSessionStore(pinia);
  // A route is decided once the session has resumed (a reload of a staff-only page stays).
  const router = createAppRouter(
    () => session.workspace,
    () => session.isSettled,
  );
  // The first page renders in a task of its own, after its chunk has been evaluated.
  const stopYielding = router.beforeResolve(async () => {
    stopYielding();
    await yieldToMain();
    mark('first-page');
  });
  app.use(router);
  // In sync mode, resume the saved session (and its sync). Started before mounting so the
  // screens wait for the user's database instead of showing the device-only one first.
  void session.init();
  await yieldToMain();

  mark('mount');
  app.mount('#app');
  mark('frame-mounted');
  await router.isReady().catch(() => undefined);
  await yieldToMain();
  mark('first-screen');
}

void start();
