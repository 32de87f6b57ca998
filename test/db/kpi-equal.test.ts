// The municipal KPI table has ONE definition, written twice: public.school_kpis() in SQL
// (supabase/schemas/830_school_kpis.sql) and computeKpis() in TypeScript (src/domain/kpi.ts).
// Both run here on the same rows — the seed with a year's worth of additions, a school with
// known answers, and generated schools — and must give the same numerators and denominators.
// Only the school's staff may ask.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, others } from '../factories/actors';
import { MUNICIPALITY, PARTICIPANTS, SCHOOL_A, TEMPLATES, USERS } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';
import {
  computeKpis,
  kpiCounts,
  periodRange,
  type KpiCount,
  type KpiInput,
  type KpiPeriod,
} from '@/domain/kpi';

const SATISFACTION_MENTOR = 'b1000000-0000-4000-8000-000000000003';

let db: TestDb;

type Row = Record<string, unknown>;

/** Rows as the device receives them (JSON: dates as `YYYY-MM-DD`, numbers as numbers). */
async function rowsOf(table: string, schoolId: string | null): Promise<Row[]> {
  const where = schoolId === null ? '' : 'where t.school_id = $1';
  const result = await db.query<{ r: Row }>(
    `select to_jsonb(t) as r from public.${table} t ${where}`,
    schoolId === null ? [] : [schoolId],
  );
  return result.rows.map((x) => x.r);
}

async function inputOf(schoolId: string): Promise<KpiInput> {
  const [participants, pairs, members, trainings, templates, responses, documents, kpiValues] =
    await Promise.all([
      rowsOf('participants', schoolId),
      rowsOf('pairs', schoolId),
      rowsOf('pair_members', schoolId),
      rowsOf('mentor_trainings', schoolId),
      rowsOf('questionnaire_templates', null),
      rowsOf('questionnaire_responses', schoolId),
      rowsOf('school_documents', schoolId),
      rowsOf('kpi_values', schoolId),
    ]);
  const school = await db.query<{ training_valid_years: number }>(
    'select training_valid_years from public.schools where id = $1',
    [schoolId],
  );
  return {
    participants,
    pairs,
    members,
    trainings,
    templates,
    responses,
    documents,
    kpiValues,
    trainingValidYears: school.rows[0]!.training_valid_years,
  } as unknown as KpiInput;
}

const byIndicator = (rows: KpiCount[]) =>
  [...rows].sort((a, b) => a.indicator.localeCompare(b.indicator));

async function fromSql(
  schoolId: string,
  period: KpiPeriod,
  claims = actors.curator,
): Promise<KpiCount[]> {
  const { from, to } = periodRange(period);
  const rows = await db.asUserRolledBack(
    claims,
    async (s) =>
      (
        await s.query<KpiCount>('select * from public.school_kpis($1, $2, $3)', [
          schoolId,
          from,
          to,
        ])
      ).rows,
  );
  return byIndicator(rows);
}

async function fromTypeScript(schoolId: string, period: KpiPeriod): Promise<KpiCount[]> {
  return byIndicator(kpiCounts(computeKpis(await inputOf(schoolId), period)));
}

/**
 * Inserts rows as the tables' owner with their user triggers off (ALTER TABLE … DISABLE
 * TRIGGER USER: `postgres` owns the tables but is not a superuser on the CI's server, so
 * session_replication_role is not allowed): the data is a fixture for a read-only function,
 * not a test of the write rules.
 */
async function insertRows(table: string, rows: Row[], columns: Record<string, string>) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const spec = names.map((n) => `${n} ${columns[n]}`).join(', ');
  await db.query(
    `insert into public.${table} (${names.join(', ')})
     select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${spec})`,
    [JSON.stringify(rows)],
  );
}

const FIXTURE_TABLES = [
  'participants',
  'pairs',
  'pair_members',
  'mentor_trainings',
  'questionnaire_templates',
  'questionnaire_responses',
  'school_documents',
  'kpi_values',
  'schools',
];
async function withTriggersOff(fn: () => Promise<void>) {
  const each = (verb: string) =>
    FIXTURE_TABLES.map((t) => `alter table public.${t} ${verb} trigger user;`).join('\n');
  await db.exec(each('disable'));
  try {
    await fn();
  } finally {
    await db.exec(each('enable'));
  }
}

const PARTICIPANT_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  kind: 'text',
  full_name: 'text',
  birth_year: 'integer',
  birth_date: 'date',
  is_minor: 'boolean',
  teaching_experience_years: 'integer',
  is_manager: 'boolean',
  archived_on: 'date',
  deleted_at: 'timestamptz',
};
const PAIR_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  is_group: 'boolean',
  form: 'text',
  status: 'text',
  order_number: 'text',
  order_date: 'date',
  end_reason: 'text',
  started_on: 'date',
  ended_on: 'date',
  deleted_at: 'timestamptz',
};
const MEMBER_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  pair_id: 'uuid',
  participant_id: 'uuid',
  side: 'text',
  deleted_at: 'timestamptz',
};
const TRAINING_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  participant_id: 'uuid',
  title: 'text',
  hours: 'numeric',
  completed_on: 'date',
  deleted_at: 'timestamptz',
};
const RESPONSE_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  template_id: 'uuid',
  participant_id: 'uuid',
  answers: 'jsonb',
  submitted_at: 'timestamptz',
  deleted_at: 'timestamptz',
};
const DOCUMENT_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  kind: 'text',
  number: 'text',
  dated_on: 'date',
  deleted_at: 'timestamptz',
};
const VALUE_COLUMNS = {
  id: 'uuid',
  school_id: 'uuid',
  indicator: 'text',
  year: 'integer',
  kind: 'text',
  value: 'numeric',
  deleted_at: 'timestamptz',
};

/** A new school whose curator is the seed's curator (so she may ask for its table). */
async function aSchool(trainingValidYears = 3): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into public.schools (id, municipality_id, name, training_valid_years)
     values ($1, $2, $3, $4)`,
    [id, MUNICIPALITY, `Школа ${id.slice(0, 8)}`, trainingValidYears],
  );
  await db.query(
    `insert into public.memberships (user_id, school_id, role) values ($1, $2, 'curator')`,
    [USERS.curator, id],
  );
  return id;
}

const person = (school: string, fields: Row): Row => ({
  id: randomUUID(),
  school_id: school,
  kind: 'teacher',
  full_name: 'Участник',
  birth_year: null,
  birth_date: null,
  is_minor: false,
  teaching_experience_years: null,
  is_manager: false,
  archived_on: null,
  deleted_at: null,
  ...fields,
});

const PERIODS: KpiPeriod[] = [
  { year: 2026, half: null },
  { year: 2026, half: 1 },
  { year: 2026, half: 2 },
  { year: 2025, half: null },
  { year: 2024, half: 2 },
];

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

describe('the seed school', () => {
  beforeAll(async () => {
    // A year's worth of what a curator records: managers, birth dates, courses (one of
    // them a student's, one too short, two short ones that do not add up), answers,
    // documents and the values only the school knows.
    await withTriggersOff(async () => {
      await db.query(`update public.participants set is_manager = true where id = $1`, [
        PARTICIPANTS.kravtsova,
      ]);
      await db.query(
        `update public.participants set birth_date = '2010-03-15', birth_year = 2010 where id = $1`,
        [PARTICIPANTS.artem],
      );
      await insertRows(
        'mentor_trainings',
        [
          [PARTICIPANTS.kravtsova, 72, '2024-06-01'],
          [PARTICIPANTS.belousov, 24, '2026-02-01'],
          [PARTICIPANTS.belousov, 24, '2026-03-01'],
          [PARTICIPANTS.larina, 36, '2023-05-31'],
          [PARTICIPANTS.artem, 40, '2026-04-01'],
        ].map(([participant, hours, completed]) => ({
          id: randomUUID(),
          school_id: SCHOOL_A,
          participant_id: participant,
          title: 'Наставничество в образовательной организации',
          hours,
          completed_on: completed,
          deleted_at: null,
        })),
        TRAINING_COLUMNS,
      );
      await insertRows(
        'questionnaire_responses',
        [
          [TEMPLATES.satisfactionMenteeStudent, { q1: 9 }, '2026-05-20T10:00:00Z'],
          [TEMPLATES.satisfactionMenteeStudent, { q1: 4 }, '2026-11-20T10:00:00Z'],
          [TEMPLATES.satisfactionMenteeStudent, { q1: 8 }, '2025-12-31T23:30:00Z'],
          [SATISFACTION_MENTOR, { q1: 7 }, '2026-05-27T10:00:00Z'],
          [SATISFACTION_MENTOR, { q1: 'десять' }, '2026-05-27T10:00:00Z'],
        ].map(([template, answers, submitted]) => ({
          id: randomUUID(),
          school_id: SCHOOL_A,
          template_id: template,
          participant_id: PARTICIPANTS.larina,
          answers,
          submitted_at: submitted,
          deleted_at: null,
        })),
        RESPONSE_COLUMNS,
      );
      await insertRows(
        'school_documents',
        [
          ['regulation', '2025-09-01'],
          ['programme', null],
          ['roadmap', '2026-09-01'],
        ].map(([kind, dated]) => ({
          id: randomUUID(),
          school_id: SCHOOL_A,
          kind,
          number: '15-О',
          dated_on: dated,
          deleted_at: null,
        })),
        DOCUMENT_COLUMNS,
      );
      await insertRows(
        'kpi_values',
        [
          ['enterprises_mentoring', 'numerator', 2],
          ['enterprises_mentoring', 'denominator', 12.4],
          ['preschool_involved', 'numerator', 30],
        ].map(([indicator, kind, value]) => ({
          id: randomUUID(),
          school_id: SCHOOL_A,
          indicator,
          year: 2026,
          kind,
          value,
          deleted_at: null,
        })),
        VALUE_COLUMNS,
      );
    });
  });

  it.each(PERIODS)('gives the same counts in SQL and TypeScript (%o)', async (period) => {
    expect(await fromSql(SCHOOL_A, period)).toEqual(await fromTypeScript(SCHOOL_A, period));
  });

  it('counts the seed as a curator would read it in 2026', async () => {
    const rows = Object.fromEntries(
      (await fromSql(SCHOOL_A, { year: 2026, half: null })).map((r) => [
        r.indicator,
        [r.numerator, r.denominator],
      ]),
    );
    // Кравцова is a manager with a valid 72-hour course; Белоусов's two 24-hour courses do
    // not add up; Артём's course is a student's and never counts.
    expect(rows.managers_trained).toEqual([1, 1]);
    expect(rows.managers_involved).toEqual([1, 1]);
    // Ларина's 36 hours of 2023-05-31 were valid until 2026-05-31: counted in 2025, not at
    // the end of 2026.
    expect(rows.teachers_trained![0]).toBe(0);
    const in2025 = await fromSql(SCHOOL_A, { year: 2025, half: null });
    expect(in2025.find((r) => r.indicator === 'teachers_trained')!.numerator).toBe(1);
    // The seed's own satisfied answer, and ours of May (9) and November (4); the 8 given on
    // 2025-12-31 23:30 UTC belongs to 2025.
    expect(rows.mentee_satisfaction).toEqual([2, 3]);
    // The seed's satisfied mentor and ours (7); a word instead of a number is not an answer.
    expect(rows.mentor_satisfaction).toEqual([2, 2]);
    expect(rows.enterprises_mentoring).toEqual([2, 12]);
    expect(rows.preschool_involved).toEqual([30, null]);
    expect(rows.doc_regulation).toEqual([1, 1]);
    expect(rows.doc_programme).toEqual([0, 1]);
    expect(rows.doc_roadmap).toEqual([1, 1]);
    expect(rows.doc_implementation_order).toEqual([0, 1]);
  });

  it('refuses anyone but the school’s staff', async () => {
    const period = periodRange({ year: 2026, half: null });
    for (const claims of [
      actors.mentor,
      actors.mentee,
      actors.member_of_other_school,
      actors.coordinator,
      others.mentor2,
    ]) {
      await expectSqlError(
        db.asUserRolledBack(claims, (s) =>
          s.query('select * from public.school_kpis($1, $2, $3)', [
            SCHOOL_A,
            period.from,
            period.to,
          ]),
        ),
        '42501',
        /not_staff/,
      );
    }
    await expectSqlError(
      db.query('select * from public.school_kpis($1, $2, $3)', [SCHOOL_A, period.from, period.to]),
      '42501',
    );
    expect(await fromSql(SCHOOL_A, { year: 2026, half: null }, actors.school_admin)).toHaveLength(
      16,
    );
  });
});

describe('a school with known answers', () => {
  let school: string;
  beforeAll(async () => {
    school = await aSchool(2);
    const p = (fields: Row) => person(school, fields);
    const students = [
      p({ kind: 'student', birth_date: '2009-12-31', birth_year: 2009 }), // 16 at 2026-06-30
      p({ kind: 'student', birth_date: '2011-07-01', birth_year: 2011 }), // 14 at 2026-06-30
      p({ kind: 'student', birth_year: 2007 }), // 19 in 2026
      p({ kind: 'student' }), // age unknown
      p({ kind: 'student', archived_on: '2025-12-31' }), // left before 2026
    ];
    const teachers = [
      p({ birth_year: 1998, teaching_experience_years: 1 }), // young
      p({ birth_year: 1980, teaching_experience_years: 2 }), // 46: not young
      p({ teaching_experience_years: 10 }), // experienced: surely not young
      p({ birth_year: 2000 }), // experience unknown
      p({ kind: 'other', is_manager: true, birth_year: 1975 }), // a manager
    ];
    const pair = (status: string, started: string | null, ended: string | null) => ({
      id: randomUUID(),
      school_id: school,
      is_group: false,
      form: 'uchenik_uchenik',
      status,
      order_number: '1-О',
      order_date: started,
      end_reason: null,
      started_on: started,
      ended_on: ended,
      deleted_at: null,
    });
    const inH1 = pair('active', '2026-02-01', null);
    const before = pair('completed', '2025-01-10', '2025-12-20');
    const draft = pair('draft', '2026-02-01', null);
    const member = (pairRow: Row, who: Row, side: string) => ({
      id: randomUUID(),
      school_id: school,
      pair_id: pairRow.id,
      participant_id: who.id,
      side,
      deleted_at: null,
    });
    await withTriggersOff(async () => {
      await insertRows('participants', [...students, ...teachers], PARTICIPANT_COLUMNS);
      await insertRows('pairs', [inH1, before, draft], PAIR_COLUMNS);
      await insertRows(
        'pair_members',
        [
          member(inH1, students[0]!, 'mentor'), // a 16-year-old mentor
          member(inH1, teachers[0]!, 'mentee'), // a young teacher supported
          member(before, students[2]!, 'mentor'), // only in 2025
          member(draft, teachers[4]!, 'mentor'), // a draft never counts
        ],
        MEMBER_COLUMNS,
      );
    });
  });

  it('counts each share as defined, the same in SQL and TypeScript', async () => {
    const period: KpiPeriod = { year: 2026, half: 1 };
    const sql = await fromSql(school, period);
    expect(sql).toEqual(await fromTypeScript(school, period));
    const got = Object.fromEntries(sql.map((r) => [r.indicator, [r.numerator, r.denominator]]));
    expect(got).toMatchObject({
      students_involved: [1, 4],
      student_mentors_15_19: [1, 2],
      teachers_involved: [1, 4],
      young_teachers_supported: [1, 1],
      managers_involved: [0, 1],
      preschool_involved: [null, null],
    });
  });

  it('says what to fill in where a denominator is missing', async () => {
    const table = computeKpis(await inputOf(school), { year: 2026, half: 1 });
    const issues = Object.fromEntries(table.shares.map((s) => [s.key, s.issues]));
    expect(issues.student_mentors_15_19).toEqual([
      { key: 'studentsAgeMissing', count: 1, where: 'people' },
    ]);
    expect(issues.young_teachers_supported).toEqual([
      { key: 'teachersAgeOrExperienceMissing', count: 1, where: 'people' },
    ]);
    expect(issues.preschool_involved).toEqual([{ key: 'enterPreschool', where: 'values' }]);
    expect(issues.mentee_satisfaction).toEqual([
      { key: 'noMenteeAnswers', where: 'questionnaires' },
    ]);
    const preschool = table.shares.find((s) => s.key === 'preschool_involved')!;
    expect(preschool.percent).toBeNull();
    expect(preschool.met).toBeNull();
  });
});

// ---- generated schools ----------------------------------------------------------------

const day = (from: string, days: number) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const aDay = fc.integer({ min: 0, max: 8 * 365 }).map((n) => day('2019-01-01', n));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const aDeletion = fc.constantFrom(null, null, null, null, '2026-06-01T00:00:00Z');

const aPerson = fc.record({
  kind: fc.constantFrom('student', 'student', 'student', 'teacher', 'teacher', 'other', 'parent'),
  is_manager: fc.constantFrom(false, false, false, true),
  birth: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 1955, max: 2016 }).map((y) => ({ year: y, date: null as string | null })),
    fc
      .integer({ min: 0, max: 60 * 365 })
      .map((n) => day('1956-02-29', n))
      .map((d) => ({ year: Number(d.slice(0, 4)), date: d as string | null })),
  ),
  experience: maybe(fc.integer({ min: 0, max: 8 })),
  archived_on: fc.option(aDay, { nil: null, freq: 4 }),
  deleted_at: aDeletion,
});
const aPair = fc.record({
  status: fc.constantFrom('draft', 'approved', 'active', 'completed', 'ended_early'),
  order_date: maybe(aDay),
  started_on: maybe(aDay),
  ended_on: maybe(aDay),
  deleted_at: aDeletion,
});
const anIndex = fc.nat({ max: 1000 });
const aSchoolData = fc.record({
  validYears: fc.integer({ min: 1, max: 10 }),
  people: fc.array(aPerson, { minLength: 1, maxLength: 18 }),
  pairs: fc.array(aPair, { maxLength: 6 }),
  members: fc.array(
    fc.record({
      pair: anIndex,
      person: anIndex,
      side: fc.constantFrom('mentor', 'mentee'),
      deleted_at: aDeletion,
    }),
    { maxLength: 16 },
  ),
  trainings: fc.array(
    fc.record({
      person: anIndex,
      hours: fc.constantFrom(8, 16, 35.5, 36, 40, 72),
      completed_on: fc.oneof(maybe(aDay), fc.constantFrom('2020-02-29', '2023-02-28')),
      deleted_at: aDeletion,
    }),
    { maxLength: 8 },
  ),
  responses: fc.array(
    fc.record({
      template: fc.constantFrom(
        TEMPLATES.satisfactionMenteeStudent,
        SATISFACTION_MENTOR,
        TEMPLATES.entryMenteeStudent,
      ),
      answer: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(6.5, 7, '9', null)),
      submitted: maybe(
        fc
          .integer({ min: 0, max: 3 * 365 * 24 })
          .map((h) => new Date(Date.UTC(2024, 0, 1) + h * 3_600_000).toISOString()),
      ),
      deleted_at: aDeletion,
    }),
    { maxLength: 8 },
  ),
  documents: fc.array(
    fc.record({
      kind: fc.constantFrom(
        'regulation',
        'programme',
        'monitoring_indicators',
        'implementation_order',
        'roadmap',
        'curator_order',
      ),
      dated_on: maybe(aDay),
      deleted_at: aDeletion,
    }),
    { maxLength: 6 },
  ),
  values: fc.uniqueArray(
    fc.record({
      indicator: fc.constantFrom('preschool_involved', 'enterprises_mentoring'),
      kind: fc.constantFrom('numerator', 'denominator', 'target'),
      year: fc.integer({ min: 2024, max: 2026 }),
      value: fc.constantFrom(0, 3, 12.5, 40, 99.5),
      deleted_at: aDeletion,
    }),
    { selector: (v) => `${v.indicator}/${v.kind}/${v.year}/${v.deleted_at}`, maxLength: 6 },
  ),
  period: fc.record({
    year: fc.integer({ min: 2024, max: 2026 }),
    half: fc.constantFrom(null, 1, 2) as fc.Arbitrary<1 | 2 | null>,
  }),
});

type SchoolData = typeof aSchoolData extends fc.Arbitrary<infer T> ? T : never;

async function insertSchool(data: SchoolData): Promise<string> {
  const school = await aSchool(data.validYears);
  const people = data.people.map((p) =>
    person(school, {
      kind: p.kind,
      is_manager: p.is_manager,
      birth_year: p.birth?.year ?? null,
      birth_date: p.birth?.date ?? null,
      teaching_experience_years: p.experience,
      archived_on: p.archived_on,
      deleted_at: p.deleted_at,
    }),
  );
  // The table's own rules hold: an approved pair has an order, an ended one a reason, and
  // no pair ends before it starts.
  const pairs = data.pairs.map((p) => {
    const [started, ended] =
      p.started_on && p.ended_on && p.ended_on < p.started_on
        ? [p.ended_on, p.started_on]
        : [p.started_on, p.ended_on];
    return {
      id: randomUUID(),
      school_id: school,
      is_group: false,
      form: 'uchenik_uchenik',
      status: p.status,
      order_number: p.status === 'draft' ? null : '1-О',
      order_date: p.status === 'draft' ? p.order_date : (p.order_date ?? '2024-09-01'),
      end_reason: p.status === 'ended_early' ? 'По заявлению' : null,
      started_on: started,
      ended_on: ended,
      deleted_at: p.deleted_at,
    };
  });
  const at = <T>(rows: T[], i: number) => rows[i % rows.length]!;
  const base = () => ({ id: randomUUID(), school_id: school });
  await withTriggersOff(async () => {
    await insertRows('participants', people, PARTICIPANT_COLUMNS);
    await insertRows('pairs', pairs, PAIR_COLUMNS);
    // One membership per pair and person (pair_members_unique).
    const seen = new Set<string>();
    const members = data.members.filter((m) => {
      const key = `${m.pair % Math.max(pairs.length, 1)}/${m.person % people.length}`;
      return !seen.has(key) && seen.add(key);
    });
    if (pairs.length > 0)
      await insertRows(
        'pair_members',
        members.map((m) => ({
          ...base(),
          pair_id: at(pairs, m.pair).id,
          participant_id: at(people, m.person).id,
          side: m.side,
          deleted_at: m.deleted_at,
        })),
        MEMBER_COLUMNS,
      );
    await insertRows(
      'mentor_trainings',
      data.trainings.map((t) => ({
        ...base(),
        participant_id: at(people, t.person).id,
        title: 'Курс',
        hours: t.hours,
        completed_on: t.completed_on,
        deleted_at: t.deleted_at,
      })),
      TRAINING_COLUMNS,
    );
    await insertRows(
      'questionnaire_responses',
      data.responses.map((r, i) => ({
        ...base(),
        template_id: r.template,
        participant_id: at(people, i).id,
        answers: r.answer === null ? {} : { q1: r.answer },
        submitted_at: r.submitted,
        deleted_at: r.deleted_at,
      })),
      RESPONSE_COLUMNS,
    );
    await insertRows(
      'school_documents',
      data.documents.map((d) => ({ ...base(), number: '1', ...d })),
      DOCUMENT_COLUMNS,
    );
    await insertRows(
      'kpi_values',
      data.values.map((v) => ({ ...base(), ...v })),
      VALUE_COLUMNS,
    );
  });
  return school;
}

describe('generated schools', () => {
  it('give the same counts in SQL and TypeScript', async () => {
    await fc.assert(
      fc.asyncProperty(aSchoolData, async (data) => {
        const school = await insertSchool(data);
        const sql = await fromSql(school, data.period);
        expect(sql).toEqual(await fromTypeScript(school, data.period));
        expect(sql).toHaveLength(16);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
