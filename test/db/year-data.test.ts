// The data of issues 12 and 13 on the server, from the outside, for every role (school
// admin, curator, mentor, mentee, a member of another school, anon): the staff record
// fields of a card (birth_date, is_manager, qualification_category), a group meeting's
// attendance (meeting_attendances rules; who reads it: privacy-attendance.test.ts), courses (mentor_trainings.started_on,
// certificate_number), how long a course counts (schools.training_valid_years), closing a
// programme year (programmes.closed_on), the roadmap's status and note, and the new tables
// intakes, school_documents and kpi_values. Every named constraint is refused with its
// name; tombstones lose their text. Through the table API (as PostgREST runs it) and, for
// the rules that matter on a phone, through sync_push and sync_pull.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type Claims, type TestDb } from '../support/db';
import { actors, others } from '../factories/actors';
import { PAIRS, PARTICIPANTS, PROGRAMME_A, SCHOOL_A, USERS } from '../factories/seed-ids';
import { Device, serverRow } from '../factories/sync';
import { expectSqlError } from './expect-sql';

let db: TestDb;

const A = SCHOOL_A;
const P1 = PAIRS.p1TeacherActive;
const P3 = PAIRS.p3GroupApproved;
/** Кравцова's seeded course (36 h, 2025-11-28). */
const TRAINING_KRAVTSOVA = 'b3000000-0000-4000-8000-000000000001';
/** Intakes of the fixture (beforeAll): Кравцова as mentor, Ларина and Егор as mentees. */
const INTAKE = {
  kravtsova: randomUUID(),
  larina: randomUUID(),
  egor: randomUUID(),
} as const;
const DOCUMENT_A = randomUUID();
const KPI_A = randomUUID();

/** The people the matrix asks, each with the claims of her account. */
const ROLES = {
  school_admin: actors.school_admin,
  curator: actors.curator,
  mentor: actors.mentor, // Кравцова: mentor of P1 (Ларина) and P5
  mentee: actors.mentee, // Ларина: mentee of P1
  other_school: actors.member_of_other_school, // Савельев, curator of school B
  anon: actors.anon,
} satisfies Record<string, Claims>;
type Role = keyof typeof ROLES;
type Outcome = number | string;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.exec(`
    insert into public.intakes (id, school_id, participant_id, role, offers, capacity, forms, interests) values
      ('${INTAKE.kravtsova}', '${A}', '${PARTICIPANTS.kravtsova}', 'mentor', 'Подготовка к ОГЭ по математике', 2,
       '{uchitel_uchitel,uchitel_uchenik}', 'Проекты');
    insert into public.intakes (id, school_id, participant_id, role, request, interests, preferred_mentor_ids) values
      ('${INTAKE.larina}', '${A}', '${PARTICIPANTS.larina}', 'mentee', 'Работа с родителями', 'Театр',
       '{${PARTICIPANTS.kravtsova}}'),
      ('${INTAKE.egor}', '${A}', '${PARTICIPANTS.egor}', 'mentee', 'Найти друзей', 'Футбол', '{}');
    insert into public.school_documents (id, school_id, kind, number, dated_on, note)
      values ('${DOCUMENT_A}', '${A}', 'regulation', '12-О', '2026-09-01', 'Положение о наставничестве');
    insert into public.kpi_values (id, school_id, indicator, year, kind, value)
      values ('${KPI_A}', '${A}', 'teachers_in_mentoring', 2026, 'target', 45);`);
});
afterAll(async () => {
  await db?.close();
});

/** Rows a select returns or an update/insert touches, as the role, rolled back; or the SQLSTATE. */
async function outcome(role: Role, sql: string, params: unknown[] = []): Promise<Outcome> {
  try {
    return await db.asUserRolledBack(ROLES[role], async (s) => {
      const r = await s.query(sql, params);
      return /^\s*select/i.test(sql) ? r.rows.length : (r.rowCount ?? 0);
    });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.code ?? `error: ${e.message}`;
  }
}

async function outcomes(sql: string, params: unknown[] = []): Promise<Record<Role, Outcome>> {
  const out = {} as Record<Role, Outcome>;
  for (const role of Object.keys(ROLES) as Role[]) out[role] = await outcome(role, sql, params);
  return out;
}

/** The statement as the role, rolled back; rejects with the database error. */
function run(role: Role | Claims, sql: string, params: unknown[] = []) {
  const claims = typeof role === 'string' ? ROLES[role] : role;
  return db.asUserRolledBack(claims, (s) => s.query(sql, params));
}

/** Refused with SQLSTATE `code` naming `constraint` (check, trigger or unique index). */
async function expectRefused(role: Role, sql: string, constraint: string, code = '23514') {
  await expectSqlError(run(role, sql), code, new RegExp(constraint));
}

const long = (n: number) => 'я'.repeat(n);

/** The row as the role reads it after running the statements, all rolled back. */
async function afterAs(
  role: Role,
  statements: string[],
  table: string,
  id: string,
): Promise<Record<string, unknown>> {
  return db.asUserRolledBack(ROLES[role], async (s) => {
    for (const sql of statements) await s.query(sql);
    const { rows } = await s.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(t) as row from public.${table} t where t.id = $1`,
      [id],
    );
    return rows[0]!.row;
  });
}

describe('participants: the staff record (birth_date, is_manager, qualification_category)', () => {
  const setRecord = `update public.participants
    set birth_year = 1974, birth_date = '1974-05-04', is_manager = true, qualification_category = 'высшая'
    where id = '${PARTICIPANTS.kravtsova}'`;

  it('staff write it; the mentor may not on her own card; nobody else reaches the card', async () => {
    expect(await outcomes(setRecord)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: '42501',
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
  });

  it('the mentor’s contact-only guard refuses each of the three fields by name', async () => {
    for (const set of [
      `birth_date = '1974-05-04'`,
      'is_manager = true',
      `qualification_category = 'первая'`,
    ]) {
      await expectSqlError(
        run(
          'mentor',
          `update public.participants set ${set} where id = '${PARTICIPANTS.kravtsova}'`,
        ),
        '42501',
        /participant_contacts_only/,
      );
    }
    // her phone is still hers
    expect(
      await outcome(
        'mentor',
        `update public.participants set phone = '+7 900 111-22-33' where id = '${PARTICIPANTS.kravtsova}'`,
      ),
    ).toBe(1);
  });

  it('defaults: not a manager, no birth date, no category', async () => {
    const row = await serverRow(db, 'participants', PARTICIPANTS.larina);
    expect(row).toMatchObject({
      is_manager: false,
      birth_date: null,
      qualification_category: null,
    });
  });

  it('a pupil of the roll is inserted with her birth date (importRoll)', async () => {
    expect(
      await outcome(
        'curator',
        `insert into public.participants (school_id, kind, full_name, class_label, birth_year, birth_date)
         values ('${A}', 'student', 'Петров Иван Олегович', '5А', 2015, '2015-03-02')`,
      ),
    ).toBe(1);
  });

  it('refuses a birth date whose year is not birth_year, in the future or before 1900', async () => {
    const set = (s: string) =>
      `update public.participants set ${s} where id = '${PARTICIPANTS.kravtsova}'`;
    await expectRefused(
      'curator',
      set(`birth_date = '1975-05-04'`),
      'participants_birth_date_year',
    );
    await expectRefused(
      'curator',
      set(`birth_year = null, birth_date = current_date + 1`),
      'participants_birth_date_range',
    );
    await expectRefused(
      'curator',
      set(`birth_year = null, birth_date = '1899-12-31'`),
      'participants_birth_date_range',
    );
    await expectRefused(
      'curator',
      set(`qualification_category = '${long(501)}'`),
      'participants_qualification_category_length',
    );
    // a birth date alone (no birth year) is fine, and today is fine
    expect(await outcome('curator', set(`birth_year = null, birth_date = current_date`))).toBe(1);
  });

  it('a tombstone loses the birth date and the category, keeps the manager flag', async () => {
    const row = await afterAs(
      'curator',
      [
        setRecord,
        `update public.participants set deleted_at = now() where id = '${PARTICIPANTS.kravtsova}'`,
      ],
      'participants',
      PARTICIPANTS.kravtsova,
    );
    expect(row).toMatchObject({
      birth_date: null,
      birth_year: null,
      qualification_category: null,
      is_manager: true,
    });
  });
});

describe('meeting_attendances: a group meeting’s attendance', () => {
  const meetingP1 = randomUUID();
  const meetingP3 = randomUUID();
  /** Two meetings without attendance: the mentor's of P1, and one entered from paper in P3. */
  const meetings = `insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min)
      values ('${meetingP1}', '${A}', '${P1}', 'regular', current_date, 45)`;
  const paper = `insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min)
      values ('${meetingP3}', '${A}', '${P3}', 'regular', current_date, 45)`;
  const tick = (meeting: string, pair: string, participant: string) =>
    `insert into public.meeting_attendances (school_id, pair_id, meeting_id, participant_id)
     values ('${A}', '${pair}', '${meeting}', '${participant}')`;

  /** The statements as the role, rolled back; rejects with the database error. */
  const runAll = (role: Role, statements: string[]) =>
    db.asUserRolledBack(ROLES[role], async (s) => {
      for (const sql of statements) await s.query(sql);
    });

  it('takes the pair’s mentees: the mentor of P1, staff from the paper log of the group P3', async () => {
    await runAll('mentor', [meetings, tick(meetingP1, P1, PARTICIPANTS.larina)]);
    await runAll('curator', [
      paper,
      tick(meetingP3, P3, PARTICIPANTS.sofya),
      tick(meetingP3, P3, PARTICIPANTS.egor),
    ]);
  });

  it('refuses the mentor herself, a person of another pair and an unknown id, by name', async () => {
    for (const participant of [PARTICIPANTS.kravtsova, PARTICIPANTS.egor, randomUUID()]) {
      await expectSqlError(
        runAll('mentor', [meetings, tick(meetingP1, P1, participant)]),
        '23514',
        /meetings_attendee_not_member/,
      );
    }
  });

  it('ticks a mentee once per meeting; unticked (a tombstone) she may be ticked again', async () => {
    await expectSqlError(
      runAll('mentor', [
        meetings,
        tick(meetingP1, P1, PARTICIPANTS.larina),
        tick(meetingP1, P1, PARTICIPANTS.larina),
      ]),
      '23505',
      /meeting_attendances_unique/,
    );
    await runAll('mentor', [
      meetings,
      tick(meetingP1, P1, PARTICIPANTS.larina),
      `update public.meeting_attendances set deleted_at = now() where meeting_id = '${meetingP1}'`,
      tick(meetingP1, P1, PARTICIPANTS.larina),
    ]);
  });

  it('a mentee who left the group stays on the meetings she attended, and is ticked on no new one', async () => {
    const leave = `update public.pair_members set deleted_at = now()
      where pair_id = '${P3}' and participant_id = '${PARTICIPANTS.sofya}'`;
    const kept = await db.asUserRolledBack(ROLES.curator, async (s) => {
      await s.query(paper);
      await s.query(tick(meetingP3, P3, PARTICIPANTS.sofya));
      await s.query(leave);
      const { rows } = await s.query<{ participant_id: string }>(
        `select participant_id from public.meeting_attendances
         where meeting_id = $1 and deleted_at is null`,
        [meetingP3],
      );
      return rows.map((r) => r.participant_id);
    });
    expect(kept).toEqual([PARTICIPANTS.sofya]);
    await expectSqlError(
      runAll('curator', [paper, leave, tick(meetingP3, P3, PARTICIPANTS.sofya)]),
      '23514',
      /meetings_attendee_not_member/,
    );
  });

  it('is refused by name through sync_push too', async () => {
    const mentor = await Device.open(db, USERS.mentor);
    const meeting = randomUUID();
    const ok = randomUUID();
    const row = (participant_id: string, id = randomUUID()) =>
      mentor.insert('meeting_attendances', {
        id,
        school_id: A,
        pair_id: P1,
        meeting_id: meeting,
        participant_id,
      });
    const res = await mentor.push([
      mentor.insert('meetings', {
        id: meeting,
        school_id: A,
        pair_id: P1,
        type: 'regular',
        held_on: '2026-11-30',
        duration_min: 40,
      }),
      row(PARTICIPANTS.larina, ok),
      row(PARTICIPANTS.egor),
    ]);
    expect(res.results.map((r) => [r.status, r.code ?? null, r.constraint ?? null])).toEqual([
      ['applied', null, null],
      ['applied', null, null],
      ['rejected', '23514', 'meetings_attendee_not_member'],
    ]);
    expect(await serverRow(db, 'meeting_attendances', ok)).toMatchObject({
      meeting_id: meeting,
      participant_id: PARTICIPANTS.larina,
    });
  });

  it('a meeting no longer takes attendee_ids', async () => {
    await expectSqlError(
      run(
        'mentor',
        `insert into public.meetings (school_id, pair_id, type, held_on, duration_min, attendee_ids)
         values ('${A}', '${P1}', 'regular', current_date, 45, array['${PARTICIPANTS.larina}']::uuid[])`,
      ),
      '42703',
    );
  });
});

describe('mentor_trainings: started_on and certificate_number', () => {
  const insert = (extra = '') =>
    `insert into public.mentor_trainings (school_id, participant_id, title, provider, hours, started_on, completed_on, certificate_number)
     values ('${A}', '${PARTICIPANTS.kravtsova}', 'Наставничество в школе', 'ИРО', 36, '2026-10-01', '2026-10-20', '552400012345'${extra})`;
  const update = `update public.mentor_trainings set started_on = '2025-11-01', certificate_number = '5524-77'
    where id = '${TRAINING_KRAVTSOVA}'`;
  const read = `select id from public.mentor_trainings where id = '${TRAINING_KRAVTSOVA}'`;

  it('staff record a course; the person reads hers; nobody else reads or writes', async () => {
    expect(await outcomes(insert())).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: '42501',
      mentee: '42501',
      other_school: '42501',
      anon: '42501',
    });
    expect(await outcomes(update)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
    expect(await outcomes(read)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 1,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
  });

  it('refuses a course that ends before it starts, and a certificate number of 201 characters', async () => {
    await expectRefused(
      'curator',
      `update public.mentor_trainings set started_on = '2025-12-01' where id = '${TRAINING_KRAVTSOVA}'`,
      'mentor_trainings_dates_ordered',
    );
    await expectRefused(
      'curator',
      `update public.mentor_trainings set certificate_number = '${long(201)}' where id = '${TRAINING_KRAVTSOVA}'`,
      'mentor_trainings_certificate_number_length',
    );
    // the same day is fine
    expect(
      await outcome(
        'curator',
        `update public.mentor_trainings set started_on = completed_on where id = '${TRAINING_KRAVTSOVA}'`,
      ),
    ).toBe(1);
  });

  it('a tombstone loses the certificate number, keeps hours and dates', async () => {
    const row = await afterAs(
      'curator',
      [
        update,
        `update public.mentor_trainings set deleted_at = now() where id = '${TRAINING_KRAVTSOVA}'`,
      ],
      'mentor_trainings',
      TRAINING_KRAVTSOVA,
    );
    expect(row).toMatchObject({
      certificate_number: null,
      title: '',
      provider: null,
      hours: 36,
      started_on: '2025-11-01',
      completed_on: '2025-11-28',
    });
  });
});

describe('schools.training_valid_years', () => {
  it('is 3 years unless the school admin says otherwise; only she may', async () => {
    expect(await serverRow(db, 'schools', A)).toMatchObject({ training_valid_years: 3 });
    expect(
      await outcomes(`update public.schools set training_valid_years = 5 where id = '${A}'`),
    ).toEqual({
      school_admin: 1,
      // the curator may update the school's requisites, not this (guard_school_update)
      curator: '42501',
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
  });

  it('refuses 0 and 11 years by name', async () => {
    for (const years of [0, 11]) {
      await expectRefused(
        'school_admin',
        `update public.schools set training_valid_years = ${years} where id = '${A}'`,
        'schools_training_valid_years_range',
      );
    }
  });
});

describe('programmes.closed_on and the roadmap’s status and note', () => {
  it('staff close a year and mark tasks; mentors and mentees read the year, never write it', async () => {
    expect(
      await outcomes(
        `update public.programmes set closed_on = current_date where id = '${PROGRAMME_A}'`,
      ),
    ).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
    expect(
      await outcomes(
        `update public.roadmap_tasks set status = 'done', note = 'Приказ №12-О на сайте' where programme_id = '${PROGRAMME_A}' and stage = 1`,
      ),
    ).toMatchObject({ mentor: 0, mentee: 0, other_school: 0, anon: '42501' });
    expect(
      await outcome(
        'curator',
        `update public.roadmap_tasks set status = 'skipped', note = 'Не требуется' where programme_id = '${PROGRAMME_A}' and stage = 1`,
      ),
    ).toBeGreaterThan(0);
  });

  it('a new task is planned; a status outside the four and a note of 2,001 characters are refused', async () => {
    const id = randomUUID();
    const row = await afterAs(
      'curator',
      [
        `insert into public.roadmap_tasks (id, school_id, programme_id, stage, title) values ('${id}', '${A}', '${PROGRAMME_A}', 2, 'Анкетирование')`,
      ],
      'roadmap_tasks',
      id,
    );
    expect(row).toMatchObject({ status: 'planned', note: null });
    const set = (s: string) =>
      `update public.roadmap_tasks set ${s} where programme_id = '${PROGRAMME_A}' and stage = 1`;
    await expectRefused('curator', set(`status = 'finished'`), 'roadmap_tasks_status_valid');
    await expectRefused('curator', set(`note = '${long(2001)}'`), 'roadmap_tasks_note_length');
  });

  it('a deleted task loses its note', async () => {
    const id = randomUUID();
    const row = await afterAs(
      'curator',
      [
        `insert into public.roadmap_tasks (id, school_id, programme_id, stage, title, status, note) values ('${id}', '${A}', '${PROGRAMME_A}', 2, 'Анкетирование', 'done', 'Ссылка на анкеты')`,
        `update public.roadmap_tasks set deleted_at = now() where id = '${id}'`,
      ],
      'roadmap_tasks',
      id,
    );
    expect(row).toMatchObject({ note: null, title: '', status: 'done', stage: 2 });
  });
});

describe('intakes: the person herself and staff, nobody else', () => {
  const seen = async (claims: Claims) =>
    db.asUserRolledBack(claims, async (s) =>
      (await s.query<{ id: string }>(`select id from public.intakes`)).rows.map((r) => r.id).sort(),
    );

  it('each reads her own; her mentor or mentee does not; staff read the school’s', async () => {
    expect(await seen(actors.curator)).toEqual(Object.values(INTAKE).sort());
    expect(await seen(actors.school_admin)).toEqual(Object.values(INTAKE).sort());
    expect(await seen(actors.mentor)).toEqual([INTAKE.kravtsova]);
    expect(await seen(actors.mentee)).toEqual([INTAKE.larina]);
    expect(await seen(others.groupMentee2)).toEqual([INTAKE.egor]);
    expect(await seen(actors.group_mentee)).toEqual([]);
    expect(await seen(actors.member_of_other_school)).toEqual([]);
    await expectSqlError(seen(actors.anon), '42501');
  });

  it('the person writes her own (fillIntake), staff anyone’s (enterIntake)', async () => {
    const own = `insert into public.intakes (school_id, participant_id, role, offers, capacity) values ('${A}', '${PARTICIPANTS.larina}', 'mentor', 'Театральная студия', 3)`;
    expect(await outcomes(own)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: '42501', // Ларина is her mentee
      mentee: 1,
      other_school: '42501',
      anon: '42501',
    });
    const update = `update public.intakes set request = 'Работа с классом' where id = '${INTAKE.larina}'`;
    expect(await outcomes(update)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 1,
      other_school: 0,
      anon: '42501',
    });
    // the mentee may not touch her mentor's
    expect(
      await outcome(
        'mentee',
        `update public.intakes set offers = 'Ничего' where id = '${INTAKE.kravtsova}'`,
      ),
    ).toBe(0);
    await expectSqlError(
      run(
        'mentee',
        `insert into public.intakes (school_id, participant_id, role) values ('${A}', '${PARTICIPANTS.kravtsova}', 'mentor')`,
      ),
      '42501',
    );
  });

  it('one live intake per person and role: a second is refused, a tombstone frees the place', async () => {
    const second = `insert into public.intakes (school_id, participant_id, role, request) values ('${A}', '${PARTICIPANTS.larina}', 'mentee', 'Ещё раз')`;
    await expectRefused('mentee', second, 'intakes_one_per_role', '23505');
    await db.asUserRolledBack(ROLES.mentee, async (s) => {
      await s.query(`update public.intakes set deleted_at = now() where id = '${INTAKE.larina}'`);
      expect((await s.query(second)).rowCount).toBe(1);
    });
  });

  it('refuses each named rule', async () => {
    const insert = (cols: string, values: string) =>
      `insert into public.intakes (school_id, participant_id, ${cols}) values ('${A}', '${PARTICIPANTS.egor}', ${values})`;
    await expectRefused('curator', insert('role', `'parent'`), 'intakes_role_valid');
    for (const capacity of [0, 31])
      await expectRefused(
        'curator',
        insert('role, capacity', `'mentor', ${capacity}`),
        'intakes_capacity_range',
      );
    await expectRefused(
      'curator',
      insert('role, forms', `'mentor', '{uchitel_uchenik,po_druzhbe}'`),
      'intakes_forms_valid',
    );
    for (const column of ['offers', 'request', 'interests'])
      await expectRefused(
        'curator',
        insert(`role, ${column}`, `'mentor', '${long(2001)}'`),
        `intakes_${column}_length`,
      );
    // the chosen mentors: people of the same school only
    for (const outsider of [PARTICIPANTS.morozova, randomUUID()])
      await expectRefused(
        'curator',
        `update public.intakes set preferred_mentor_ids = array['${PARTICIPANTS.kravtsova}', '${outsider}']::uuid[] where id = '${INTAKE.egor}'`,
        'intakes_preferred_outside_school',
      );
    await expectRefused(
      'mentee',
      `update public.intakes set preferred_mentor_ids = array[null]::uuid[] where id = '${INTAKE.larina}'`,
      'intakes_preferred_outside_school',
    );
    expect(
      await outcome(
        'mentee',
        `update public.intakes set preferred_mentor_ids = array['${PARTICIPANTS.belousov}', '${PARTICIPANTS.kravtsova}']::uuid[] where id = '${INTAKE.larina}'`,
      ),
    ).toBe(1);
  });

  it('a tombstone keeps who and which role, loses what she wrote and chose', async () => {
    const row = await afterAs(
      'mentor',
      [`update public.intakes set deleted_at = now() where id = '${INTAKE.kravtsova}'`],
      'intakes',
      INTAKE.kravtsova,
    );
    expect(row).toMatchObject({
      participant_id: PARTICIPANTS.kravtsova,
      role: 'mentor',
      offers: null,
      capacity: null,
      forms: [],
      request: null,
      interests: null,
      preferred_mentor_ids: [],
    });
    expect(row.deleted_at).not.toBeNull();
    const mentee = await afterAs(
      'curator',
      [`update public.intakes set deleted_at = now() where id = '${INTAKE.larina}'`],
      'intakes',
      INTAKE.larina,
    );
    expect(mentee).toMatchObject({ request: null, interests: null, preferred_mentor_ids: [] });
  });

  it('syncs to the person and to staff only; her push is checked by the same rules', async () => {
    const mentee = await Device.open(db, USERS.mentee);
    const mentor = await Device.open(db, USERS.mentor);
    const curator = await Device.open(db, USERS.curator);
    const id = randomUUID();
    const res = await mentee.push([
      mentee.insert('intakes', {
        id,
        school_id: A,
        participant_id: PARTICIPANTS.larina,
        role: 'mentor',
        offers: 'Театральная студия',
        capacity: 3,
        forms: ['uchitel_uchitel'],
        preferred_mentor_ids: [],
      }),
      mentee.insert('intakes', {
        school_id: A,
        participant_id: PARTICIPANTS.kravtsova,
        role: 'mentee',
      }),
    ]);
    expect(res.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', '42501'],
    ]);
    for (const device of [mentee, mentor, curator]) await device.pullAll();
    const ids = (d: Device) => [...d.table('intakes').keys()].sort();
    expect(ids(mentee)).toEqual([INTAKE.larina, id].sort());
    expect(ids(mentor)).toEqual([INTAKE.kravtsova]);
    expect(ids(curator)).toEqual([...Object.values(INTAKE), id].sort());
    const refused = await mentee.push([
      mentee.edit('intakes', id, { preferred_mentor_ids: [PARTICIPANTS.morozova] }),
      mentee.edit('intakes', id, { role: 'mentee' }),
    ]);
    expect(refused.results.map((r) => [r.status, r.code ?? null, r.constraint ?? null])).toEqual([
      ['rejected', '23514', 'intakes_preferred_outside_school'],
      ['rejected', 'readonly_column', null],
    ]);
  });
});

describe('school_documents: staff only', () => {
  const insert = `insert into public.school_documents (school_id, kind, number, dated_on, note)
    values ('${A}', 'curator_order', '15-О', current_date, 'Приказ о назначении куратора')`;

  it('staff read, record and correct; nobody else sees a row', async () => {
    expect(await outcomes(insert)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: '42501',
      mentee: '42501',
      other_school: '42501',
      anon: '42501',
    });
    expect(await outcomes(`select id from public.school_documents`)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
    expect(
      await outcomes(
        `update public.school_documents set number = '12/1-О' where id = '${DOCUMENT_A}'`,
      ),
    ).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
  });

  it('refuses each named rule', async () => {
    const set = (s: string) => `update public.school_documents set ${s} where id = '${DOCUMENT_A}'`;
    await expectRefused(
      'curator',
      `insert into public.school_documents (school_id, kind) values ('${A}', 'charter')`,
      'school_documents_kind_valid',
    );
    await expectRefused(
      'curator',
      set(`number = '${long(201)}'`),
      'school_documents_number_length',
    );
    await expectRefused('curator', set(`note = '${long(2001)}'`), 'school_documents_note_length');
    // the kind is a key: set on insert, never changed
    await expectSqlError(run('curator', set(`kind = 'programme'`)), '42501');
  });

  it('a tombstone keeps the kind and date, loses the number and note', async () => {
    const row = await afterAs(
      'curator',
      [`update public.school_documents set deleted_at = now() where id = '${DOCUMENT_A}'`],
      'school_documents',
      DOCUMENT_A,
    );
    expect(row).toMatchObject({
      kind: 'regulation',
      dated_on: '2026-09-01',
      number: null,
      note: null,
    });
  });
});

describe('kpi_values: staff only', () => {
  const insert = (indicator: string, year: number | string, kind: string, value: number | string) =>
    `insert into public.kpi_values (school_id, indicator, year, kind, value) values ('${A}', '${indicator}', ${year}, '${kind}', ${value})`;

  it('staff read, set and correct; nobody else sees a row', async () => {
    expect(await outcomes(insert('students_in_mentoring', 2026, 'target', 30))).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: '42501',
      mentee: '42501',
      other_school: '42501',
      anon: '42501',
    });
    expect(await outcomes(`select id from public.kpi_values`)).toEqual({
      school_admin: 1,
      curator: 1,
      mentor: 0,
      mentee: 0,
      other_school: 0,
      anon: '42501',
    });
    expect(await outcomes(`update public.kpi_values set value = 50 where id = '${KPI_A}'`)).toEqual(
      {
        school_admin: 1,
        curator: 1,
        mentor: 0,
        mentee: 0,
        other_school: 0,
        anon: '42501',
      },
    );
  });

  it('refuses each named rule; a count may pass 100, a target may not', async () => {
    await expectRefused(
      'curator',
      insert(long(101), 2026, 'target', 1),
      'kpi_values_indicator_length',
    );
    await expectRefused(
      'curator',
      insert('  ', 2026, 'target', 1),
      'kpi_values_indicator_not_blank',
    );
    for (const year of [2019, 2101])
      await expectRefused(
        'curator',
        insert('preschool_children', year, 'numerator', 1),
        'kpi_values_year_range',
      );
    await expectRefused(
      'curator',
      insert('preschool_children', 2026, 'share', 1),
      'kpi_values_kind_valid',
    );
    await expectRefused(
      'curator',
      insert('preschool_children', 2026, 'numerator', -1),
      'kpi_values_value_range',
    );
    await expectRefused(
      'curator',
      insert('preschool_children', 2026, 'target', 100.5),
      'kpi_values_value_range',
    );
    expect(await outcome('curator', insert('preschool_children', 2026, 'denominator', 250))).toBe(
      1,
    );
    expect(await outcome('curator', insert('preschool_children', 2026, 'target', 100))).toBe(1);
  });

  it('one live value per indicator, year and kind: a tombstone frees the place', async () => {
    const again = insert('teachers_in_mentoring', 2026, 'target', 60);
    await expectRefused('curator', again, 'kpi_values_one_per_year', '23505');
    expect(await outcome('curator', insert('teachers_in_mentoring', 2027, 'target', 60))).toBe(1);
    expect(await outcome('curator', insert('teachers_in_mentoring', 2026, 'numerator', 60))).toBe(
      1,
    );
    await db.asUserRolledBack(ROLES.curator, async (s) => {
      await s.query(`update public.kpi_values set deleted_at = now() where id = '${KPI_A}'`);
      expect((await s.query(again)).rowCount).toBe(1);
    });
  });

  it('a staff device pushes a value and pulls it back; a mentee device never gets one', async () => {
    const curator = await Device.open(db, USERS.curator);
    const mentee = await Device.open(db, USERS.mentee);
    const id = randomUUID();
    const res = await curator.push([
      curator.insert('kpi_values', {
        id,
        school_id: A,
        indicator: 'enterprises',
        year: 2026,
        kind: 'numerator',
        value: 2,
      }),
      curator.insert('school_documents', {
        school_id: A,
        kind: 'mentors_order',
        number: '16-О',
        dated_on: '2026-10-01',
        note: null,
      }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await curator.pullAll();
    await mentee.pullAll();
    expect(curator.row('kpi_values', id)).toMatchObject({ value: 2, kind: 'numerator' });
    expect(curator.table('school_documents').size).toBe(2);
    expect(mentee.table('kpi_values').size).toBe(0);
    expect(mentee.table('school_documents').size).toBe(0);
  });
});
