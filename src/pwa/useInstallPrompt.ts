// Owns installing the app on the phone. Chrome, Yandex Browser and other Chromium browsers on
// Android fire `beforeinstallprompt` once, often before any screen that offers installation
// is open: listenForInstallPrompt (called at start, src/main.ts) keeps the event for later.
import { computed, readonly, ref, shallowRef } from 'vue';
import { installOfferFor } from './installOffer';

/** The part of Chromium's BeforeInstallPromptEvent the app uses (not in TypeScript's DOM types). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const promptEvent = shallowRef<BeforeInstallPromptEvent | null>(null);
const wasInstalled = ref(false);
const isStandalone = ref(false);
let listening = false;

function standaloneNow(win: Window): boolean {
  const iosStandalone = (win.navigator as Navigator & { standalone?: boolean }).standalone;
  return iosStandalone === true || !!win.matchMedia?.('(display-mode: standalone)').matches;
}

/** Starts listening once; safe to call again. */
export function listenForInstallPrompt(win: Window = window): void {
  if (listening) return;
  listening = true;
  isStandalone.value = standaloneNow(win);
  win.matchMedia?.('(display-mode: standalone)').addEventListener?.('change', () => {
    isStandalone.value = standaloneNow(win);
  });
  win.addEventListener('beforeinstallprompt', (event) => {
    // Keeps Chrome's own mini-bar away: the app offers installation where the user looks for it.
    event.preventDefault();
    promptEvent.value = event as BeforeInstallPromptEvent;
  });
  win.addEventListener('appinstalled', () => {
    wasInstalled.value = true;
    promptEvent.value = null;
  });
}

export function useInstallPrompt() {
  listenForInstallPrompt();
  const isPrompting = ref(false);

  const offer = computed(() =>
    installOfferFor({
      isStandalone: isStandalone.value,
      wasInstalled: wasInstalled.value,
      hasPromptEvent: promptEvent.value !== null,
      userAgent: navigator.userAgent,
      maxTouchPoints: navigator.maxTouchPoints ?? 0,
    }),
  );

  /** Opens the browser's install dialog. A prompt can be shown once: the event is spent after. */
  async function install(): Promise<void> {
    const event = promptEvent.value;
    if (!event || isPrompting.value) return;
    isPrompting.value = true;
    try {
      await event.prompt();
      const { outcome } = await event.userChoice;
      if (outcome === 'accepted') wasInstalled.value = true;
    } finally {
      promptEvent.value = null;
      isPrompting.value = false;
    }
  }

  return { offer, install, isPrompting: readonly(isPrompting) };
}
