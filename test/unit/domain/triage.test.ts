import { describe, expect, it } from 'vitest';
import { indexSchool, meetingFactsOf, type SchoolFacts } from '@/domain/schoolOverview';
import { DEFAULT_MENTOR_CAPACITY, triage, validateSnooze } from '@/domain/triage';
import { aSchool, aSnooze, TODAY } from './schoolOverview.fixture';

const run = (facts: SchoolFacts, options = {}) => triage(indexSchool(facts), options);

describe('triage', () => {
  const { facts, people, pairs, openRequest } = aSchool();

  it('ranks every item of the school by severity, then weight, then names', () => {
    const { items } = run(facts);
    expect(items.map((i) => i.key)).toEqual([
      `consent_revoked:${people.volkov.id}`,
      `consent_missing:${people.orlova.id}`,
      `mentor_change_request:${openRequest.id}`,
      `consent_expiring:${people.kravtsova.id}`,
      `pair_silent:${pairs.p2.id}:2026-10-20`,
      `organisational_not_held:${pairs.p3.id}`,
      `tasks_overdue:${pairs.p1.id}`,
      // Same weight (started the same day): by the pair's names, «Петров → Волков» first.
      `entry_questionnaire_missing:${pairs.p2.id}`,
      `entry_questionnaire_missing:${pairs.p1.id}`,
      `entry_questionnaire_missing:${pairs.p5.id}`,
      `exit_questionnaire_due:${pairs.p5.id}`,
      `draft_awaiting_approval:${pairs.p4.id}`,
      `mentor_over_capacity:${people.petrov.id}`,
      `mentee_without_pair:${people.belov.id}`,
    ]);
    expect(items.map((i) => i.severity)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 9, 10, 11, 12]);
  });

  it('says what, about whom, and where the fix is', () => {
    const byKind = Object.fromEntries(run(facts).items.map((i) => [i.kind, i]));
    expect(byKind.consent_revoked).toMatchObject({
      target: { type: 'participant', id: people.volkov.id },
      subject: 'Волков Вова',
      fix: { name: 'participant', params: { participantId: people.volkov.id } },
      params: { date: '2026-11-20', paused: 1 },
    });
    expect(byKind.consent_missing!.params).toEqual({ paused: 0 });
    expect(byKind.consent_expiring!.params).toEqual({ date: '2026-12-10', days: 15 });
    expect(byKind.mentor_change_request).toMatchObject({
      target: { type: 'pair', id: pairs.p5.id },
      fix: { name: 'pair', params: { pairId: pairs.p5.id } },
      params: { mentee: 'Егорова Вера' },
    });
    expect(byKind.pair_silent).toMatchObject({
      subject: 'Петров Сергей Иванович → Волков Вова',
      params: { days: 36, date: '2026-10-20' },
    });
    expect(byKind.tasks_overdue).toMatchObject({
      fix: { name: 'plan', params: { pairId: pairs.p1.id } },
      params: { count: 1 },
    });
    expect(byKind.exit_questionnaire_due!.params).toEqual({ count: 3 });
    expect(byKind.draft_awaiting_approval!.fix).toEqual({ name: 'pairs-approve' });
    expect(byKind.mentor_over_capacity!.params).toEqual({ count: 4, capacity: 3 });
    expect(byKind.mentee_without_pair).toMatchObject({
      subject: 'Белов Илья, 8В',
      fix: { name: 'matching', query: { mentee: people.belov.id } },
    });
  });

  it('counts the missing entry questionnaires of a pair once two weeks have passed', () => {
    const entry = run(facts).items.filter((i) => i.kind === 'entry_questionnaire_missing');
    expect(Object.fromEntries(entry.map((i) => [i.target.id, i.params.count]))).toEqual({
      [pairs.p1.id]: 1,
      [pairs.p2.id]: 2,
      [pairs.p5.id]: 3,
    });
    // The pair started five days ago is not chased yet.
    expect(entry.some((i) => i.target.id === pairs.p3.id)).toBe(false);
  });

  it('hides an item snoozed until today or later, and shows it with its date on request', () => {
    const key = `pair_silent:${pairs.p2.id}:2026-10-20`;
    const snoozed = { ...facts, snoozes: [aSnooze(key, '2026-12-01')] };
    const hidden = run(snoozed);
    expect(hidden.items.some((i) => i.key === key)).toBe(false);
    expect(hidden.snoozed).toBe(1);
    const shown = run(snoozed, { showSnoozed: true });
    expect(shown.items.find((i) => i.key === key)).toMatchObject({
      snoozedUntil: '2026-12-01',
      snoozeReason: 'Родители принесут согласие после каникул',
    });
    expect(shown.items).toHaveLength(14);
  });

  it('shows again what a lapsed or withdrawn snooze hid', () => {
    const key = `organisational_not_held:${pairs.p3.id}`;
    const lapsed = run({ ...facts, snoozes: [aSnooze(key, '2026-11-24')] });
    expect(lapsed.items.some((i) => i.key === key)).toBe(true);
    expect(lapsed.snoozed).toBe(0);
    const withdrawn = run({
      ...facts,
      snoozes: [aSnooze(key, '2026-12-24', { deleted_at: '2026-11-25T08:00:00Z' })],
    });
    expect(withdrawn.items.some((i) => i.key === key)).toBe(true);
    // The snooze until today still holds today.
    expect(run({ ...facts, snoozes: [aSnooze(key, TODAY)] }).snoozed).toBe(1);
  });

  it('brings a silence back under a new key once the pair met and fell silent again', () => {
    const key = `pair_silent:${pairs.p2.id}:2026-10-20`;
    const later = {
      ...facts,
      snoozes: [aSnooze(key, '2026-12-31')],
      meetings: facts.meetings.map((m) =>
        m.pairId === pairs.p2.id
          ? meetingFactsOf(
              pairs.p2.id,
              [{ type: 'organisational', held_on: '2026-11-01', deleted_at: null }],
              TODAY,
            )
          : m,
      ),
    };
    const silent = run(later).items.find((i) => i.kind === 'pair_silent');
    expect(silent?.key).toBe(`pair_silent:${pairs.p2.id}:2026-11-01`);
    expect(silent?.params.days).toBe(24);
  });

  it('takes a mentor’s capacity as a default of three mentees', () => {
    expect(DEFAULT_MENTOR_CAPACITY).toBe(3);
    expect(run(facts, { capacity: 4 }).items.some((i) => i.kind === 'mentor_over_capacity')).toBe(
      false,
    );
  });
});

describe('snoozing a triage item', () => {
  const ok = { itemKey: 'consent_missing:x', until: '2026-12-01', reason: 'Ждём родителей' };

  it('accepts a reason and a day after today', () => {
    expect(validateSnooze(ok, TODAY)).toEqual([]);
  });

  it('requires a reason and a date after today', () => {
    expect(validateSnooze({ ...ok, reason: '   ' }, TODAY)).toEqual([
      { field: 'reason', key: 'reasonRequired' },
    ]);
    expect(validateSnooze({ ...ok, until: TODAY }, TODAY)).toEqual([
      { field: 'snoozed_until', key: 'dateNotFuture' },
    ]);
    expect(validateSnooze({ ...ok, until: '2026-13-01' }, TODAY)).toEqual([
      { field: 'snoozed_until', key: 'date' },
    ]);
    expect(validateSnooze({ ...ok, reason: 'я'.repeat(2001) }, TODAY)).toEqual([
      { field: 'reason', key: 'reasonTooLong', params: { max: 2000 } },
    ]);
    expect(validateSnooze({ ...ok, itemKey: ' ' }, TODAY)).toEqual([
      { field: 'item_key', key: 'itemKey' },
    ]);
  });
});
