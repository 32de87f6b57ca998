// The live read behind the curator's home and the snooze commands, on a real device database
// (fake-indexeddb): only the workspace school's rows, meeting facts from index ranges equal to
// the reference rule, a page boundary that loses nothing, and snoozes through the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import { AppDatabase } from '@/data/db';
import { observeSchoolFacts, readMeetingDays, readSchoolRows } from '@/data/overviewQueries';
import { logMeeting } from '@/data/repos/meetings';
import { addParticipant } from '@/data/repos/participants';
import { snoozeTriageItem, unsnoozeTriageItem } from '@/data/repos/triage';
import {
  indexSchool,
  meetingFactsOf,
  schoolOverview,
  type SchoolFacts,
} from '@/domain/schoolOverview';
import { triage } from '@/domain/triage';
import type { TriageSnooze } from '@/domain/types';
import { ValidationError } from '@/domain/validation';
import { aMeeting, aParticipant } from '../../factories/rows';
import { aPairWithPeople, freshContext } from './context';

const TODAY = '2026-11-25';
const OTHER_SCHOOL = '20000000-0000-4000-8000-000000000002';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}

/** The values the live query emits, as they come. */
function collect(c: DataContext, schoolId: string | null) {
  const values: SchoolFacts[] = [];
  const sub = observeSchoolFacts(c, { schoolId, today: TODAY }).subscribe({
    next: (v) => values.push(v),
  });
  return {
    values,
    next: async (count: number) => {
      const start = Date.now();
      while (values.length < count && Date.now() - start < 3000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      return values[count - 1];
    },
    stop: () => sub.unsubscribe(),
  };
}

const meeting = (type: 'organisational' | 'regular' | 'final', held_on: string) => ({
  type,
  held_on,
  duration_min: 45,
  format: 'in_person' as const,
});

describe('the school’s facts, live', () => {
  it('reads the workspace school only; device-only (null) reads every school', async () => {
    const c = await ctx();
    const { mentor, mentee, pair } = await aPairWithPeople(c);
    await c.db.participants.add(
      aParticipant({ school_id: OTHER_SCHOOL, full_name: 'Чужой Ученик' }),
    );
    await c.db.participants.add(
      aParticipant({ school_id: c.schoolId, deleted_at: '2026-10-01T00:00:00Z' }),
    );
    const school = collect(c, c.schoolId);
    const facts = (await school.next(1))!;
    school.stop();
    expect(facts.participants.map((p) => p.id).sort()).toEqual([mentor.id, mentee.id].sort());
    expect(facts.pairs.map((p) => p.id)).toEqual([pair.id]);
    expect(facts.members).toHaveLength(2);
    expect(facts.consents).toHaveLength(2);
    const all = collect(c, null);
    expect((await all.next(1))!.participants).toHaveLength(3);
    all.stop();
  });

  it('summarises each pair’s meetings like the reference rule, and re-reads on a new meeting', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await logMeeting(c, pair.id, meeting('organisational', '2026-10-01'), TODAY);
    await logMeeting(c, pair.id, meeting('regular', '2026-11-03'), TODAY);
    await c.db.meetings.add(
      aMeeting({
        school_id: c.schoolId,
        pair_id: pair.id,
        held_on: '2026-11-24',
        deleted_at: '2026-11-24T12:00:00Z',
      }),
    );
    const live = collect(c, c.schoolId);
    const first = (await live.next(1))!;
    const stored = await c.db.meetings.toArray();
    expect(first.meetings).toEqual([meetingFactsOf(pair.id, stored, TODAY)]);
    expect(first.meetings[0]).toMatchObject({
      lastHeldOn: '2026-11-03',
      organisationalHeld: true,
      finalHeld: false,
      heldThisMonth: 1,
    });

    await logMeeting(c, pair.id, meeting('final', '2026-11-20'), TODAY);
    const second = (await live.next(2))!;
    live.stop();
    expect(second.meetings[0]).toMatchObject({
      lastHeldOn: '2026-11-20',
      finalHeld: true,
      heldThisMonth: 2,
    });
  });

  it('feeds the overview and the triage end to end', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await addParticipant(c, {
      kind: 'student',
      full_name: 'Белов Илья',
      class_label: '8В',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    const live = collect(c, c.schoolId);
    const index = indexSchool((await live.next(1))!);
    live.stop();
    const overview = schoolOverview(index);
    expect(overview.mentees.count).toBe(2);
    expect(overview.statuses.map((m) => [m.key, m.ids])).toEqual([['status:draft', [pair.id]]]);
    expect(triage(index).items.map((i) => i.kind)).toEqual([
      'draft_awaiting_approval',
      'mentee_without_pair',
    ]);
  });
});

describe('meeting facts through the indexes', () => {
  it('equal the reference rule, tombstones of every kind left out', async () => {
    const c = await ctx();
    const db = c.db;
    expect(db.meetings.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['[pair_id+held_on]', '[type+held_on]', 'held_on']),
    );
    const { pair } = await aPairWithPeople(c);
    const other = await aPairWithPeople(c);
    // Silent for weeks: its latest meeting is looked up past a later tombstone.
    const quiet = await aPairWithPeople(c);
    await logMeeting(c, quiet.pair.id, meeting('organisational', '2026-09-15'), TODAY);
    await logMeeting(c, pair.id, meeting('organisational', '2026-10-01'), TODAY);
    await logMeeting(c, pair.id, meeting('regular', '2026-11-03'), TODAY);
    await logMeeting(c, pair.id, meeting('final', '2026-11-20'), TODAY);
    const dead = (
      type: 'organisational' | 'regular' | 'final',
      held_on: string,
      pairId = pair.id,
    ) =>
      aMeeting({
        school_id: c.schoolId,
        pair_id: pairId,
        type,
        held_on,
        deleted_at: `${held_on}T12:00:00Z`,
      });
    await db.meetings.bulkAdd([
      // The latest meeting, this month's, a final: all deleted.
      dead('final', '2026-11-24'),
      dead('regular', '2026-11-22'),
      // The other pair's only meetings are tombstones: nothing held there.
      dead('organisational', '2026-09-01', other.pair.id),
      dead('final', '2026-11-21', other.pair.id),
      dead('regular', '2026-10-20', quiet.pair.id),
    ]);
    // A meeting dated after today counts nowhere.
    await db.meetings.add(
      aMeeting({ school_id: c.schoolId, pair_id: pair.id, type: 'regular', held_on: '2026-11-28' }),
    );
    const live = collect(c, c.schoolId);
    const facts = (await live.next(1))!;
    live.stop();
    const all = await db.meetings.toArray();
    const stored = (pairId: string) => all.filter((m) => m.pair_id === pairId);
    const byPair = new Map(facts.meetings.map((m) => [m.pairId, m]));
    expect(byPair.get(pair.id)).toEqual(meetingFactsOf(pair.id, stored(pair.id), TODAY));
    expect(byPair.get(pair.id)).toMatchObject({
      finalHeld: true,
      organisationalHeld: true,
      heldThisMonth: 2,
      lastHeldOn: '2026-11-20',
    });
    expect(byPair.get(quiet.pair.id)).toEqual(
      meetingFactsOf(quiet.pair.id, stored(quiet.pair.id), TODAY),
    );
    expect(byPair.get(quiet.pair.id)).toMatchObject({
      lastHeldOn: '2026-09-15',
      organisationalHeld: true,
      heldThisMonth: 0,
    });
    expect(byPair.get(other.pair.id)).toEqual({
      pairId: other.pair.id,
      lastHeldOn: null,
      organisationalHeld: false,
      finalHeld: false,
      heldThisMonth: 0,
    });
  });
});

describe('reading a table in pages', () => {
  it('returns every live row of the school across page boundaries, once', async () => {
    const c = await ctx();
    const rows = Array.from({ length: 7 }, (_, i) =>
      aParticipant({ school_id: c.schoolId, full_name: `Ученик ${i}` }),
    );
    rows[3]!.deleted_at = '2026-10-01T00:00:00Z';
    rows[5]!.school_id = OTHER_SCHOOL;
    await c.db.participants.bulkAdd(rows);
    const read = await readSchoolRows(c.db.participants, c.schoolId, 2);
    expect(read.map((r) => r.full_name).sort()).toEqual([
      'Ученик 0',
      'Ученик 1',
      'Ученик 2',
      'Ученик 4',
      'Ученик 6',
    ]);
  });
});

describe('reading meetings by day in pages', () => {
  it('returns every meeting of the range once, a day fuller than a page included', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const on = (held_on: string, type: 'regular' | 'final' = 'regular') =>
      aMeeting({ school_id: c.schoolId, pair_id: pair.id, held_on, type });
    const rows = [
      on('2026-11-01'),
      on('2026-11-02'),
      on('2026-11-02'),
      // Three on one day: more than a page of two.
      on('2026-11-03'),
      on('2026-11-03'),
      on('2026-11-03'),
      on('2026-11-04'),
      on('2026-11-05', 'final'),
      on('2026-11-20'), // after the range
      on('2026-10-31'), // before it
    ];
    await c.db.meetings.bulkAdd(rows);
    const inRange = rows.filter((m) => m.held_on >= '2026-11-01' && m.held_on <= '2026-11-05');
    for (const size of [1, 2, 3, 400]) {
      const read = await readMeetingDays(
        c.db.meetings,
        'held_on',
        [],
        '2026-11-01',
        '2026-11-05',
        size,
      );
      expect(read.map((m) => m.id).sort()).toEqual(inRange.map((m) => m.id).sort());
    }
    const finals = await readMeetingDays(c.db.meetings, '[type+held_on]', ['final'], '', TODAY, 1);
    expect(finals.map((m) => m.held_on)).toEqual(['2026-11-05']);
  });
});

describe('snoozing a triage item', () => {
  const snoozes = (c: DataContext) => c.db.table<TriageSnooze, string>('triage_snoozes').toArray();

  it('stores the snooze with its outbox entry, in the school', async () => {
    const c = await ctx();
    await c.db.outbox.clear();
    const row = await snoozeTriageItem(
      c,
      { itemKey: 'consent_missing:abc', until: '2026-12-10', reason: '  Ждём родителей  ' },
      TODAY,
    );
    expect(row).toMatchObject({
      school_id: c.schoolId,
      item_key: 'consent_missing:abc',
      snoozed_until: '2026-12-10',
      reason: 'Ждём родителей',
    });
    expect(await snoozes(c)).toEqual([row]);
    const [entry] = await c.db.outbox.toArray();
    expect(entry).toMatchObject({
      table: 'triage_snoozes',
      row_id: row.id,
      op: 'insert',
      fields: { item_key: 'consent_missing:abc', snoozed_until: '2026-12-10' },
    });
  });

  it('moves the date and reason of an item snoozed again (one snooze per item)', async () => {
    const c = await ctx();
    const first = await snoozeTriageItem(
      c,
      { itemKey: 'k', until: '2026-12-10', reason: 'Каникулы' },
      TODAY,
    );
    await snoozeTriageItem(
      c,
      { itemKey: 'k', until: '2027-01-15', reason: 'После каникул' },
      TODAY,
    );
    expect(await snoozes(c)).toMatchObject([
      { id: first.id, snoozed_until: '2027-01-15', reason: 'После каникул' },
    ]);
  });

  it('refuses a blank reason or a date not after today, and writes nothing', async () => {
    const c = await ctx();
    await c.db.outbox.clear();
    const blank = snoozeTriageItem(c, { itemKey: 'k', until: '2026-12-10', reason: ' ' }, TODAY);
    await expect(blank).rejects.toBeInstanceOf(ValidationError);
    const past = snoozeTriageItem(c, { itemKey: 'k', until: TODAY, reason: 'Да' }, TODAY);
    await expect(past).rejects.toMatchObject({
      errors: [{ field: 'snoozed_until', key: 'dateNotFuture' }],
    });
    expect(await snoozes(c)).toEqual([]);
    expect(await c.db.outbox.count()).toBe(0);
  });

  it('shows the item again: the snooze is gone and the live query sees it', async () => {
    const c = await ctx();
    await snoozeTriageItem(c, { itemKey: 'k', until: '2026-12-10', reason: 'Каникулы' }, TODAY);
    const live = collect(c, c.schoolId);
    expect((await live.next(1))!.snoozes).toHaveLength(1);
    expect(await unsnoozeTriageItem(c, 'k')).toBe(1);
    expect((await live.next(2))!.snoozes).toEqual([]);
    live.stop();
    // Never sent: the insert and its delete leave nothing for the server.
    expect((await c.db.outbox.toArray()).filter((e) => e.table === 'triage_snoozes')).toEqual([]);
  });
});
