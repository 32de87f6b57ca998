// Reminders of a past school year do not appear: a deadline or an order from before this
// school year's 1 September is no longer news to anybody.
import { describe, expect, it } from 'vitest';
import type { NextStep } from '@/domain/pairs';
import {
  deriveReminders,
  schoolYearStart,
  type PairForReminders,
  type ReminderViewer,
} from '@/domain/reminders';
import { aPair, aTask } from '../../factories/rows';

const deviceOnly: ReminderViewer = { participantIds: [], isDeviceOnly: true, isCoordinator: false };

function anActivePair(
  overrides: Partial<PairForReminders> & { orderDate?: string; steps?: NextStep[] } = {},
): PairForReminders {
  return {
    pair: aPair({
      id: 'pair-1',
      status: 'active',
      order_date: overrides.orderDate ?? '2026-09-10',
    }),
    mentors: [{ id: 'mentor-1' }],
    mentees: [{ id: 'mentee-1' }],
    tasks: [],
    steps: overrides.steps ?? [],
    ...overrides,
  };
}

describe('schoolYearStart', () => {
  it('is 1 September of this year from September on, of the last year before it', () => {
    expect(schoolYearStart('2026-09-01')).toBe('2026-09-01');
    expect(schoolYearStart('2026-12-31')).toBe('2026-09-01');
    expect(schoolYearStart('2027-01-01')).toBe('2026-09-01');
    expect(schoolYearStart('2027-08-31')).toBe('2026-09-01');
  });
});

describe('reminders of a past school year', () => {
  it('drops a task overdue since last school year and keeps one overdue since this September', () => {
    const pair = anActivePair({
      tasks: [
        aTask({ id: 'old', title: 'Прошлогодняя задача', due_on: '2026-05-20', status: 'todo' }),
        aTask({ id: 'new', title: 'Задача этого года', due_on: '2026-10-01', status: 'todo' }),
      ],
    });
    const reminders = deriveReminders([pair], deviceOnly, '2026-11-25');
    expect(reminders.map((r) => r.kind === 'taskOverdue' && r.title)).toEqual([
      'Задача этого года',
    ]);
  });

  it('keeps the last days of August overdue until the new year starts, then drops them', () => {
    const pair = anActivePair({
      tasks: [aTask({ id: 'aug', title: 'Августовская', due_on: '2026-08-28', status: 'todo' })],
    });
    expect(deriveReminders([pair], deviceOnly, '2026-08-31')).toHaveLength(1);
    expect(deriveReminders([pair], deviceOnly, '2026-09-01')).toEqual([]);
  });

  it('no longer says the organisational meeting is late for a pair approved last school year', () => {
    const steps: NextStep[] = [{ key: 'organisationalNotHeld' }];
    const lastYear = anActivePair({ orderDate: '2026-04-01', steps });
    const thisYear = anActivePair({ orderDate: '2026-10-01', steps });
    expect(deriveReminders([lastYear], deviceOnly, '2026-11-25')).toEqual([]);
    expect(deriveReminders([thisYear], deviceOnly, '2026-11-25').map((r) => r.kind)).toEqual([
      'organisationalNotHeld',
    ]);
  });

  it('counts an order signed in August as the new year’s: its first meeting is still due', () => {
    const steps: NextStep[] = [{ key: 'organisationalNotHeld' }];
    const august = anActivePair({ orderDate: '2026-08-26', steps });
    expect(deriveReminders([august], deviceOnly, '2026-09-05').map((r) => r.kind)).toEqual([
      'organisationalNotHeld',
    ]);
    const july = anActivePair({ orderDate: '2026-07-20', steps });
    expect(deriveReminders([july], deviceOnly, '2026-09-05')).toEqual([]);
  });

  it('still reminds of silence since a meeting before the summer: the pair goes on', () => {
    const pair = anActivePair({ steps: [{ key: 'silence', days: 100 }] });
    const reminders = deriveReminders([pair], deviceOnly, '2026-09-10');
    expect(reminders.map((r) => r.kind)).toEqual(['silence']);
  });
});
