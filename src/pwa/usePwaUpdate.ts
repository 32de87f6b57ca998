// Owns the service-worker lifecycle as the user sees it. The worker is registered with
// registerType 'prompt': a new version waits until the user says "update", because a silent
// reload could throw away a half-typed note.
import { watch } from 'vue';
import { useRegisterSW } from 'virtual:pwa-register/vue';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
const OFFLINE_READY_NOTICE_MS = 6000;

export function usePwaUpdate() {
  const { needRefresh, offlineReady, updateServiceWorker } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Phones keep a PWA open for days; look for a new version now and then.
      setInterval(() => {
        if (navigator.onLine) void registration.update();
      }, UPDATE_CHECK_INTERVAL_MS);
    },
  });

  // "Ready offline" is news, not a question: it goes away by itself.
  watch(offlineReady, (ready) => {
    if (ready) setTimeout(() => (offlineReady.value = false), OFFLINE_READY_NOTICE_MS);
  });

  function dismiss(): void {
    needRefresh.value = false;
    offlineReady.value = false;
  }

  async function applyUpdate(): Promise<void> {
    await updateServiceWorker(true);
  }

  return { needRefresh, offlineReady, dismiss, applyUpdate };
}
