// System notifications for reminders, while the app runs (no push server: a closed app
// cannot be woken). Checks at start, when the app becomes visible and hourly; each reminder
// occurrence is notified once, at most one per pair a day, never in quiet hours (domain rules).
import { computed, effectScope, onScopeDispose, watch, type EffectScope } from 'vue';
import { useRouter } from 'vue-router';
import { appDataContext } from '@/data/context';
import { claimNotifications } from '@/data/reminders';
import { localIsoDate } from '@/domain/dates';
import { deriveReminders, notificationsDue } from '@/domain/reminders';
import { onNotificationOpen, showSystemNotification } from '@/pwa/notifications';
import { usePreferencesStore } from '@/stores/preferences';
import { usePairOverviews } from './usePairs';
import { toReminderItems, usePairNames, useReminderText } from './useReminders';
import { useViewer } from './useViewer';

export const REMINDER_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function useReminderNotifications(clock: () => Date = () => new Date()) {
  const preferences = usePreferencesStore();
  const router = useRouter();
  const viewer = useViewer();
  const textOf = useReminderText();
  const namesOf = usePairNames();

  // A tapped notification opens its page inside the running app (no reload, no lost draft).
  const stopListening = onNotificationOpen((path) => void router.push(path));

  /** Watches the pairs only while notifications are on: otherwise this costs nothing. */
  function watchPairs(): () => Promise<void> {
    const { pairs, isLoading } = usePairOverviews();
    let isChecking = false;
    let isCheckDue = false;
    async function check(): Promise<void> {
      if (isLoading.value) return;
      // One check at a time; a request meanwhile runs once the current one is done.
      if (isChecking) {
        isCheckDue = true;
        return;
      }
      isChecking = true;
      isCheckDue = false;
      try {
        const now = clock();
        const today = localIsoDate(now);
        const all = deriveReminders(pairs.value, viewer.value, today);
        const ctx = await appDataContext();
        const due = await claimNotifications(ctx, (log, snoozes) =>
          notificationsDue(all, log, snoozes, now),
        );
        for (const item of toReminderItems(due, pairs.value, namesOf)) {
          await showSystemNotification({
            title: textOf(item.reminder),
            body: item.names,
            tag: item.reminder.key,
            path: router.resolve(item.to).fullPath,
          });
        }
      } finally {
        isChecking = false;
        if (isCheckDue) void check();
      }
    }
    // The first check waits for the pairs (and, signed in, the user's memberships) to load;
    // later ones follow the clock and the screen.
    watch([isLoading, viewer], ([loading]) => !loading && void check(), { immediate: true });
    return check;
  }

  let scope: EffectScope | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let check: (() => Promise<void>) | null = null;

  function onVisibility(): void {
    if (document.visibilityState !== 'visible') return;
    preferences.refreshNotificationAccess();
    void check?.();
  }

  const isOn = computed(() => preferences.notificationsOn);
  watch(
    isOn,
    (on) => {
      scope?.stop();
      clearInterval(timer);
      scope = null;
      check = null;
      if (!on) return;
      scope = effectScope(true);
      check = scope.run(watchPairs) ?? null;
      timer = setInterval(() => void check?.(), REMINDER_CHECK_INTERVAL_MS);
    },
    { immediate: true },
  );
  document.addEventListener('visibilitychange', onVisibility);

  onScopeDispose(() => {
    scope?.stop();
    clearInterval(timer);
    stopListening();
    document.removeEventListener('visibilitychange', onVisibility);
  });

  return { check: () => check?.() ?? Promise.resolve() };
}
