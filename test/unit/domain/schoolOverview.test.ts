import { describe, expect, it } from 'vitest';
import {
  findMetric,
  indexSchool,
  meetingFactsOf,
  schoolOverview,
  type Metric,
} from '@/domain/schoolOverview';
import { aMeeting } from '../../factories/rows';
import { aSchool, TODAY } from './schoolOverview.fixture';

const counts = (metrics: Metric[]) => Object.fromEntries(metrics.map((m) => [m.key, m.count]));
const sorted = (ids: string[]) => [...ids].sort();

describe('the school at a glance', () => {
  const { facts, people, pairs } = aSchool();
  const index = indexSchool(facts);
  const o = schoolOverview(index);

  it('counts the bases of mentors and mentees, without archived people', () => {
    expect(sorted(o.mentors.ids)).toEqual(sorted([people.petrov.id, people.kravtsova.id]));
    expect(o.mentees.count).toBe(7);
    expect(o.mentees.ids).not.toContain(people.zaitseva.id);
    expect(o.mentors.of).toBe('people');
  });

  it('counts participants by kind and by the staff’s categories', () => {
    expect(counts(o.kinds)).toEqual({ 'kind:student': 6, 'kind:teacher': 3 });
    // Most frequent first; the archived pupil's «gifted» does not count.
    expect(o.categories.map((m) => [m.key, m.count])).toEqual([
      ['category:low_results', 2],
      ['category:behaviour', 1],
      ['category:gifted', 1],
    ]);
  });

  it('counts live pairs by form and every pair by the status shown, paused included', () => {
    expect(o.forms.map((m) => [m.key, m.count])).toEqual([
      ['form:uchitel_uchitel', 1],
      ['form:uchitel_uchenik', 4],
    ]);
    expect(o.statuses.map((m) => [m.key, m.count])).toEqual([
      ['status:draft', 1],
      ['status:approved', 1],
      ['status:active', 2],
      ['status:paused', 1],
      ['status:completed', 1],
    ]);
    // The pair of the pupil whose parents revoked their consent is shown paused.
    expect(findMetric(o, 'status:paused')?.ids).toEqual([pairs.p2.id]);
  });

  it('measures coverage against the bases: people in an approved or active pair', () => {
    expect(o.coverageStudents).toMatchObject({ count: 4, total: 6, percent: 67 });
    expect(sorted(o.coverageStudents.ids)).toEqual(
      sorted([people.smirnova.id, people.volkov.id, people.sokolov.id, people.egorova.id]),
    );
    expect(o.coverageTeachers).toMatchObject({ count: 3, total: 3, percent: 100 });
  });

  it('counts this month’s meetings (tombstones left out) with the pairs that met', () => {
    expect(o.meetingsThisMonth.count).toBe(3);
    expect(sorted(o.meetingsThisMonth.ids)).toEqual(sorted([pairs.p1.id, pairs.p5.id]));
  });

  it('measures the plans as done tasks of all tasks, cancelled and deleted ones left out', () => {
    expect(o.plans).toMatchObject({ count: 3, total: 5, percent: 60, ids: [pairs.p1.id] });
  });

  it('counts the entry and exit questionnaires due and not submitted, by pair', () => {
    expect(o.entryOutstanding.count).toBe(8);
    expect(sorted(o.entryOutstanding.ids)).toEqual(
      sorted([pairs.p1.id, pairs.p2.id, pairs.p3.id, pairs.p5.id]),
    );
    // The group held its final meeting; the completed pair submitted both exits.
    expect(o.exitOutstanding).toMatchObject({ count: 3, ids: [pairs.p5.id] });
  });

  it('takes the satisfaction share by the KPI rule (first answer 7 or more), submitted only', () => {
    expect(o.satisfaction).toMatchObject({ count: 2, total: 3, percent: 67 });
    expect(sorted(o.satisfaction.ids)).toEqual(
      sorted([people.sokolov.id, people.egorova.id, people.kravtsova.id]),
    );
  });

  it('finds the list behind every number by its key, and nothing for an unknown key', () => {
    expect(findMetric(o, 'kind:teacher')?.ids).toHaveLength(3);
    expect(findMetric(o, 'coverage:students')?.of).toBe('people');
    expect(findMetric(o, 'meetings:month')?.of).toBe('pairs');
    expect(findMetric(o, 'status:ended_early')).toBeNull();
    expect(findMetric(o, 'nonsense')).toBeNull();
  });

  it('gives 0 and no percent for an empty school', () => {
    const empty = schoolOverview(
      indexSchool({ ...facts, participants: [], pairs: [], members: [], responses: [] }),
    );
    expect(empty.mentors.count).toBe(0);
    expect(empty.coverageStudents).toMatchObject({ count: 0, total: 0, percent: null });
    expect(empty.satisfaction.percent).toBeNull();
    expect(empty.kinds).toEqual([]);
  });

  it('a new consent lifts the pause', () => {
    const renewed = {
      ...facts,
      consents: [
        ...facts.consents,
        {
          ...facts.consents[0]!,
          participant_id: people.volkov.id,
          given_by: 'representative' as const,
          signed_on: '2026-11-24',
          valid_until: '2027-08-31',
          revoked_on: null,
        },
      ],
    };
    const after = schoolOverview(indexSchool(renewed));
    expect(findMetric(after, 'status:paused')).toBeNull();
    expect(findMetric(after, 'status:active')?.count).toBe(3);
  });
});

describe('a pair’s meeting facts', () => {
  it('take the last held meeting, the organisational and final ones and this month’s', () => {
    const meetings = [
      aMeeting({ type: 'organisational', held_on: '2026-09-20' }),
      aMeeting({ type: 'regular', held_on: '2026-11-01' }),
      aMeeting({ type: 'final', held_on: '2026-11-10', deleted_at: '2026-11-11T00:00:00Z' }),
      // Planned ahead: not held yet.
      aMeeting({ type: 'final', held_on: '2026-12-20' }),
    ];
    expect(meetingFactsOf('p', meetings, TODAY)).toEqual({
      pairId: 'p',
      lastHeldOn: '2026-11-01',
      organisationalHeld: true,
      finalHeld: false,
      heldThisMonth: 1,
    });
    expect(meetingFactsOf('p', [], TODAY)).toMatchObject({ lastHeldOn: null, heldThisMonth: 0 });
  });
});
