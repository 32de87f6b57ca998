// The user's device preferences (language, system notifications). Kept in localStorage so
// the first paint after a reload already follows them; nothing here is synced.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from '@/i18n';
import {
  notificationAccess,
  requestNotificationAccess,
  type NotificationAccess,
} from '@/pwa/notifications';

export const LOCALE_STORAGE_KEY = 'nastavnik.locale';
export const NOTIFICATIONS_STORAGE_KEY = 'nastavnik.notifications';

export function readSavedLocale(storage: Pick<Storage, 'getItem'> | undefined): AppLocale {
  try {
    const saved = storage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    // Storage can throw in private modes; the default language is a safe answer.
    return DEFAULT_LOCALE;
  }
}

function readSavedFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === 'on';
  } catch {
    return false;
  }
}

function saveFlag(key: string, on: boolean): void {
  try {
    globalThis.localStorage?.setItem(key, on ? 'on' : 'off');
  } catch {
    // Not persisted, but the choice still applies to this session.
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

  /** The user's wish ("Уведомления на телефоне"); the browser's answer is kept apart. */
  const notificationsWanted = ref(readSavedFlag(NOTIFICATIONS_STORAGE_KEY));
  const notificationAccessState = ref<NotificationAccess>(notificationAccess());
  /** Notifications are shown only when both the user and the browser say yes. */
  const notificationsOn = computed(
    () => notificationsWanted.value && notificationAccessState.value === 'granted',
  );

  function setNotificationsWanted(on: boolean): void {
    notificationsWanted.value = on;
    saveFlag(NOTIFICATIONS_STORAGE_KEY, on);
  }

  /** Turning the switch on is the only moment the browser's permission prompt appears. */
  async function enableNotifications(): Promise<void> {
    notificationAccessState.value = await requestNotificationAccess();
    setNotificationsWanted(notificationAccessState.value === 'granted');
  }

  function disableNotifications(): void {
    setNotificationsWanted(false);
  }

  /** The user may change the permission in the browser's settings while the app is away. */
  function refreshNotificationAccess(): void {
    notificationAccessState.value = notificationAccess();
  }

  return {
    locale,
    setLocale,
    notificationsWanted,
    notificationAccess: notificationAccessState,
    notificationsOn,
    enableNotifications,
    disableNotifications,
    refreshNotificationAccess,
  };
});
