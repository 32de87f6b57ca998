// The user's device preferences (language). Kept in localStorage so the first paint after a
// reload is already in the chosen language; nothing here is synced.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from '@/i18n';

export const LOCALE_STORAGE_KEY = 'nastavnik.locale';

export function readSavedLocale(storage: Pick<Storage, 'getItem'> | undefined): AppLocale {
  try {
    const saved = storage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    // Storage can throw in private modes; the default language is a safe answer.
    return DEFAULT_LOCALE;
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<AppLocale>(readSavedLocale(globalThis.localStorage));

  function setLocale(next: AppLocale): void {
    locale.value = next;
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not persisted, but the switch still applies to this session.
    }
  }

  return { locale, setLocale };
});
