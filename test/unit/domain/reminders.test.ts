import { describe, expect, it } from 'vitest';
import type { NextStep } from '@/domain/pairs';
import {
  EMPTY_NOTIFICATION_LOG,
  deriveReminders,
  isQuietTime,
  notificationsDue,
  snooze,
  visibleReminders,
  type PairForReminders,
  type Reminder,
  type ReminderViewer,
} from '@/domain/reminders';
import { aPair, aTask } from '../../factories/rows';

const today = '2026-11-25';
const deviceOnly: ReminderViewer = { participantIds: [], isDeviceOnly: true, isCoordinator: false };
const mentorId = 'mentor-1';
const menteeId = 'mentee-1';

function aPairOverview(
  steps: NextStep[],
  overrides: Partial<PairForReminders> & { pairId?: string } = {},
): PairForReminders {
  const pair = aPair({ id: overrides.pairId ?? 'pair-1', order_date: '2026-11-10' });
  return {
    pair,
    mentors: [{ id: mentorId }],
    mentees: [{ id: menteeId }],
    tasks: [],
    steps,
    ...overrides,
  };
}

/** A local wall-clock moment on `today`. */
const at = (hour: number, day = 25) => new Date(2026, 10, day, hour, 30);

describe('deriveReminders', () => {
  it('turns 14 days of silence into a reminder keyed by the last meeting’s date', () => {
    const [reminder] = deriveReminders(
      [aPairOverview([{ key: 'silence', days: 15 }])],
      deviceOnly,
      today,
    );
    expect(reminder).toMatchObject({
      kind: 'silence',
      key: 'silence:pair-1:2026-11-10',
      days: 15,
      since: '2026-11-10',
    });
    // The next day the same silence keeps its key: it is one occurrence, not a new one.
    const tomorrow = deriveReminders(
      [aPairOverview([{ key: 'silence', days: 16 }])],
      deviceOnly,
      '2026-11-26',
    );
    expect(tomorrow[0]?.key).toBe(reminder?.key);
  });

  it('reminds of the organisational meeting only a week after the approving order', () => {
    const step: NextStep = { key: 'organisationalNotHeld' };
    const sixDays = aPairOverview([step], { pair: aPair({ id: 'p', order_date: '2026-11-19' }) });
    const sevenDays = aPairOverview([step], { pair: aPair({ id: 'p', order_date: '2026-11-18' }) });
    expect(deriveReminders([sixDays], deviceOnly, today)).toEqual([]);
    expect(deriveReminders([sevenDays], deviceOnly, today)).toEqual([
      {
        kind: 'organisationalNotHeld',
        key: 'organisational:p:2026-11-18',
        pairId: 'p',
        days: 7,
        approvedOn: '2026-11-18',
      },
    ]);
  });

  it('reminds of plan tasks overdue or due within two days, not later ones or done ones', () => {
    const tasks = [
      aTask({ id: 't-late', title: 'Доклад', due_on: '2026-11-24', status: 'in_progress' }),
      aTask({ id: 't-today', due_on: '2026-11-25' }),
      aTask({ id: 't-2days', due_on: '2026-11-27' }),
      aTask({ id: 't-3days', due_on: '2026-11-28' }),
      aTask({ id: 't-done', due_on: '2026-11-20', status: 'done' }),
      aTask({ id: 't-deleted', due_on: '2026-11-20', deleted_at: '2026-11-21T00:00:00Z' }),
      aTask({ id: 't-undated', due_on: null }),
    ];
    const reminders = deriveReminders([aPairOverview([], { tasks })], deviceOnly, today);
    expect(reminders.map((r) => r.key)).toEqual([
      'taskOverdue:t-late:2026-11-24',
      'taskDueSoon:t-today:2026-11-25',
      'taskDueSoon:t-2days:2026-11-27',
    ]);
    expect(reminders[0]).toMatchObject({ title: 'Доклад', dueOn: '2026-11-24' });
    expect(reminders[2]).toMatchObject({ daysLeft: 2 });
  });

  it('takes any questionnaire step, also after the pair has ended', () => {
    const ended = aPairOverview([{ key: 'exitQuestionnaireDue' }], {
      pair: aPair({ id: 'done', status: 'completed' }),
      tasks: [aTask({ due_on: '2026-11-01' })],
    });
    expect(deriveReminders([ended], deviceOnly, today)).toEqual([
      {
        kind: 'questionnaire',
        key: 'exitQuestionnaireDue:done',
        pairId: 'done',
        step: 'exitQuestionnaireDue',
      },
    ]);
  });

  it('ignores next steps that are not reminders', () => {
    const steps: NextStep[] = [{ key: 'onTrack' }, { key: 'noPlanningMeeting' }];
    expect(deriveReminders([aPairOverview(steps)], deviceOnly, today)).toEqual([]);
  });

  it('puts the most urgent first: overdue tasks, then silence', () => {
    const reminders = deriveReminders(
      [
        aPairOverview([{ key: 'silence', days: 20 }], { pairId: 'a' }),
        aPairOverview([], { pairId: 'b', tasks: [aTask({ due_on: '2026-11-01' })] }),
      ],
      deviceOnly,
      today,
    );
    expect(reminders.map((r) => r.kind)).toEqual(['taskOverdue', 'silence']);
  });

  describe('whose reminders', () => {
    const overview = aPairOverview([{ key: 'silence', days: 20 }], {
      tasks: [aTask({ id: 't', due_on: '2026-11-26' })],
    });
    const kinds = (viewer: ReminderViewer) =>
      deriveReminders([overview], viewer, today).map((r) => r.kind);
    const signedIn = { isDeviceOnly: false, isCoordinator: false };

    it('the mentor gets everything about their pair', () => {
      expect(kinds({ ...signedIn, participantIds: [mentorId] })).toEqual([
        'silence',
        'taskDueSoon',
      ]);
    });

    it('the mentee gets their plan’s deadlines, not the mentor’s duties', () => {
      expect(kinds({ ...signedIn, participantIds: [menteeId] })).toEqual(['taskDueSoon']);
    });

    it('a curator gets the pairs’ rhythm, not each plan’s deadlines', () => {
      expect(kinds({ ...signedIn, participantIds: [], isCoordinator: true })).toEqual(['silence']);
    });

    it('someone outside the pair gets nothing', () => {
      expect(kinds({ ...signedIn, participantIds: ['stranger'] })).toEqual([]);
    });
  });
});

describe('snoozing', () => {
  const reminders = deriveReminders(
    [aPairOverview([{ key: 'silence', days: 15 }])],
    deviceOnly,
    today,
  );
  const key = 'silence:pair-1:2026-11-10';

  it('hides a reminder for the rest of the day and shows it again tomorrow', () => {
    const snoozes = snooze({}, key, today);
    expect(visibleReminders(reminders, snoozes, today)).toEqual([]);
    expect(visibleReminders(reminders, snoozes, '2026-11-26').map((r) => r.key)).toEqual([key]);
  });

  it('forgets expired snoozes when a new one is added', () => {
    const snoozes = snooze({ 'old:key': '2026-11-20' }, key, today);
    expect(snoozes).toEqual({ [key]: '2026-11-26' });
  });
});

describe('notificationsDue', () => {
  const silence = aPairOverview([{ key: 'silence', days: 15 }], {
    tasks: [aTask({ id: 't', due_on: '2026-11-01' })],
  });
  const other = aPairOverview([{ key: 'silence', days: 30 }], { pairId: 'pair-2' });
  const reminders: Reminder[] = deriveReminders([silence, other], deviceOnly, today);

  it('notifies each new reminder once, at most one per pair a day (the most urgent)', () => {
    const first = notificationsDue(reminders, EMPTY_NOTIFICATION_LOG, {}, at(10));
    expect(first.show.map((r) => r.key)).toEqual([
      'taskOverdue:t:2026-11-01',
      'silence:pair-2:2026-10-26',
    ]);
    const again = notificationsDue(reminders, first.log, {}, at(15));
    expect(again.show).toEqual([]);
    // Tomorrow the pair's other reminder gets its turn; the notified ones stay quiet.
    const tomorrow = deriveReminders(
      [
        { ...silence, steps: [{ key: 'silence', days: 16 }] },
        { ...other, steps: [{ key: 'silence', days: 31 }] },
      ],
      deviceOnly,
      '2026-11-26',
    );
    const next = notificationsDue(tomorrow, again.log, {}, at(9, 26));
    expect(next.show.map((r) => r.key)).toEqual(['silence:pair-1:2026-11-10']);
  });

  it('stays silent from 21:00 to 08:00 and notifies after', () => {
    expect(isQuietTime(at(20))).toBe(false);
    expect(isQuietTime(at(21))).toBe(true);
    expect(isQuietTime(at(7))).toBe(true);
    expect(isQuietTime(at(8))).toBe(false);
    const night = notificationsDue(reminders, EMPTY_NOTIFICATION_LOG, {}, at(22));
    expect(night.show).toEqual([]);
    const morning = notificationsDue(reminders, night.log, {}, at(8, 26));
    expect(morning.show).toHaveLength(2);
  });

  it('does not notify a snoozed reminder', () => {
    const snoozes = snooze({}, 'silence:pair-2:2026-10-26', today);
    const due = notificationsDue(reminders, EMPTY_NOTIFICATION_LOG, snoozes, at(10));
    expect(due.show.map((r) => r.pairId)).toEqual(['pair-1']);
  });

  it('forgets notified keys after 60 days and pair limits after the day', () => {
    const log = {
      keys: { 'old:key': '2026-09-01', 'recent:key': '2026-11-01' },
      pairs: { 'pair-9': '2026-11-24' },
    };
    expect(notificationsDue([], log, {}, at(10)).log).toEqual({
      keys: { 'recent:key': '2026-11-01' },
      pairs: {},
    });
  });
});
