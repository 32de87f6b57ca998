// Owns what the device remembers about reminders: the user's snoozes and which reminders
// were already shown as system notifications. Kept in the meta table of the current user's
// database (never synced), so two people sharing a phone never share them.
import { liveQuery } from 'dexie';
import {
  EMPTY_NOTIFICATION_LOG,
  snooze,
  type NotificationLog,
  type Reminder,
  type Snoozes,
} from '@/domain/reminders';
import type { IsoDate } from '@/domain/types';
import type { DataContext } from './context';
import type { Observable } from './queries';

const SNOOZES_KEY = 'reminders.snoozes';
const NOTIFIED_KEY = 'reminders.notified';

export function observeReminderSnoozes(ctx: DataContext): Observable<Snoozes> {
  return liveQuery(async () => ((await ctx.db.meta.get(SNOOZES_KEY))?.value ?? {}) as Snoozes);
}

/** "Remind me tomorrow" for one reminder (expired snoozes are dropped on the way). */
export async function snoozeReminder(ctx: DataContext, key: string, today: IsoDate): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const current = ((await ctx.db.meta.get(SNOOZES_KEY))?.value ?? {}) as Snoozes;
    await ctx.db.meta.put({ key: SNOOZES_KEY, value: snooze(current, key, today) });
  });
}

export async function readReminderSnoozes(ctx: DataContext): Promise<Snoozes> {
  return ((await ctx.db.meta.get(SNOOZES_KEY))?.value ?? {}) as Snoozes;
}

/**
 * Decides and records, in one transaction, which reminders to notify: two tabs (or a start
 * and a visibility change) checking at once can never both notify the same reminder.
 */
export async function claimNotifications(
  ctx: DataContext,
  decide: (log: NotificationLog, snoozes: Snoozes) => { show: Reminder[]; log: NotificationLog },
): Promise<Reminder[]> {
  return ctx.db.transaction('rw', ctx.db.meta, async () => {
    const log = ((await ctx.db.meta.get(NOTIFIED_KEY))?.value ??
      EMPTY_NOTIFICATION_LOG) as NotificationLog;
    const snoozes = await readReminderSnoozes(ctx);
    const decision = decide(log, snoozes);
    await ctx.db.meta.put({ key: NOTIFIED_KEY, value: decision.log });
    return decision.show;
  });
}
