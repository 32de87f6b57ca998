// Reminders: what a user should be nudged about, derived from the pairs' next steps and plan
// tasks, plus the rules that keep nudges bearable (snoozes, one system notification per
// occurrence and per pair per day, quiet hours). Pure: the caller passes the clock.
// Invariant: a reminder's key names one occurrence (the same silence since the same meeting,
// the same task with the same deadline), so dedupe and snoozes survive reloads and re-derivation.
import { addDays, daysBetween, localIsoDate } from './dates';
import type { NextStep } from './pairs';
import type { IsoDate, Pair, PlanTask } from './types';

/** A task is "due soon" this many days before its deadline (0 = today). */
export const TASK_DUE_SOON_DAYS = 2;
/** The organisational meeting is overdue a week after the order approving the pair. */
export const ORGANISATIONAL_GRACE_DAYS = 7;
/** Quiet hours, local time: no system notification from 21:00 until 08:00. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
/** Notified keys are forgotten after this many days, so the log stays small. */
export const NOTIFICATION_LOG_DAYS = 60;

interface ReminderBase {
  key: string;
  pairId: string;
}
export type Reminder =
  | (ReminderBase & { kind: 'taskOverdue'; taskId: string; title: string; dueOn: IsoDate })
  | (ReminderBase & { kind: 'silence'; days: number; since: IsoDate })
  | (ReminderBase & { kind: 'organisationalNotHeld'; days: number; approvedOn: IsoDate })
  | (ReminderBase & { kind: 'questionnaire'; step: string })
  | (ReminderBase & {
      kind: 'taskDueSoon';
      taskId: string;
      title: string;
      dueOn: IsoDate;
      daysLeft: number;
    });
export type ReminderKind = Reminder['kind'];

/**
 * The first day of the school year `today` is in: 1 September of this calendar year from
 * September on, of the previous one before it.
 */
export function schoolYearStart(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? `${year}-09-01` : `${year - 1}-09-01`;
}

/**
 * The day a reminder is about, when it has one: a task's deadline, the order approving the
 * pair. Orders for a new year are signed from August on: such an order counts as the new
 * year's (its pairs' first meeting is due in September). Silence counts from the last
 * meeting, whenever it was, and stays.
 */
function dueDateOf(reminder: Reminder): IsoDate | null {
  if (reminder.kind === 'taskOverdue' || reminder.kind === 'taskDueSoon') return reminder.dueOn;
  if (reminder.kind === 'organisationalNotHeld') return addDays(reminder.approvedOn, 31);
  return null;
}

/** Most urgent first: the order of the list and of the one notification a pair gets a day. */
const PRIORITY: readonly ReminderKind[] = [
  'taskOverdue',
  'silence',
  'organisationalNotHeld',
  'questionnaire',
  'taskDueSoon',
];

/** What the reminders are derived from: a pair overview (see composables/usePairs). */
export interface PairForReminders {
  pair: Pick<Pair, 'id' | 'status' | 'order_date'>;
  mentors: readonly { id: string }[];
  mentees: readonly { id: string }[];
  tasks: readonly Pick<PlanTask, 'id' | 'title' | 'due_on' | 'status' | 'deleted_at'>[];
  steps: readonly NextStep[];
}

/** Who is looking: decides which pairs and which kinds of reminder matter to them. */
export interface ReminderViewer {
  /** The user's own participant rows (signed in as a mentor or mentee). */
  participantIds: readonly string[];
  /** Device-only: the one person using the device keeps every pair, as its mentor would. */
  isDeviceOnly: boolean;
  /** Curator or school admin: watches every pair's rhythm, not each plan's deadlines. */
  isCoordinator: boolean;
}

const AUDIENCE: Record<'mentor' | 'mentee' | 'coordinator', readonly ReminderKind[]> = {
  mentor: PRIORITY,
  mentee: ['taskOverdue', 'taskDueSoon', 'questionnaire'],
  coordinator: ['silence', 'organisationalNotHeld', 'questionnaire'],
};

function roleIn(p: PairForReminders, viewer: ReminderViewer): keyof typeof AUDIENCE | null {
  const mine = (people: readonly { id: string }[]) =>
    people.some((person) => viewer.participantIds.includes(person.id));
  if (viewer.isDeviceOnly || mine(p.mentors)) return 'mentor';
  if (mine(p.mentees)) return 'mentee';
  return viewer.isCoordinator ? 'coordinator' : null;
}

function taskReminders(p: PairForReminders, today: IsoDate): Reminder[] {
  const out: Reminder[] = [];
  for (const task of p.tasks) {
    if (task.deleted_at !== null || task.due_on === null) continue;
    if (task.status !== 'todo' && task.status !== 'in_progress') continue;
    const daysLeft = daysBetween(today, task.due_on);
    const base = { pairId: p.pair.id, taskId: task.id, title: task.title, dueOn: task.due_on };
    if (daysLeft < 0) {
      out.push({ ...base, kind: 'taskOverdue', key: `taskOverdue:${task.id}:${task.due_on}` });
    } else if (daysLeft <= TASK_DUE_SOON_DAYS) {
      out.push({
        ...base,
        kind: 'taskDueSoon',
        key: `taskDueSoon:${task.id}:${task.due_on}`,
        daysLeft,
      });
    }
  }
  return out;
}

function stepReminders(p: PairForReminders, today: IsoDate): Reminder[] {
  const out: Reminder[] = [];
  const pairId = p.pair.id;
  for (const step of p.steps) {
    if (step.key === 'silence') {
      // The step counts days since the last meeting held, so this is that meeting's date.
      const since = addDays(today, -step.days);
      out.push({
        kind: 'silence',
        key: `silence:${pairId}:${since}`,
        pairId,
        since,
        days: step.days,
      });
    } else if (step.key === 'organisationalNotHeld' && p.pair.order_date) {
      const days = daysBetween(p.pair.order_date, today);
      if (days >= ORGANISATIONAL_GRACE_DAYS) {
        out.push({
          kind: 'organisationalNotHeld',
          key: `organisational:${pairId}:${p.pair.order_date}`,
          pairId,
          days,
          approvedOn: p.pair.order_date,
        });
      }
    } else if (/questionnaire/i.test(step.key)) {
      // Any questionnaire step (exit today, entry or feedback tomorrow) is a reminder.
      out.push({ kind: 'questionnaire', key: `${step.key}:${pairId}`, pairId, step: step.key });
    }
  }
  return out;
}

/** A deadline (or an order) from before this school year's 1 September is no longer news. */
function isOfPastSchoolYear(reminder: Reminder, yearStart: IsoDate): boolean {
  const due = dueDateOf(reminder);
  return due !== null && due < yearStart;
}

/** The reminders that matter to `viewer` today, most urgent first. */
export function deriveReminders(
  pairs: readonly PairForReminders[],
  viewer: ReminderViewer,
  today: IsoDate,
): Reminder[] {
  const out: Reminder[] = [];
  const yearStart = schoolYearStart(today);
  for (const p of pairs) {
    const role = roleIn(p, viewer);
    if (!role) continue;
    // Before approval nothing is late yet, and a finished pair has no deadlines left.
    const isRunning = p.pair.status === 'approved' || p.pair.status === 'active';
    const all = [...stepReminders(p, today), ...(isRunning ? taskReminders(p, today) : [])];
    const visible = all.filter(
      (r) =>
        AUDIENCE[role].includes(r.kind) &&
        (isRunning || r.kind === 'questionnaire') &&
        !isOfPastSchoolYear(r, yearStart),
    );
    out.push(...visible);
  }
  return out.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
}

/** Reminder key → the first day it shows again. */
export type Snoozes = Readonly<Record<string, IsoDate>>;

/** "Remind me tomorrow": hidden for the rest of today. */
export function snooze(snoozes: Snoozes, key: string, today: IsoDate): Snoozes {
  return { ...withoutExpired(snoozes, today), [key]: addDays(today, 1) };
}

export function isSnoozed(snoozes: Snoozes, key: string, today: IsoDate): boolean {
  const until = snoozes[key];
  return until !== undefined && until > today;
}

/** Drops the snoozes that have run out, so the stored map does not grow forever. */
export function withoutExpired(snoozes: Snoozes, today: IsoDate): Snoozes {
  return Object.fromEntries(Object.entries(snoozes).filter(([, until]) => until > today));
}

export function visibleReminders(
  reminders: readonly Reminder[],
  snoozes: Snoozes,
  today: IsoDate,
): Reminder[] {
  return reminders.filter((r) => !isSnoozed(snoozes, r.key, today));
}

/** What the device remembers about system notifications already shown. */
export interface NotificationLog {
  /** Reminder key → the day it was notified (each occurrence is notified once). */
  keys: Readonly<Record<string, IsoDate>>;
  /** Pair id → the last day a notification about it was shown. */
  pairs: Readonly<Record<string, IsoDate>>;
}

export const EMPTY_NOTIFICATION_LOG: NotificationLog = { keys: {}, pairs: {} };

export function isQuietTime(now: Date): boolean {
  const hour = now.getHours();
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/**
 * Which reminders to show as system notifications now, and the log to store with them:
 * nothing in quiet hours; never a key twice; nothing snoozed; at most one per pair per day
 * (the most urgent; the others wait for another day, if they still hold then).
 */
export function notificationsDue(
  reminders: readonly Reminder[],
  log: NotificationLog,
  snoozes: Snoozes,
  now: Date,
): { show: Reminder[]; log: NotificationLog } {
  const today = localIsoDate(now);
  const cutoff = addDays(today, -NOTIFICATION_LOG_DAYS);
  const keys = Object.fromEntries(Object.entries(log.keys).filter(([, day]) => day > cutoff));
  const pairs = Object.fromEntries(Object.entries(log.pairs).filter(([, day]) => day === today));
  const show: Reminder[] = [];
  if (!isQuietTime(now)) {
    for (const r of visibleReminders(reminders, snoozes, today)) {
      if (keys[r.key] !== undefined || pairs[r.pairId] !== undefined) continue;
      keys[r.key] = today;
      pairs[r.pairId] = today;
      show.push(r);
    }
  }
  return { show, log: { keys, pairs } };
}
