// The KPI table's definitions (domain/kpi.ts) on small hand-made schools: who is on the roll,
// who is involved in the period, who is trained, the satisfaction share, the documents, the
// targets, and a missing denominator reported as what to fill in — never a silent 0.
// test/db/kpi-equal.test.ts proves the SQL twin gives the same counts.
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  computeKpis,
  periodRange,
  targetFor,
  validateKpiValues,
  validateSchoolDocument,
  type KpiInput,
  type KpiPeriod,
  type KpiShareKey,
} from '@/domain/kpi';
import type {
  KpiValue,
  MentorTraining,
  Pair,
  PairMember,
  Participant,
  SchoolDocument,
} from '@/domain/types';
import { aPair, aParticipant, SCHOOL_ID, uuid } from '../factories/rows';

const STAMP = '2026-09-01T08:00:00.000Z';
const synced = () => ({
  id: uuid(),
  school_id: SCHOOL_ID,
  version: 1,
  deleted_at: null,
  created_at: STAMP,
  updated_at: STAMP,
  created_by: null,
});
const student = (fields: Partial<Participant> = {}) => aParticipant({ kind: 'student', ...fields });
const teacher = (fields: Partial<Participant> = {}) =>
  aParticipant({ kind: 'teacher', is_minor: false, birth_year: 1990, ...fields });
const member = (pair: Pair, who: Participant, side: 'mentor' | 'mentee'): PairMember => ({
  ...synced(),
  pair_id: pair.id,
  participant_id: who.id,
  side,
});
const course = (who: Participant, hours: number, completed: string | null): MentorTraining => ({
  ...synced(),
  participant_id: who.id,
  title: 'Наставничество',
  provider: null,
  hours,
  completed_on: completed,
});
const value = (indicator: string, year: number, kind: KpiValue['kind'], v: number): KpiValue => ({
  ...synced(),
  indicator,
  year,
  kind,
  value: v,
});
const doc = (kind: SchoolDocument['kind'], dated: string | null): SchoolDocument => ({
  ...synced(),
  kind,
  number: '12-О',
  dated_on: dated,
  note: null,
});

function input(parts: Partial<KpiInput>): KpiInput {
  return {
    participants: [],
    pairs: [],
    members: [],
    trainings: [],
    templates: [],
    responses: [],
    documents: [],
    kpiValues: [],
    trainingValidYears: null,
    ...parts,
  };
}
const YEAR: KpiPeriod = { year: 2026, half: null };
const row = (data: KpiInput, key: KpiShareKey, period = YEAR) =>
  computeKpis(data, period).shares.find((s) => s.key === key)!;
const counts = (data: KpiInput, key: KpiShareKey, period = YEAR) => {
  const r = row(data, key, period);
  return [r.numerator, r.denominator];
};

describe('the period', () => {
  it('is a calendar year or its half', () => {
    expect(periodRange({ year: 2026, half: null })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(periodRange({ year: 2026, half: 1 })).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodRange({ year: 2026, half: 2 })).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('counts a pair only while it works: its span overlaps the period', () => {
    const a = student();
    const b = student();
    const c = student();
    const autumn = aPair({ started_on: '2026-09-16', ended_on: null });
    const spring = aPair({ status: 'completed', started_on: '2025-10-01', ended_on: '2026-05-20' });
    const draft = aPair({
      status: 'draft',
      order_number: null,
      order_date: null,
      started_on: null,
    });
    const data = input({
      participants: [a, b, c],
      pairs: [autumn, spring, draft],
      members: [
        member(autumn, a, 'mentee'),
        member(spring, b, 'mentee'),
        member(draft, c, 'mentee'),
      ],
    });
    expect(counts(data, 'students_involved', { year: 2026, half: 1 })).toEqual([1, 3]);
    expect(counts(data, 'students_involved', { year: 2026, half: 2 })).toEqual([1, 3]);
    expect(counts(data, 'students_involved')).toEqual([2, 3]);
    expect(counts(data, 'students_involved', { year: 2024, half: null })).toEqual([0, 3]);
  });

  it('takes an approved pair from its order date until it starts', () => {
    const a = student();
    const approved = aPair({ status: 'approved', order_date: '2026-10-01', started_on: null });
    const data = input({
      participants: [a],
      pairs: [approved],
      members: [member(approved, a, 'mentee')],
    });
    expect(counts(data, 'students_involved', { year: 2026, half: 2 })).toEqual([1, 1]);
    expect(counts(data, 'students_involved', { year: 2026, half: 1 })).toEqual([0, 1]);
  });

  it('keeps on the roll those who left during the period, not before it', () => {
    const data = input({
      participants: [
        student({ archived_on: '2026-03-01' }),
        student({ archived_on: '2025-12-31' }),
        student({ deleted_at: STAMP }),
        student(),
      ],
    });
    expect(counts(data, 'students_involved')[1]).toBe(2);
  });
});

describe('ages and groups', () => {
  it('reads the age from the birth date, else from the year (the age reached that year)', () => {
    expect(ageOn({ birth_year: 2010, birth_date: '2010-07-01' }, '2026-06-30')).toBe(15);
    expect(ageOn({ birth_year: 2010, birth_date: '2010-06-30' }, '2026-06-30')).toBe(16);
    expect(ageOn({ birth_year: 2008, birth_date: '2008-02-29' }, '2025-02-28')).toBe(16);
    expect(ageOn({ birth_year: 2010 }, '2026-06-30')).toBe(16);
    expect(ageOn({ birth_year: null }, '2026-06-30')).toBeNull();
  });

  it('counts students aged 15–19 who are mentors, and reports those of unknown age', () => {
    const mentor16 = student({ birth_year: 2010 });
    const mentee17 = student({ birth_year: 2009 });
    const young = student({ birth_year: 2012 });
    const unknown = student({ birth_year: null });
    const p = aPair();
    const data = input({
      participants: [mentor16, mentee17, young, unknown],
      pairs: [p],
      members: [
        member(p, mentor16, 'mentor'),
        member(p, mentee17, 'mentee'),
        member(p, unknown, 'mentor'),
      ],
    });
    const r = row(data, 'student_mentors_15_19');
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
    expect(r.issues).toEqual([{ key: 'studentsAgeMissing', count: 1, where: 'people' }]);
  });

  it('tells managers from teachers, and young teachers by experience and age', () => {
    const director = teacher({ is_manager: true });
    const young = teacher({ birth_year: 1999, teaching_experience_years: 2 });
    const older = teacher({ birth_year: 1985, teaching_experience_years: 1 });
    const experienced = teacher({ birth_year: null, teaching_experience_years: 12 });
    const unknown = teacher({ birth_year: 1998, teaching_experience_years: null });
    const p = aPair({ form: 'uchitel_uchitel' });
    const data = input({
      participants: [director, young, older, experienced, unknown],
      pairs: [p],
      members: [member(p, director, 'mentor'), member(p, young, 'mentee')],
    });
    expect(counts(data, 'managers_involved')).toEqual([1, 1]);
    expect(counts(data, 'teachers_involved')).toEqual([1, 4]);
    const youngRow = row(data, 'young_teachers_supported');
    expect([youngRow.numerator, youngRow.denominator]).toEqual([1, 1]);
    expect(youngRow.issues).toEqual([
      { key: 'teachersAgeOrExperienceMissing', count: 1, where: 'people' },
    ]);
  });
});

describe('trained', () => {
  it('needs ONE valid course of 36 hours or more; short ones do not add up', () => {
    const [a, b, c, d, e] = [teacher(), teacher(), teacher(), teacher(), student()];
    const data = input({
      participants: [a, b, c, d, e],
      trainings: [
        course(a, 72, '2024-06-01'),
        course(b, 24, '2026-02-01'),
        course(b, 24, '2026-03-01'),
        course(c, 36, '2023-12-31'), // valid until 2026-12-31, not on it
        course(d, 36, null), // not completed
        course(e, 72, '2026-01-10'), // a student's: never counts
      ],
    });
    expect(counts(data, 'teachers_trained')).toEqual([1, 4]);
    expect(counts(data, 'teachers_trained', { year: 2026, half: 1 })).toEqual([2, 4]);
  });

  it('uses the school’s validity period', () => {
    const a = teacher();
    const data = input({ participants: [a], trainings: [course(a, 40, '2022-03-01')] });
    expect(counts(data, 'teachers_trained')).toEqual([0, 1]);
    expect(counts({ ...data, trainingValidYears: 5 }, 'teachers_trained')).toEqual([1, 1]);
  });
});

describe('satisfaction', () => {
  const template = (audience: string) => ({
    id: uuid(),
    kind: 'satisfaction' as const,
    audience: audience as 'mentor',
    items: [{ id: 'overall', type: 'scale' as const, text: { ru: 'Довольны?' } }],
  });
  const mentee = template('mentee_student');
  const mentor = template('mentor');
  const answer = (t: { id: string }, v: unknown, submitted: string | null) => ({
    ...synced(),
    template_id: t.id,
    pair_id: null,
    participant_id: uuid(),
    answers: { overall: v } as Record<string, number>,
    submitted_at: submitted,
  });

  it('counts submitted answers of the period, satisfied from 7', () => {
    const data = input({
      templates: [mentee, mentor],
      responses: [
        answer(mentee, 7, '2026-05-01T10:00:00Z'),
        answer(mentee, 6, '2026-05-01T10:00:00Z'),
        answer(mentee, 10, null), // a draft
        answer(mentee, 9, '2025-12-31T23:00:00Z'), // 2025
        answer(mentee, 'да', '2026-05-01T10:00:00Z'), // not a number
        answer(mentor, 8, '2026-11-01T10:00:00Z'),
      ],
    });
    expect(counts(data, 'mentee_satisfaction')).toEqual([1, 2]);
    expect(counts(data, 'mentor_satisfaction')).toEqual([1, 1]);
    expect(row(data, 'mentor_satisfaction', { year: 2026, half: 1 }).issues).toEqual([
      { key: 'noMentorAnswers', where: 'questionnaires' },
    ]);
  });
});

describe('missing denominators', () => {
  it('are never a silent 0: each says what to fill in and where', () => {
    const table = computeKpis(input({}), YEAR);
    for (const share of table.shares) {
      expect(share.percent, share.key).toBeNull();
      expect(share.met, share.key).toBeNull();
      expect(share.issues.length, share.key).toBeGreaterThan(0);
    }
    const keys = Object.fromEntries(table.shares.map((s) => [s.key, s.issues[0]!.key]));
    expect(keys).toEqual({
      students_involved: 'noStudents',
      preschool_involved: 'enterPreschool',
      student_mentors_15_19: 'noStudents1519',
      managers_involved: 'noManagers',
      teachers_involved: 'noTeachers',
      young_teachers_supported: 'noYoungTeachers',
      enterprises_mentoring: 'enterEnterprises',
      managers_trained: 'noManagers',
      teachers_trained: 'noTeachers',
      mentee_satisfaction: 'noMenteeAnswers',
      mentor_satisfaction: 'noMentorAnswers',
    });
  });

  it('takes ДОО children and enterprises from the values the school entered for the year', () => {
    const data = input({
      kpiValues: [
        value('preschool_involved', 2026, 'numerator', 30),
        value('preschool_involved', 2026, 'denominator', 120),
        value('enterprises_mentoring', 2026, 'numerator', 1),
        value('enterprises_mentoring', 2025, 'denominator', 10),
      ],
    });
    const preschool = row(data, 'preschool_involved');
    expect(preschool).toMatchObject({
      numerator: 30,
      denominator: 120,
      percent: 25,
      isEntered: true,
    });
    expect(preschool.issues).toEqual([]);
    expect(row(data, 'enterprises_mentoring').issues).toEqual([
      { key: 'enterEnterprises', where: 'values' },
    ]);
  });
});

describe('targets', () => {
  it('are the seed’s for 2020–2024, the school’s later, else none', () => {
    const values = [value('students_involved', 2026, 'target', 75)];
    expect(targetFor('students_involved', 2020, values)).toBe(10);
    expect(targetFor('student_mentors_15_19', 2024, values)).toBe(10);
    expect(targetFor('mentee_satisfaction', 2023, values)).toBe(80);
    expect(targetFor('students_involved', 2026, values)).toBe(75);
    expect(targetFor('students_involved', 2025, values)).toBeNull();
  });

  it('are met on the exact share, not the rounded percent', () => {
    const people = [student(), student(), student()];
    const p = aPair();
    const data = input({
      participants: people,
      pairs: [p],
      members: [member(p, people[0]!, 'mentor'), member(p, people[1]!, 'mentee')],
      kpiValues: [value('students_involved', 2026, 'target', 67)],
    });
    // 2 of 3 is 66.67 %: shown as 67 %, but the target of 67 % is not reached.
    expect(row(data, 'students_involved')).toMatchObject({ percent: 67, target: 67, met: false });
    const lower = { ...data, kpiValues: [value('students_involved', 2026, 'target', 66)] };
    expect(row(lower, 'students_involved').met).toBe(true);
  });
});

describe('documents', () => {
  it('say «да» for a live, dated document adopted by the period’s end', () => {
    const deleted = { ...doc('programme', '2025-01-01'), deleted_at: STAMP };
    const table = computeKpis(
      input({
        documents: [
          doc('regulation', '2025-09-01'),
          deleted,
          doc('monitoring_indicators', null),
          doc('roadmap', '2027-01-10'),
          doc('curator_order', '2025-01-01'),
        ],
      }),
      YEAR,
    );
    expect(table.documents.map((d) => [d.kind, d.adopted])).toEqual([
      ['regulation', true],
      ['programme', false],
      ['monitoring_indicators', false],
      ['implementation_order', false],
      ['roadmap', false],
    ]);
    expect(table.documents[0]!.document?.number).toBe('12-О');
  });
});

describe('what the school enters', () => {
  it('refuses a document without a date, or dated in the future', () => {
    const base = { kind: 'regulation' as const, number: '1', note: '' };
    expect(validateSchoolDocument({ ...base, dated_on: '' }, '2026-12-01')).toEqual([
      { field: 'dated_on', key: 'dateRequired' },
    ]);
    expect(validateSchoolDocument({ ...base, dated_on: '2026-12-02' }, '2026-12-01')).toEqual([
      { field: 'dated_on', key: 'dateRange' },
    ]);
    expect(validateSchoolDocument({ ...base, dated_on: '2026-09-01' }, '2026-12-01')).toEqual([]);
  });

  it('refuses a target over 100 %, a fraction of people, and more taking part than in all', () => {
    const v = (indicator: KpiShareKey, kind: KpiValue['kind'], text: string) => ({
      indicator,
      year: 2026,
      kind,
      value: text,
    });
    expect(validateKpiValues([v('students_involved', 'target', '101')])).toEqual([
      { field: 'students_involved.target', key: 'percent' },
    ]);
    expect(validateKpiValues([v('students_involved', 'target', '72,5')])).toEqual([]);
    expect(validateKpiValues([v('preschool_involved', 'numerator', '2,5')])).toEqual([
      { field: 'preschool_involved.numerator', key: 'wholeNumber' },
    ]);
    expect(validateKpiValues([v('preschool_involved', 'numerator', 'много')])).toEqual([
      { field: 'preschool_involved.numerator', key: 'number' },
    ]);
    expect(
      validateKpiValues([
        v('enterprises_mentoring', 'numerator', '5'),
        v('enterprises_mentoring', 'denominator', '4'),
      ]),
    ).toEqual([{ field: 'enterprises_mentoring.numerator', key: 'moreThanTotal' }]);
  });
});
