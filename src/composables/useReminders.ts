// The reminders block: the reminders that matter to this user, without the snoozed ones,
// each with the words to show and where to go to act on it.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { RouteLocationRaw } from 'vue-router';
import { observeReminderSnoozes, snoozeReminder } from '@/data/reminders';
import { localIsoDate } from '@/domain/dates';
import { deriveReminders, visibleReminders, type Reminder } from '@/domain/reminders';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { usePairOverviews, type PairOverview } from './usePairs';
import { useViewer } from './useViewer';

export type ReminderAction = 'logMeeting' | 'openPlan' | 'openPair';

export interface ReminderItem {
  reminder: Reminder;
  /** i18n key under `reminders.` of the action link. */
  action: ReminderAction;
  to: RouteLocationRaw;
  /** "mentors → mentees", to tell pairs apart. */
  names: string;
}

function actionFor(reminder: Reminder): ReminderAction {
  if (reminder.kind === 'silence' || reminder.kind === 'organisationalNotHeld') return 'logMeeting';
  if (reminder.kind === 'taskOverdue' || reminder.kind === 'taskDueSoon') return 'openPlan';
  return 'openPair';
}

const ROUTES: Record<ReminderAction, string> = {
  logMeeting: 'meeting-new',
  openPlan: 'plan',
  openPair: 'pair',
};

/** The reminder's headline in the current language (also the system notification's title). */
export function useReminderText() {
  const { t, te } = useI18n();
  return (reminder: Reminder): string => {
    switch (reminder.kind) {
      case 'taskDueSoon':
        return reminder.daysLeft === 0
          ? t('reminders.kind.taskDueToday', { title: reminder.title })
          : reminder.daysLeft === 1
            ? t('reminders.kind.taskDueTomorrow', { title: reminder.title })
            : t('reminders.kind.taskDueInDays', { title: reminder.title, days: reminder.daysLeft });
      case 'questionnaire':
        // The questionnaire feature names its own steps; a step it adds later still reads well.
        return te(`pairs.nextStep.${reminder.step}`)
          ? t(`pairs.nextStep.${reminder.step}`)
          : t('reminders.kind.questionnaire');
      case 'taskOverdue':
        return t('reminders.kind.taskOverdue', { title: reminder.title });
      default:
        return t(`reminders.kind.${reminder.kind}`, { days: reminder.days });
    }
  };
}

export function toReminderItems(
  reminders: readonly Reminder[],
  overviews: readonly PairOverview[],
  namesOf: (o: PairOverview) => string,
): ReminderItem[] {
  const byId = new Map(overviews.map((o) => [o.pair.id, o]));
  return reminders.flatMap((reminder) => {
    const overview = byId.get(reminder.pairId);
    if (!overview) return [];
    const action = actionFor(reminder);
    const to = { name: ROUTES[action], params: { pairId: reminder.pairId } };
    return [{ reminder, action, to, names: namesOf(overview) }];
  });
}

/** The names line of a pair, as the pair card shows it. */
export function usePairNames() {
  const { t } = useI18n();
  return (o: PairOverview) =>
    t('pairs.names', {
      mentors: o.mentors.map((p) => p.full_name).join(', '),
      mentees: o.mentees.map((p) => p.full_name).join(', '),
    });
}

/** Today's reminders for this user (snoozed ones hidden) and "remind me tomorrow". */
export function useReminders() {
  const { pairs, isLoading } = usePairOverviews();
  const viewer = useViewer();
  const { data: snoozes } = useLiveQuery(observeReminderSnoozes);
  const namesOf = usePairNames();
  const items = computed(() => {
    const today = localIsoDate(new Date());
    const all = deriveReminders(pairs.value, viewer.value, today);
    return toReminderItems(visibleReminders(all, snoozes.value ?? {}, today), pairs.value, namesOf);
  });
  const snoozeCommand = useCommand((ctx, key: string) =>
    snoozeReminder(ctx, key, localIsoDate(new Date())),
  );
  return { items, isLoading, snooze: snoozeCommand.run, isSnoozing: snoozeCommand.isRunning };
}
