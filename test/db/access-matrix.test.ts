// The access matrix: every table in `public` × select/insert/update/delete × every actor,
// each with its expected outcome (rows visible/changed in school A, or the SQLSTATE).
// Every probe runs through asUserRolledBack, i.e. exactly as a PostgREST request would
// (role + request.jwt.claims set locally) and leaves the database unchanged.
// A table missing from MATRIX fails the suite: a new table cannot be forgotten.
// Counts come from supabase/seed.sql (see its header): change the seed, update the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  actors,
  insertAuthUserSql,
  UNREDEEMED_ANONYMOUS_USER,
  type ActorName,
} from '../factories/actors';
import {
  GOAL_P1,
  MEETING_P1,
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
    select: { staff: 1, mentor: 1, mentee: 1, coordinator: 1, member_of_other_school: 1 },
    insertAllowed: {},
    update: 'denied',
  },
  schools: {
    where: `id = ${A}`,
    insert: `insert into public.schools (municipality_id, name) select municipality_id, 'Новая школа' from public.schools limit 1`,
    set: 'name = name',
    select: { staff: 1, mentor: 1, mentee: 1 },
    insertAllowed: {},
    update: { school_admin: 1 },
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
    select: { staff: 7, mentor: 1, mentee: 1 },
    insertAllowed: {},
    update: { staff: 7 },
  },
  participants: {
    where: inA,
    insert: `insert into public.participants (school_id, kind, full_name) values (${A}, 'student', 'Новикова Ева')`,
    set: 'full_name = full_name',
    select: { staff: 11, mentor: 3, mentee: 2 },
    insertAllowed: { staff: 1 },
    update: { staff: 11 },
  },
  participant_sensitive: {
    where: inA,
    insert: `insert into public.participant_sensitive (school_id, participant_id, categories) values (${A}, '${PARTICIPANTS.larina}', '{disengaged}')`,
    set: 'note = note',
    select: { staff: 3 },
    insertAllowed: { staff: 1 },
    update: { staff: 3 },
  },
  consents: {
    where: inA,
    insert: `insert into public.consents (school_id, participant_id, given_by, signed_on) values (${A}, '${PARTICIPANTS.larina}', 'self', current_date)`,
    set: 'scope_note = scope_note',
    select: { staff: 10, mentor: 1, mentee: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 10 },
  },
  programmes: {
    where: inA,
    insert: `insert into public.programmes (school_id, academic_year, title) values (${A}, '2027/2028', 'Следующий год')`,
    set: 'title = title',
    select: { staff: 2, mentor: 2, mentee: 2 },
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
    select: { staff: 6, mentor: 2, mentee: 1 },
    insertAllowed: { staff: 1 },
    update: { staff: 6 },
  },
  pair_members: {
    where: inA,
    insert: `insert into public.pair_members (school_id, pair_id, participant_id, side) values (${A}, '${PAIRS.p4Draft}', '${PARTICIPANTS.sidorenko}', 'mentor')`,
    set: 'side = side',
    select: { staff: 13, mentor: 4, mentee: 2 },
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
  development_plans: {
    where: inA,
    insert: `insert into public.development_plans (school_id, pair_id, mentee_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.larina}', 'План на II полугодие')`,
    set: 'title = title',
    select: { staff: 2, mentor: 1, mentee: 1 },
    insertAllowed: { staff: 1, mentor: 1, mentee: 1 },
    update: { staff: 2, mentor: 1, mentee: 1 },
  },
  plan_goals: {
    where: inA,
    insert: `insert into public.plan_goals (school_id, pair_id, plan_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PLAN_P1}', 'Новая цель')`,
    set: 'title = title',
    select: { staff: 4, mentor: 3, mentee: 3 },
    insertAllowed: { staff: 1, mentor: 1, mentee: 1 },
    update: { staff: 4, mentor: 3, mentee: 3 },
  },
  plan_tasks: {
    where: inA,
    insert: `insert into public.plan_tasks (school_id, pair_id, plan_id, goal_id, title) values (${A}, '${PAIRS.p1TeacherActive}', '${PLAN_P1}', '${GOAL_P1}', 'Новая задача')`,
    set: 'title = title',
    select: { staff: 16, mentor: 13, mentee: 13 },
    insertAllowed: { staff: 1, mentor: 1, mentee: 1 },
    update: { staff: 16, mentor: 13, mentee: 13 },
  },
  meetings: {
    where: inA,
    insert: `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values (${A}, '${PAIRS.p1TeacherActive}', 'regular', current_date, 45)`,
    set: 'topic = topic',
    select: { staff: 10, mentor: 7, mentee: 5 },
    insertAllowed: { mentor: 1 },
    update: { mentor: 7, mentee: 5 },
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
    select: { staff: 9, mentor: 9, mentee: 9, member_of_other_school: 9 },
    insertAllowed: { staff: 1 },
    update: {},
  },
  questionnaire_responses: {
    where: inA,
    insert: `insert into public.questionnaire_responses (school_id, template_id, pair_id, participant_id, answers) values (${A}, '${TEMPLATES.entryMenteeTeacher}', '${PAIRS.p1TeacherActive}', '${PARTICIPANTS.larina}', '{"q1": 6}')`,
    set: 'answers = answers',
    select: { staff: 4, mentor: 1, mentee: 1 },
    insertAllowed: { staff: 1, mentee: 1 },
    update: { staff: 4, mentor: 1, mentee: 1 },
  },
  mentor_trainings: {
    where: inA,
    insert: `insert into public.mentor_trainings (school_id, participant_id, title, hours) values (${A}, '${PARTICIPANTS.kravtsova}', 'Курсы', 18)`,
    set: 'title = title',
    select: { staff: 4, mentor: 1 },
    insertAllowed: { staff: 1, mentor: 1 },
    update: { staff: 4, mentor: 1 },
  },
  // Owned by the sync migration (0700); beforeAll adds one conflict authored by the mentor.
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
