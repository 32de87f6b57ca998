// Decides which way to offer installing the app on this device. Pure: the composable
// (useInstallPrompt.ts) gathers the facts from the browser.

/** What the install card shows: the browser's own dialog, the iOS steps, or nothing. */
export type InstallOffer = 'prompt' | 'ios-steps' | 'none';

export interface InstallFacts {
  /** Opened as an installed app (display-mode: standalone, or iOS navigator.standalone). */
  isStandalone: boolean;
  /** `appinstalled` fired in this session. */
  wasInstalled: boolean;
  /** The browser offered installation (`beforeinstallprompt`, kept for later). */
  hasPromptEvent: boolean;
  userAgent: string;
  /** iPadOS presents itself as a Mac; touch points tell them apart. */
  maxTouchPoints: number;
}

// Browsers on iOS other than Safari name themselves; their share menus differ from Safari's.
const OTHER_IOS_BROWSERS =
  /CriOS|FxiOS|EdgiOS|OPiOS|OPT\/|YaBrowser|GSA\/|DuckDuckGo|Instagram|FBAN|FBAV|VK/;

/** Safari on an iPhone, iPod or iPad (which installs only through «Поделиться → На экран «Домой»»). */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  const isIos =
    /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  return isIos && /Safari\//.test(userAgent) && !OTHER_IOS_BROWSERS.test(userAgent);
}

export function installOfferFor(facts: InstallFacts): InstallOffer {
  if (facts.isStandalone || facts.wasInstalled) return 'none';
  if (facts.hasPromptEvent) return 'prompt';
  if (isIosSafari(facts.userAgent, facts.maxTouchPoints)) return 'ios-steps';
  return 'none';
}
