// The access matrix: every table in `public` × select/insert/update/delete × every actor,
// each with its expected outcome (rows visible/changed in school A, or the SQLSTATE).
// Every probe runs through asUserRolledBack, i.e. exactly as a PostgREST request would
// (role + request.jwt.claims set locally) and leaves the database unchanged.
// A table missing from MATRIX fails the suite: a new table cannot be forgotten.
// Counts come from supabase/seed.sql (see its header): change the seed, update the counts.
// `group_mentee` is Софья of the group P3 (mentor Полина, mentees Софья and Егор): she reads
// her own card and plan and her mentor's card, never Егор's; the block at the end has the
// two group mates read and write each other's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  actors,
  others,
  insertAuthUserSql,
  UNREDEEMED_ANONYMOUS_USER,
  type ActorName,
} from '../factories/actors';
import {
  GOAL_P1,
  GROUP,
  MEETING_P1,
  MEETING_PAPER_P5,
  MUNICIPALITY,
  PAIRS,
  PARTICIPANTS,
  PLAN_P1,
  PROGRAMME_A,
  SCHOOL_A,
  TEMPLATES,
  USERS,
} from '../factories/seed-ids';

type Op = 'select' | 'insert' | 'update' | 'delete';
/** rows seen/changed, or an SQLSTATE */
type Outcome = number | string;
type Partial_ = Partial<Record<ActorName | 'staff', Outcome>>;

interface TableCase {
  /** rows of school A (or all rows for tables without a school) */
  where: string;
  insert: string;
  /** a no-op SET clause: the probe measures who may touch which rows, not the rules */
  set: string;
  select: Partial_ | 'denied';
  insertAllowed: Partial_;
  update: Partial_ | 'denied';
}

const ACTORS = Object.keys(actors) as ActorName[];
const A = `'${SCHOOL_A}'`;
/** A meeting of P1 that Ларина has not confirmed yet. */
const MEETING_P1_PLANNING = 'ae000000-0000-4000-8000-000000000003';
const inA = `school_id = ${A}`;

function expand(
  partial: Partial_ | 'denied',
  fallback: Outcome,
  anon: Outcome,
): Record<ActorName, Outcome> {
  const out = {} as Record<ActorName, Outcome>;
  for (const actor of ACTORS) {
    if (partial === 'denied') out[actor] = '42501';
    else if (actor === 'anon') out[actor] = partial.anon ?? anon;
    else if (
      (actor === 'curator' || actor === 'school_admin') &&
      partial[actor] === undefined &&
      partial.staff !== undefined
    )
      out[actor] = partial.staff;
    else out[actor] = partial[actor] ?? fallback;
  }
  return out;
}

const MATRIX: Record<string, TableCase> = {
  municipalities: {
    where: 'true',
    insert: `insert into public.municipalities (name) values ('Тестовый район')`,
    set: 'name = name',
    select: {
      staff: 1,
      mentor: 1,
      mentee: 1,
      group_mentee: 1,
      coordinator: 1,
      member_of_other_school: 1,
    },
    insertAllowed: {},
    update: 'denied',
  },
  schools: {
    where: `id = ${A}`,
    insert: `insert into public.schools (municipality_id, name) select municipality_id, 'Новая школа' from public.schools limit 1`,
    set: 'name = name',
    select: { staff: 1, mentor: 1, mentee: 1, group_mentee: 1 },
    insertAllowed: {},
    // staff: the documents' requisites (training_valid_years stays the admin's: school-requisites.test.ts)
    update: { staff: 1 },
  },
  coordinators: {
    where: 'true',
    insert: `insert into public.coordinators (user_id, municipality_id) select '${UNREDEEMED_ANONYMOUS_USER}', id from public.municipalities limit 1`,
    set: 'municipality_id = municipality_id',
    select: { coordinator: 1 },
    insertAllowed: {},
    update: 'denied',
  },
  memberships: {
    where: inA,
    insert: `insert into public.memberships (user_id, school_id, role) values ('${UNREDEEMED_ANONYMOUS_USER}', ${A}, 'school_admin')`,
    set: 'revoked_at = revoked_at',
    select: { staff: 9, mentor: 1, mentee: 1, group_mentee: 1 },
    insertAllowed: {},
    update: { staff: 9 },
  },
  participants: {
    where: inA,
    insert: `insert into public.participants (school_id, kind, full_name) values (${A}, 'student', 'Новикова Ева')`,
    set: 'full_name = full_name',
    // mentor: self + the mentees of P1 and P5; mentee: self + her mentor; group_mentee: self
    // + Полина, not Егор.
    select: { staff: 11, mentor: 3, mentee: 2, group_mentee: 2 },
    insertAllowed: { staff: 1 },
    // a mentor her own card (contact details only: guard_participant_self_update)
    update: { staff: 11, mentor: 1 },
  },
  participant_sensitive: {
    where: inA,
    insert: `insert into public.participant_sensitive (school_id, participant_id, categories) values (${A}, '${PARTICIPANTS.polina}', '{disengaged}')`,
    set: 'note = note',
    // the mentor reads her own mentees' (Ларина, Сидоренко); no mentee reads any, not her own
    select: { staff: 7, mentor: 2 },
    insertAllowed: { staff: 1 },
    update: { staff: 7 },
  },
  consents: {
    where: inA,
    insert: `insert into public.consents (school_id, participant_id, given_by, signed_on) values (${A}, '${PARTICIPANTS.larina}', 'self', current_date)`,
    set: 'scope_note = scope_note',
    // staff only: the others read participants.consent_covered_until
    select: { staff: 10 },
    insertAllowed: { staff: 1 },
    update: { staff: 10 },
  },
  programmes: {
    where: inA,
    insert: `insert into public.programmes (school_id, academic_year, title) values (${A}, '2027/2028', 'Следующий год')`,
    set: 'title = title',
    select: { staff: 2, mentor: 2, mentee: 2, group_mentee: 2 },
    insertAllowed: { staff: 1 },
    update: { staff: 2 },
  },
  roadmap_tasks: {
    where: inA,
    insert: `insert into public.roadmap_tasks (school_id, programme_id, stage, title) values (${A}, '${PROGRAMME_A}', 7, 'Публикация кейсов')`,
    set: 'title = title',
    select: { staff: 8 },
    insertAllowed: { staff: 1 },
    update: { staff: 8 },
  },
  pairs: {
    where: inA,
    insert: `insert into public.pairs (school_id, programme_id, form) values (${A}, '${PROGRAMME_A}', 'uchitel_uchenik')`,
    set: 'title = title',
    select: { staff: 6, mentor: 2, mentee: 1, group_mentee: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 6 },
  },
  pair_members: {
    where: inA,
    insert: `insert into public.pair_members (school_id, pair_id, participant_id, side) values (${A}, '${PAIRS.p4Draft}', '${PARTICIPANTS.sidorenko}', 'mentor')`,
    set: 'deleted_at = deleted_at',
    // group_mentee: the three members of P3 (names through pair_members.full_name)
    select: { staff: 13, mentor: 4, mentee: 2, group_mentee: 3 },
    insertAllowed: { staff: 1 },
    update: { staff: 13 },
  },
  mentor_change_requests: {
    where: inA,
    insert: `insert into public.mentor_change_requests (school_id, pair_id, requested_by, reason) values (${A}, '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.larina}', 'Не совпадаем по графику')`,
    set: 'reason = reason',
    select: { staff: 1 },
    insertAllowed: { staff: 1, mentee: 1 },
    update: { staff: 1 },
  },
  // The curator's snoozed triage items: staff only (one seeded snooze, run out).
  triage_snoozes: {
    where: inA,
    insert: `insert into public.triage_snoozes (school_id, item_key, snoozed_until, reason) values (${A}, 'consent_missing:${PARTICIPANTS.alisa}', current_date + 7, 'Ждём родителей')`,
    set: 'reason = reason',
    select: { staff: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 1 },
  },
  development_plans: {
    where: inA,
    insert: `insert into public.development_plans (school_id, pair_id, mentee_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.larina}', 'План на II полугодие')`,
    set: 'title = title',
    // Mentors of the pair write; staff read only; a mentee reads her own plan only.
    select: { staff: 4, mentor: 1, mentee: 1, group_mentee: 1 },
    insertAllowed: { mentor: 1 },
    update: { mentor: 1 },
  },
  plan_goals: {
    where: inA,
    insert: `insert into public.plan_goals (school_id, pair_id, plan_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PLAN_P1}', 'Новая цель')`,
    set: 'title = title',
    select: { staff: 6, mentor: 3, mentee: 3, group_mentee: 1 },
    insertAllowed: { mentor: 1 },
    update: { mentor: 3 },
  },
  plan_tasks: {
    where: inA,
    insert: `insert into public.plan_tasks (school_id, pair_id, plan_id, goal_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PLAN_P1}', '${GOAL_P1}', 'Новая задача')`,
    set: 'title = title',
    select: { staff: 18, mentor: 13, mentee: 13, group_mentee: 1 },
    insertAllowed: { mentor: 1 },
    // a mentee reaches the tasks of her own plan; guard_plan_task_write lets her change only
    // mentee_done_at / mentee_comment (this probe changes nothing)
    update: { mentor: 13, mentee: 13, group_mentee: 1 },
  },
  meetings: {
    where: inA,
    insert: `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values (${A}, '${PAIRS.p1TeacherActive}', 'regular', current_date, 45)`,
    set: 'topic = topic',
    select: { staff: 10, mentor: 7, mentee: 5, group_mentee: 1 },
    // staff enter meetings from a paper log (entered_by_staff)
    insertAllowed: { mentor: 1, staff: 1 },
    // mentees confirm in meeting_confirmations, never in the meeting row; staff update only
    // the meetings entered by staff (P5's final meeting), the mentor every meeting of her pairs
    update: { mentor: 7, staff: 1 },
  },
  // Who came (beforeAll): Софья and Егор to the group's first meeting, Ларина to P1's, and
  // Сидоренко to P5's meeting entered from paper. Staff and the pair's mentor read all; each
  // mentee her own only; the mentor ticks, staff only on paper meetings.
  meeting_attendances: {
    where: inA,
    insert: `insert into public.meeting_attendances (school_id, pair_id, meeting_id, participant_id) values (${A}, '${PAIRS.p1TeacherActive}', '${MEETING_P1_PLANNING}', '${PARTICIPANTS.larina}')`,
    set: 'deleted_at = deleted_at',
    select: { staff: 4, mentor: 2, mentee: 1, group_mentee: 1 },
    insertAllowed: { mentor: 1 },
    update: { mentor: 2, staff: 1 },
  },
  meeting_confirmations: {
    where: inA,
    insert: `insert into public.meeting_confirmations (school_id, pair_id, meeting_id, participant_id) values (${A}, '${PAIRS.p1TeacherActive}', '${MEETING_P1_PLANNING}', '${PARTICIPANTS.larina}')`,
    set: 'reflection = reflection',
    // staff; the mentors of the pair (P1: 2, P5: 1); each mentee her own only
    select: { staff: 6, mentor: 3, mentee: 2, group_mentee: 1 },
    insertAllowed: { mentee: 1 },
    update: { mentee: 2, group_mentee: 1 },
  },
  meeting_private_notes: {
    where: inA,
    insert: `insert into public.meeting_private_notes (school_id, pair_id, meeting_id, body) values (${A}, '${PAIRS.p1TeacherActive}', '${MEETING_P1}', 'Заметка')`,
    set: 'body = body',
    select: { mentor: 1 },
    insertAllowed: { mentor: 1 },
    update: { mentor: 1 },
  },
  questionnaire_templates: {
    where: `(school_id = ${A} or school_id is null)`,
    insert: `insert into public.questionnaire_templates (school_id, kind, audience, title, items) values (${A}, 'intermediate', 'mentor', 'Промежуточная', '[{"id":"q1","type":"scale","text":{"ru":"Как идут дела?"}}]')`,
    set: 'title = title',
    select: { staff: 9, mentor: 9, mentee: 9, group_mentee: 9, member_of_other_school: 9 },
    insertAllowed: { staff: 1 },
    update: {},
  },
  questionnaire_responses: {
    where: inA,
    insert: `insert into public.questionnaire_responses (school_id, template_id, pair_id, participant_id, answers) values (${A}, '${TEMPLATES.entryMenteeTeacher}', '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.larina}', '{"q1": 6}')`,
    set: 'answers = answers',
    // the mentor reads her own answers and her mentees' submitted ones (never drafts)
    select: { staff: 4, mentor: 3, mentee: 1 },
    insertAllowed: { staff: 1, mentee: 1 },
    update: { staff: 4, mentor: 1, mentee: 1 },
  },
  mentor_trainings: {
    where: inA,
    insert: `insert into public.mentor_trainings (school_id, participant_id, title, hours) values (${A}, '${PARTICIPANTS.kravtsova}', 'Курсы', 18)`,
    set: 'title = title',
    // staff record training hours (the 36-hour KPI); the person reads her own
    select: { staff: 4, mentor: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 4 },
  },
  // Intake questionnaires: staff and the person herself, nobody else (not her mentor, not
  // her mentee). beforeAll adds Кравцова's (mentor), Ларина's and Егор's (mentees).
  intakes: {
    where: inA,
    insert: `insert into public.intakes (school_id, participant_id, role, request) values (${A}, '${PARTICIPANTS.larina}', 'mentor', 'Помогу с историей')`,
    set: 'request = request',
    select: { staff: 3, mentor: 1, mentee: 1 },
    insertAllowed: { staff: 1, mentee: 1 },
    update: { staff: 3, mentor: 1, mentee: 1 },
  },
  // The school's adopted documents and its KPI values: staff only (beforeAll adds one each).
  school_documents: {
    where: inA,
    insert: `insert into public.school_documents (school_id, kind, number, dated_on) values (${A}, 'curator_order', '15-О', current_date)`,
    set: 'note = note',
    select: { staff: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 1 },
  },
  kpi_values: {
    where: inA,
    insert: `insert into public.kpi_values (school_id, indicator, year, kind, value) values (${A}, 'students_in_mentoring', 2027, 'target', 30)`,
    set: 'value = value',
    select: { staff: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 1 },
  },
  // Targets set by the municipality (818_municipal_kpi_targets.sql): its coordinator writes,
  // staff of its schools read (school B is in the same municipality); beforeAll adds one.
  municipal_kpi_targets: {
    where: 'true',
    insert: `insert into public.municipal_kpi_targets (municipality_id, indicator, year, value) values ('${MUNICIPALITY}', 'teachers_involved', 2027, 40)`,
    set: 'value = value',
    select: { staff: 1, coordinator: 1, member_of_other_school: 1 },
    insertAllowed: { coordinator: 1 },
    update: { coordinator: 1 },
  },
  // Owned by supabase/schemas/900_sync_conflicts.sql; beforeAll adds one conflict authored by
  // the mentor.
  sync_conflicts: {
    where: inA,
    insert: `insert into public.sync_conflicts (school_id, table_name, row_id, field, mutation_id) values (${A}, 'meetings', '${MEETING_P1}', 'topic', gen_random_uuid())`,
    set: 'resolved_at = resolved_at',
    select: { staff: 1, mentor: 1 },
    insertAllowed: {},
    update: { staff: 1, mentor: 1 },
  },
  invites: {
    where: inA,
    insert: `insert into public.invites (school_id, participant_id, role, code_hash, expires_at) values (${A}, '${PARTICIPANTS.larina}', 'school_admin', '\\x00', now() + interval '1 day')`,
    set: 'expires_at = expires_at',
    select: 'denied',
    insertAllowed: {},
    update: 'denied',
  },
  invite_attempts: {
    where: 'true',
    insert: `insert into public.invite_attempts (user_id, outcome) values ('${UNREDEEMED_ANONYMOUS_USER}', 'redeemed')`,
    set: 'outcome = outcome',
    select: 'denied',
    insertAllowed: {},
    update: 'denied',
  },
};

function expected(tc: TableCase, op: Op): Record<ActorName, Outcome> {
  switch (op) {
    case 'select':
      return expand(tc.select, 0, '42501');
    case 'insert':
      return expand(tc.insertAllowed, '42501', '42501');
    case 'update':
      return expand(tc.update, 0, '42501');
    case 'delete':
      // Clients never hard-delete synced rows (tombstones): DELETE is granted to nobody.
      return expand('denied', '42501', '42501');
  }
}

function statement(table: string, tc: TableCase, op: Op): string {
  switch (op) {
    case 'select':
      return `select count(*)::int as n from public.${table} where ${tc.where}`;
    case 'insert':
      return tc.insert;
    case 'update':
      return `update public.${table} set ${tc.set} where ${tc.where}`;
    case 'delete':
      return `delete from public.${table} where ${tc.where}`;
  }
}

let db: TestDb;

async function probe(actor: ActorName, sql: string, op: Op): Promise<Outcome> {
  try {
    return await db.asUserRolledBack(actors[actor], async (s) => {
      const r = await s.query<{ n: number }>(sql);
      return op === 'select' ? r.rows[0]!.n : r.rowCount;
    });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.code ?? `error: ${e.message}`;
  }
}

const OPS: Op[] = ['select', 'insert', 'update', 'delete'];

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.exec(insertAuthUserSql(UNREDEEMED_ANONYMOUS_USER, { anonymous: true }));
  await db.exec(`insert into public.sync_conflicts (school_id, pair_id, table_name, row_id, field, mutation_id, author)
                 values (${A}, '${PAIRS.p1TeacherActive}', 'meetings', '${MEETING_P1}', 'topic', gen_random_uuid(), '${USERS.mentor}')`);
  await db.exec(`insert into public.intakes (school_id, participant_id, role, offers, capacity) values
                   (${A}, '${PARTICIPANTS.kravtsova}', 'mentor', 'Подготовка к ОГЭ', 2);
                 insert into public.intakes (school_id, participant_id, role, request) values
                   (${A}, '${PARTICIPANTS.larina}', 'mentee', 'Подтянуть алгебру'),
                   (${A}, '${PARTICIPANTS.egor}', 'mentee', 'Найти друзей');
                 insert into public.school_documents (school_id, kind, number, dated_on)
                   values (${A}, 'regulation', '12-О', '2026-09-01');
                 insert into public.kpi_values (school_id, indicator, year, kind, value)
                   values (${A}, 'teachers_in_mentoring', 2026, 'target', 45);
                 insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
                   values ('${MUNICIPALITY}', 'students_involved', 2027, 75);`);
  await db.exec(`insert into public.meeting_attendances (school_id, pair_id, meeting_id, participant_id) values
                   (${A}, '${PAIRS.p3GroupApproved}', '${GROUP.meeting}', '${PARTICIPANTS.sofya}'),
                   (${A}, '${PAIRS.p3GroupApproved}', '${GROUP.meeting}', '${PARTICIPANTS.egor}'),
                   (${A}, '${PAIRS.p1TeacherActive}', '${MEETING_P1}', '${PARTICIPANTS.larina}'),
                   (${A}, '${PAIRS.p5Completed}', '${MEETING_PAPER_P5}', '${PARTICIPANTS.sidorenko}');`);
});

afterAll(async () => {
  await db?.close();
});

describe('access matrix', () => {
  it('has an entry for every table in public', async () => {
    const { rows } = await db.query<{ tablename: string }>(
      `select tablename from pg_catalog.pg_tables where schemaname = 'public' order by tablename`,
    );
    const tables = rows.map((r) => r.tablename);
    expect(tables.filter((t) => !(t in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('has row-level security enabled on every table in public', async () => {
    const { rows } = await db.query<{ relname: string }>(
      `select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    );
    expect(rows).toEqual([]);
  });

  it(`covers ${Object.keys(MATRIX).length * OPS.length * ACTORS.length} cases`, () => {
    expect(Object.keys(MATRIX).length * OPS.length * ACTORS.length).toBeGreaterThan(0);
  });

  for (const [table, tc] of Object.entries(MATRIX)) {
    describe(table, () => {
      for (const op of OPS) {
        it(op, async () => {
          const sql = statement(table, tc, op);
          const actual = {} as Record<ActorName, Outcome>;
          for (const actor of ACTORS) actual[actor] = await probe(actor, sql, op);
          expect(actual).toEqual(expected(tc, op));
        });
      }
    });
  }

  it('service_role sees every row (BYPASSRLS)', async () => {
    for (const table of Object.keys(MATRIX)) {
      const seen = await db.asUserRolledBack(
        { role: 'service_role' },
        async (s) =>
          (await s.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!
            .n,
      );
      const all = (await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`))
        .rows[0]!.n;
      expect({ table, seen }).toEqual({ table, seen: all });
    }
  });
});

// Group members of one pair (P3: Софья and Егор, mentor Полина) against each other's rows:
// names yes, cards, plans, confirmations and reflections no. Read probes and write probes,
// both ways; every write is rolled back.
describe('group mates of one pair', () => {
  const sofya = actors.group_mentee;
  const egor = others.groupMentee2;

  async function outcome(claims: typeof sofya, sql: string, params: unknown[] = []) {
    try {
      return await db.asUserRolledBack(claims, async (s) => {
        const r = await s.query<{ n: number }>(sql, params);
        return r.rows[0]?.n ?? r.rowCount;
      });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return `${e.code}: ${e.message}`;
    }
  }
  const ids = (claims: typeof sofya, sql: string, params: unknown[] = []) =>
    db.asUserRolledBack(claims, async (s) =>
      (await s.query<{ id: string }>(sql, params)).rows.map((r) => r.id).sort(),
    );

  it('each reads her own card and the mentor card, never the other mentee card', async () => {
    const cards = `select id from public.participants`;
    expect(await ids(sofya, cards)).toEqual([PARTICIPANTS.polina, PARTICIPANTS.sofya].sort());
    expect(await ids(egor, cards)).toEqual([PARTICIPANTS.polina, PARTICIPANTS.egor].sort());
  });

  it('each learns the names of the whole group from pair_members.full_name', async () => {
    const names = await db.asUserRolledBack(sofya, async (s) =>
      (
        await s.query<{ full_name: string }>(
          `select full_name from public.pair_members where pair_id = $1 order by full_name`,
          [PAIRS.p3GroupApproved],
        )
      ).rows.map((r) => r.full_name),
    );
    expect(names).toEqual([
      'Абрамова Софья Денисовна',
      'Вершинина Полина Андреевна',
      'Мельников Егор Сергеевич',
    ]);
  });

  it('each reads only her own plan, goals and tasks', async () => {
    expect(await ids(sofya, `select id from public.development_plans`)).toEqual([GROUP.sofyaPlan]);
    expect(await ids(egor, `select id from public.development_plans`)).toEqual([GROUP.egorPlan]);
    expect(await ids(sofya, `select id from public.plan_goals`)).toEqual([GROUP.sofyaGoal]);
    expect(await ids(sofya, `select id from public.plan_tasks`)).toEqual([GROUP.sofyaTask]);
    expect(await ids(egor, `select id from public.plan_tasks`)).toEqual([GROUP.egorTask]);
  });

  it('each reads only her own confirmation and reflection of the group meeting', async () => {
    const sql = `select id from public.meeting_confirmations where meeting_id = $1`;
    expect(await ids(sofya, sql, [GROUP.meeting])).toEqual([GROUP.sofyaConfirmation]);
    expect(await ids(egor, sql, [GROUP.meeting])).toEqual([GROUP.egorConfirmation]);
  });

  it("neither writes the other's card, plan, task, confirmation or reflection", async () => {
    const writes: [string, unknown[]][] = [
      [`update public.participants set interests = 'x' where id = $1`, [PARTICIPANTS.egor]],
      [`update public.development_plans set status = 'cancelled' where id = $1`, [GROUP.egorPlan]],
      [`update public.plan_goals set title = 'x' where id = $1`, [GROUP.egorGoal]],
      [`update public.plan_tasks set mentee_comment = 'x' where id = $1`, [GROUP.egorTask]],
      [`update public.plan_tasks set deleted_at = now() where id = $1`, [GROUP.egorTask]],
      [
        `update public.meeting_confirmations set reflection = 'x' where id = $1`,
        [GROUP.egorConfirmation],
      ],
      [
        `update public.meeting_confirmations set deleted_at = now() where id = $1`,
        [GROUP.egorConfirmation],
      ],
    ];
    for (const [sql, params] of writes) {
      expect({ sql, got: await outcome(sofya, sql, params) }).toEqual({ sql, got: 0 });
    }
    const forged = await outcome(
      sofya,
      `insert into public.meeting_confirmations (school_id, pair_id, meeting_id, participant_id, reflection)
       values ($1, $2, $3, $4, 'за Егора')`,
      [SCHOOL_A, PAIRS.p3GroupApproved, GROUP.meeting, PARTICIPANTS.egor],
    );
    expect(String(forged)).toMatch(/^42501/);
  });

  it('each confirms and reflects for herself, and may only comment on her own tasks', async () => {
    expect(
      await outcome(
        sofya,
        `update public.meeting_confirmations set reflection = 'Понравилось' where id = $1`,
        [GROUP.sofyaConfirmation],
      ),
    ).toBe(1);
    expect(
      await outcome(
        sofya,
        `update public.plan_tasks set mentee_done_at = now(), mentee_comment = 'Готово' where id = $1`,
        [GROUP.sofyaTask],
      ),
    ).toBe(1);
    for (const sql of [
      `update public.plan_tasks set title = 'Другое' where id = $1`,
      `update public.plan_tasks set status = 'done' where id = $1`,
      `update public.plan_tasks set deleted_at = now() where id = $1`,
    ]) {
      expect({ sql, got: await outcome(sofya, sql, [GROUP.sofyaTask]) }).toEqual({
        sql,
        got: '42501: plan_mentee_fields_only',
      });
    }
    // withdrawing her confirmation is a tombstone that takes her reflection with it
    const withdrawn = await db.asUserRolledBack(sofya, async (s) => {
      await s.query(`update public.meeting_confirmations set deleted_at = now() where id = $1`, [
        GROUP.sofyaConfirmation,
      ]);
      return (
        await s.query(
          `select reflection, deleted_at is not null as gone from public.meeting_confirmations where id = $1`,
          [GROUP.sofyaConfirmation],
        )
      ).rows;
    });
    expect(withdrawn).toEqual([{ reflection: null, gone: true }]);
    // nothing else of her plan is hers to write
    expect(
      await outcome(
        sofya,
        `update public.development_plans set status = 'cancelled' where id = $1`,
        [GROUP.sofyaPlan],
      ),
    ).toBe(0);
    expect(
      await outcome(sofya, `update public.plan_goals set deleted_at = now() where id = $1`, [
        GROUP.sofyaGoal,
      ]),
    ).toBe(0);
  });
});
