// The curator's tablet on the server (issue 11), from the outside, for every role: meetings
// entered from a paper log (meetings.entered_by_staff), triage snoozes, archiving a person,
// the order history of a pair, the pair a new one replaces, the role model of each form, the
// same people twice, sane dates and consents, and the mentor's yes/no consent flag. Through
// the table API (as PostgREST runs it) and through sync_push, which runs as the caller.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoveredOn } from '@/domain/consent';
import { createTestDb, type Claims, type Sql, type TestDb } from '../support/db';
import { actors, others } from '../factories/actors';
import {
  CONSENT_LARINA,
  MEETING_P1,
  MEETING_PAPER_P5,
  PAIRS,
  PARTICIPANTS,
  PROGRAMME_A,
  SCHOOL_A,
  SCHOOL_B,
  TRIAGE_SNOOZE_A,
  USERS,
} from '../factories/seed-ids';
import { Device, serverRow } from '../factories/sync';
import { expectSqlError } from './expect-sql';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

const A = SCHOOL_A;
const P1 = PAIRS.p1TeacherActive;
const P5 = PAIRS.p5Completed;

/** The people the matrix asks, each with the claims of her account. */
const ROLES = {
  school_admin: actors.school_admin,
  curator: actors.curator,
  pair_mentor: actors.mentor, // Кравцова: P1 and P5
  other_mentor: others.mentor2, // Белоусов: P4 only
  mentee: actors.mentee, // Ларина: P1
  other_school: actors.member_of_other_school,
} satisfies Record<string, Claims>;
type Role = keyof typeof ROLES;
const ALL_ROLES = Object.keys(ROLES) as Role[];
const STAFF: Role[] = ['school_admin', 'curator'];

/** Runs as the role and rolls back; an error comes back as its SQLSTATE. */
async function attempt<T>(role: Role, fn: (s: Sql) => Promise<T>): Promise<T | { code: string }> {
  try {
    return await db.asUserRolledBack(ROLES[role], fn);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return { code };
  }
}

/** Rows read or changed (RLS hides rows silently from selects and updates). */
const rowCount = (role: Role, sql: string, params: unknown[] = []) =>
  attempt(role, async (s) => {
    const r = await s.query(sql, params);
    return Math.max(r.rowCount, r.rows.length);
  });

const insertMeeting = (pair: string, heldOn = 'current_date') =>
  `insert into public.meetings (school_id, pair_id, type, held_on, duration_min)
   values ('${A}', '${pair}', 'regular', ${heldOn}, 45) returning entered_by_staff`;

describe('meetings from a paper log (meetings.entered_by_staff)', () => {
  it('staff of the school insert a meeting of any pair: it is marked entered by staff', async () => {
    for (const role of STAFF) {
      const marked = await attempt(role, async (s) => {
        const { rows } = await s.query<{ entered_by_staff: boolean }>(insertMeeting(P1));
        return rows.map((r) => r.entered_by_staff);
      });
      expect({ role, marked }).toEqual({ role, marked: [true] });
    }
  });

  it("the pair's mentor inserts her own meetings, never marked; nobody else inserts", async () => {
    const mine = await attempt('pair_mentor', async (s) =>
      (await s.query<{ entered_by_staff: boolean }>(insertMeeting(P1))).rows.map(
        (r) => r.entered_by_staff,
      ),
    );
    expect(mine).toEqual([false]);
    for (const role of ['other_mentor', 'mentee', 'other_school'] as Role[]) {
      const outcome = await attempt(role, (s) => s.query(insertMeeting(P1)));
      expect({ role, outcome }).toEqual({ role, outcome: { code: '42501' } });
    }
  });

  it('nobody writes entered_by_staff: not on insert, not on update', async () => {
    for (const role of ['curator', 'pair_mentor'] as Role[]) {
      await expectSqlError(
        db.asUserRolledBack(ROLES[role], (s) =>
          s.query(
            `insert into public.meetings (school_id, pair_id, type, held_on, duration_min, entered_by_staff)
             values ('${A}', '${P1}', 'regular', current_date, 45, ${role === 'pair_mentor'})`,
          ),
        ),
        '42501',
      );
      await expectSqlError(
        db.asUserRolledBack(ROLES[role], (s) =>
          s.query(`update public.meetings set entered_by_staff = true where id = $1`, [MEETING_P1]),
        ),
        '42501',
      );
    }
    // A trusted writer's update keeps it as well.
    const kept = await db.asUserRolledBack({ role: 'service_role' }, async (s) => {
      await s.query(`update public.meetings set entered_by_staff = false where id = $1`, [
        MEETING_PAPER_P5,
      ]);
      return (
        await s.query<{ e: boolean }>(
          `select entered_by_staff as e from public.meetings where id = $1`,
          [MEETING_PAPER_P5],
        )
      ).rows[0]!.e;
    });
    expect(kept).toBe(true);
  });

  it("the pair's mentor and mentee see a paper meeting; the mentor edits it and it stays marked", async () => {
    const seen = async (claims: Claims) =>
      (
        await db.asUserRolledBack(claims, (s) =>
          s.query<{ entered_by_staff: boolean }>(
            `select entered_by_staff from public.meetings where id = $1`,
            [MEETING_PAPER_P5],
          ),
        )
      ).rows;
    expect(await seen(actors.mentor)).toEqual([{ entered_by_staff: true }]);
    expect(await seen(others.menteeTeacher2)).toEqual([{ entered_by_staff: true }]); // Сидоренко, P5
    expect(await seen(others.mentor2)).toEqual([]);
    expect(await seen(actors.member_of_other_school)).toEqual([]);

    const edited = await db.asUserRolledBack(actors.mentor, async (s) => {
      await s.query(`update public.meetings set topic = 'Итоги года, уточнено' where id = $1`, [
        MEETING_PAPER_P5,
      ]);
      return (
        await s.query(`select topic, entered_by_staff from public.meetings where id = $1`, [
          MEETING_PAPER_P5,
        ])
      ).rows;
    });
    expect(edited).toEqual([{ topic: 'Итоги года, уточнено', entered_by_staff: true }]);
  });

  it("staff update and tombstone only meetings entered by staff, never a mentor's own", async () => {
    const touch = (id: string) =>
      `update public.meetings set topic = 'Правка куратора' where id = '${id}'`;
    const remove = (id: string) =>
      `update public.meetings set deleted_at = now() where id = '${id}'`;
    const expected: Record<Role, [number, number]> = {
      school_admin: [1, 0],
      curator: [1, 0],
      pair_mentor: [1, 1],
      other_mentor: [0, 0],
      mentee: [0, 0],
      other_school: [0, 0],
    };
    for (const role of ALL_ROLES) {
      const got = [
        await rowCount(role, touch(MEETING_PAPER_P5)),
        await rowCount(role, touch(MEETING_P1)),
      ];
      expect({ role, got }).toEqual({ role, got: expected[role] });
      const gone = [
        await rowCount(role, remove(MEETING_PAPER_P5)),
        await rowCount(role, remove(MEETING_P1)),
      ];
      expect({ role, gone }).toEqual({ role, gone: expected[role] });
    }
  });

  it('a staff member who mentors the pair herself writes her meeting as the mentor', async () => {
    // The curator also mentors P4 (a mentor membership for Белоусов's card would be another
    // account; here the curator gets her own card on the mentor side of a new draft pair).
    const marked = await db.asUserRolledBack({ role: 'service_role' }, async (s) => {
      const card = randomUUID();
      const pair = randomUUID();
      await s.query(
        `insert into public.participants (id, school_id, kind, full_name, is_mentor, user_id)
         values ($1, $2, 'teacher', 'Нестеренко Ольга Ивановна', true, $3)`,
        [card, A, USERS.curator],
      );
      await s.query(
        `insert into public.memberships (user_id, school_id, role, participant_id) values ($1, $2, 'mentor', $3)`,
        [USERS.curator, A, card],
      );
      await s.query(
        `insert into public.pairs (id, school_id, form, status) values ($1, $2, 'uchitel_uchenik', 'draft')`,
        [pair, A],
      );
      await s.query(
        `insert into public.pair_members (school_id, pair_id, participant_id, side) values ($1, $2, $3, 'mentor')`,
        [A, pair, card],
      );
      await s.query(
        `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify(actors.curator)],
      );
      return (await s.query<{ entered_by_staff: boolean }>(insertMeeting(pair))).rows;
    });
    expect(marked).toEqual([{ entered_by_staff: false }]);
  });
});

describe('meetings from a paper log through sync_push (runs as the caller: the same rules)', () => {
  it('marks the staff’s inserts, set-based or one by one, and keeps every refusal', async () => {
    const curator = await Device.open(db, USERS.curator);
    const mentor = await Device.open(db, USERS.mentor);
    const [m1, m2] = [randomUUID(), randomUUID()];
    const meeting = (id: string) => ({
      id,
      school_id: A,
      pair_id: P1,
      type: 'regular',
      held_on: '2026-11-26',
      duration_min: 45,
      notes: 'Из бумажного журнала',
    });
    // Two inserts in a row: the set-based path.
    const res = await curator.push([
      curator.insert('meetings', meeting(m1)),
      curator.insert('meetings', meeting(m2)),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    for (const id of [m1, m2]) {
      expect(await serverRow(db, 'meetings', id)).toMatchObject({
        entered_by_staff: true,
        created_by: USERS.curator,
      });
    }

    const own = randomUUID();
    const refused = await curator.push([
      // the column is the server's
      curator.insert('meetings', { ...meeting(randomUUID()), entered_by_staff: false }),
      // a mentor's own meeting is hers
      curator.patch(
        'meetings',
        MEETING_P1,
        { topic: 'Правка' },
        { topic: 'Знакомство, ожидания, правила работы пары' },
      ),
      curator.delete('meetings', MEETING_P1),
      // a date before the programme year
      curator.insert('meetings', { ...meeting(randomUUID()), held_on: '2026-08-31' }),
    ]);
    expect(refused.results.map((r) => [r.status, r.code, r.constraint ?? null])).toEqual([
      ['rejected', 'readonly_column', null],
      ['rejected', '42501', null],
      ['rejected', '42501', null],
      ['rejected', '23514', 'meetings_date_out_of_range'],
    ]);

    // The mentor edits the paper meeting and writes her own one: hers is not marked.
    const mine = await mentor.push([
      mentor.patch('meetings', m1, { topic: 'Разбор урока' }, { topic: null }),
      mentor.insert('meetings', { ...meeting(own), notes: 'Моя встреча' }),
    ]);
    expect(mine.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await serverRow(db, 'meetings', m1)).toMatchObject({
      topic: 'Разбор урока',
      entered_by_staff: true,
    });
    expect(await serverRow(db, 'meetings', own)).toMatchObject({ entered_by_staff: false });

    // ...and the curator may still correct and remove her paper meeting, not the mentor's.
    const later = await curator.push([
      curator.patch('meetings', m2, { topic: 'Исправлено' }, { topic: null }),
      curator.delete('meetings', m2),
      curator.patch('meetings', own, { topic: 'Чужое' }, { topic: null }),
    ]);
    expect(later.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['applied', null],
      ['rejected', '42501'],
    ]);

    // The mentor's device receives the paper meeting with its mark.
    const pulled = await mentor.pullAll();
    const row = pulled
      .flatMap((p) => p.changes)
      .find((c) => c.table === 'meetings' && c.row.id === m1);
    expect(row?.row).toMatchObject({ entered_by_staff: true, topic: 'Разбор урока' });
  });
});

describe('triage_snoozes: the staff’s alone', () => {
  const insertSnooze = (school = A, reason = 'Ждём родителей на собрании') =>
    `insert into public.triage_snoozes (school_id, item_key, snoozed_until, reason)
     values ('${school}', 'consent_missing:${PARTICIPANTS.alisa}', current_date + 7, '${reason}')`;

  it('staff read, insert, update and tombstone; nobody else reads or writes a row', async () => {
    for (const role of ALL_ROLES) {
      const staff = STAFF.includes(role);
      const read = await rowCount(role, `select id from public.triage_snoozes`);
      const inserted = await rowCount(role, insertSnooze());
      const updated = await rowCount(
        role,
        `update public.triage_snoozes set snoozed_until = current_date + 14 where id = '${TRIAGE_SNOOZE_A}'`,
      );
      const removed = await rowCount(
        role,
        `update public.triage_snoozes set deleted_at = now() where id = '${TRIAGE_SNOOZE_A}'`,
      );
      expect({ role, read, inserted, updated, removed }).toEqual({
        role,
        read: staff ? 1 : 0,
        inserted: staff ? 1 : { code: '42501' },
        updated: staff ? 1 : 0,
        removed: staff ? 1 : 0,
      });
    }
    // Another school's staff cannot put a snooze into school A, nor school A's into B.
    expect(await rowCount('curator', insertSnooze(SCHOOL_B))).toEqual({ code: '42501' });
  });

  it('needs a key and a reason; a tombstone keeps no reason', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) => s.query(insertSnooze(A, '  '))),
      '23514',
      /triage_snoozes_reason_not_blank/,
    );
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(
          `insert into public.triage_snoozes (school_id, item_key, snoozed_until, reason) values ($1, ' ', current_date, 'Причина')`,
          [A],
        ),
      ),
      '23514',
      /triage_snoozes_item_key_not_blank/,
    );
    const reason = await db.asUserRolledBack(actors.curator, async (s) => {
      await s.query(`update public.triage_snoozes set deleted_at = now() where id = $1`, [
        TRIAGE_SNOOZE_A,
      ]);
      return (
        await s.query<{ reason: string }>(
          `select reason from public.triage_snoozes where id = $1`,
          [TRIAGE_SNOOZE_A],
        )
      ).rows[0]!.reason;
    });
    expect(reason).toBe('');
  });
});

describe('participants.archived_on: staff archive a person', () => {
  const archive = (id: string) =>
    `update public.participants set archived_on = current_date where id = '${id}'`;

  it('staff write it; a mentor not even on her own card; nobody else', async () => {
    for (const role of STAFF) expect(await rowCount(role, archive(PARTICIPANTS.larina))).toBe(1);
    // Кравцова may edit her own phone and e-mail, nothing else of her card.
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) => s.query(archive(PARTICIPANTS.kravtsova))),
      '42501',
      /participant_contacts_only/,
    );
    expect(await rowCount('pair_mentor', archive(PARTICIPANTS.larina))).toBe(0);
    expect(await rowCount('mentee', archive(PARTICIPANTS.larina))).toBe(0);
    expect(await rowCount('other_mentor', archive(PARTICIPANTS.larina))).toBe(0);
    expect(await rowCount('other_school', archive(PARTICIPANTS.larina))).toBe(0);
  });

  it('is read with the card by whoever reads the card', async () => {
    const seen = await db.asUserRolledBack(actors.mentee, (s) =>
      s.query(`select archived_on from public.participants where id = $1`, [PARTICIPANTS.larina]),
    );
    expect(seen.rows).toEqual([{ archived_on: null }]);
  });
});

describe('pairs.order_history: corrections of the approval order, kept by the server', () => {
  type Entry = {
    number: string | null;
    date: string | null;
    changed_at: string;
    changed_by: string | null;
  };
  const history = (s: Sql, id: string) =>
    s
      .query<{ h: Entry[] }>(`select order_history as h from public.pairs where id = $1`, [id])
      .then((r) => r.rows[0]!.h);

  it('appends the earlier number and date with who changed them and when', async () => {
    const entries = await db.asUserRolledBack(actors.curator, async (s) => {
      expect(await history(s, P1)).toEqual([]);
      await s.query(`update public.pairs set order_number = '113-О' where id = $1`, [P1]);
      await s.query(`update public.pairs set order_date = '2026-10-02' where id = $1`, [P1]);
      // Other fields change nothing in it.
      await s.query(`update public.pairs set title = 'Кравцова – Ларина' where id = $1`, [P1]);
      return history(s, P1);
    });
    expect(entries.map(({ number, date, changed_by }) => ({ number, date, changed_by }))).toEqual([
      { number: '112-О', date: '2026-10-01', changed_by: USERS.curator },
      { number: '113-О', date: '2026-10-01', changed_by: USERS.curator },
    ]);
    for (const e of entries) expect(Date.now() - Date.parse(e.changed_at)).toBeLessThan(3_600_000);
  });

  it('keeps nothing when a draft is approved (no earlier order)', async () => {
    const entries = await db.asUserRolledBack(actors.curator, async (s) => {
      await s.query(
        `insert into public.consents (school_id, participant_id, given_by, representative_name, signed_on, valid_until)
         values ($1, $2, 'representative', 'Тимофеева Наталья Ивановна', current_date, current_date + 365)`,
        [A, PARTICIPANTS.alisa],
      );
      await s.query(
        `update public.pairs set status = 'approved', order_number = '131-О', order_date = current_date where id = $1`,
        [PAIRS.p4Draft],
      );
      return history(s, PAIRS.p4Draft);
    });
    expect(entries).toEqual([]);
  });

  it('is written by nobody: no client column, and a trusted writer cannot rewrite it', async () => {
    for (const sql of [
      `update public.pairs set order_history = '[]' where id = '${P1}'`,
      `insert into public.pairs (school_id, form, order_history) values ('${A}', 'uchitel_uchitel', '[{"number": "1"}]')`,
    ]) {
      await expectSqlError(
        db.asUserRolledBack(actors.curator, (s) => s.query(sql)),
        '42501',
      );
    }
    const kept = await db.asUserRolledBack({ role: 'service_role' }, async (s) => {
      await s.query(`update public.pairs set order_number = '114-О' where id = $1`, [P1]);
      await s.query(`update public.pairs set order_history = '[]' where id = $1`, [P1]);
      return history(s, P1);
    });
    expect(kept.map((e) => e.number)).toEqual(['112-О']);
  });
});

describe('pairs.replaces_pair_id: the pair a new one continues', () => {
  const replacing = (replaces: string) =>
    `insert into public.pairs (school_id, programme_id, form, replaces_pair_id)
     values ('${A}', '${PROGRAMME_A}', 'uchenik_uchenik', '${replaces}') returning replaces_pair_id`;

  it('is set on insert by staff, to a pair of the same school', async () => {
    const ok = await db.asUserRolledBack(actors.curator, (s) =>
      s.query(replacing(PAIRS.p6EndedEarly)),
    );
    expect(ok.rows).toEqual([{ replaces_pair_id: PAIRS.p6EndedEarly }]);
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) => s.query(replacing(PAIRS.otherSchool))),
      '23503',
      /pairs_replaces_pair_fk/,
    );
  });

  it('never changes afterwards, whoever writes', async () => {
    const update = `update public.pairs set replaces_pair_id = '${PAIRS.p5Completed}' where id = '${PAIRS.p6EndedEarly}'`;
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) => s.query(update)),
      '42501',
    );
    await expectSqlError(
      db.asUserRolledBack({ role: 'service_role' }, (s) => s.query(update)),
      '23514',
      /pairs_replaces_pair_id_immutable/,
    );
  });
});

describe('pair_members_form_kind: the form’s role model', () => {
  const join = (pair: string, participant: string, side: 'mentor' | 'mentee') =>
    db.asUserRolledBack(actors.curator, (s) =>
      s.query(
        `insert into public.pair_members (school_id, pair_id, participant_id, side) values ($1, $2, $3, $4)`,
        [A, pair, participant, side],
      ),
    );

  it('refuses a member whose kind does not fit the side of the form', async () => {
    // «учитель – учитель» needs two teachers; a student never mentors a teacher.
    await expectSqlError(
      join(P1, PARTICIPANTS.kirill, 'mentor'),
      '23514',
      /pair_members_form_kind/,
    );
    await expectSqlError(
      join(PAIRS.p2PeerActive, PARTICIPANTS.belousov, 'mentee'),
      '23514',
      /pair_members_form_kind/,
    );
    await expectSqlError(
      join(PAIRS.p4Draft, PARTICIPANTS.artem, 'mentor'),
      '23514',
      /pair_members_form_kind/,
    );
    // A student mentee in «учитель – ученик» fits.
    await expect(join(PAIRS.p4Draft, PARTICIPANTS.kirill, 'mentee')).resolves.toMatchObject({
      rowCount: 1,
    });
  });

  it('refuses a change of form the members no longer fit', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(`update public.pairs set form = 'uchitel_uchitel' where id = $1`, [PAIRS.p4Draft]),
      ),
      '23514',
      /pair_members_form_kind/,
    );
  });
});

describe('pairs_same_people_twice', () => {
  /** A new draft pair of the form with these members, in order; the first refusal rejects. */
  const newPair = (form: string, members: [string, 'mentor' | 'mentee'][], isGroup = false) =>
    db.asUserRolledBack(actors.curator, async (s) => {
      const pair = randomUUID();
      await s.query(
        `insert into public.pairs (id, school_id, programme_id, form, is_group) values ($1, $2, $3, $4, $5)`,
        [pair, A, PROGRAMME_A, form, isGroup],
      );
      for (const [participant, side] of members) {
        await s.query(
          `insert into public.pair_members (school_id, pair_id, participant_id, side) values ($1, $2, $3, $4)`,
          [A, pair, participant, side],
        );
      }
      return pair;
    });

  it('refuses the same mentor and mentee in a second live pair of the form, in either order', async () => {
    await expectSqlError(
      newPair('uchitel_uchitel', [
        [PARTICIPANTS.kravtsova, 'mentor'],
        [PARTICIPANTS.larina, 'mentee'],
      ]),
      '23514',
      /pairs_same_people_twice/,
    );
    await expectSqlError(
      newPair('uchitel_uchitel', [
        [PARTICIPANTS.larina, 'mentee'],
        [PARTICIPANTS.kravtsova, 'mentor'],
      ]),
      '23514',
      /pairs_same_people_twice/,
    );
    // A group: Полина and Софья are already together in the approved group P3.
    await expectSqlError(
      newPair(
        'uchenik_uchenik',
        [
          [PARTICIPANTS.polina, 'mentor'],
          [PARTICIPANTS.kirill, 'mentee'],
          [PARTICIPANTS.sofya, 'mentee'],
        ],
        true,
      ),
      '23514',
      /pairs_same_people_twice/,
    );
  });

  it('lets them meet again once the earlier pair has ended, and others join', async () => {
    // Артём and Кирилл: P6 ended early. Кравцова and Сидоренко: P5 completed.
    await expect(
      newPair('uchenik_uchenik', [
        [PARTICIPANTS.artem, 'mentor'],
        [PARTICIPANTS.kirill, 'mentee'],
      ]),
    ).resolves.toBeTruthy();
    await expect(
      newPair('uchitel_uchitel', [
        [PARTICIPANTS.kravtsova, 'mentor'],
        [PARTICIPANTS.sidorenko, 'mentee'],
      ]),
    ).resolves.toBeTruthy();
  });

  it('counts the form: the same people in another form pass, until the form is changed to match', async () => {
    const result = await db.asUserRolledBack(actors.curator, async (s) => {
      const other = randomUUID();
      await s.query(
        `insert into public.participants (id, school_id, kind, full_name, is_mentor) values ($1, $2, 'other', 'Соколов Иван Петрович', true)`,
        [other, A],
      );
      const add = async (form: string) => {
        const pair = randomUUID();
        await s.query(`insert into public.pairs (id, school_id, form) values ($1, $2, $3)`, [
          pair,
          A,
          form,
        ]);
        await s.query(
          `insert into public.pair_members (school_id, pair_id, participant_id, side) values ($1, $2, $3, 'mentor'), ($1, $2, $4, 'mentee')`,
          [A, pair, other, PARTICIPANTS.kirill],
        );
        return pair;
      };
      await add('student_uchenik');
      const second = await add('rabotodatel_uchenik');
      try {
        await s.query(`savepoint form`);
        await s.query(`update public.pairs set form = 'student_uchenik' where id = $1`, [second]);
        return 'accepted';
      } catch (error) {
        await s.query(`rollback to savepoint form`);
        return `${(error as { code?: string }).code} ${(error as Error).message}`;
      }
    });
    expect(result).toBe('23514 pairs_same_people_twice');
  });
});

describe('pairs_date_out_of_range and meetings_date_out_of_range', () => {
  const pairWith = (column: string, value: string, programme: string | null = PROGRAMME_A) =>
    db.asUserRolledBack(actors.curator, (s) =>
      s.query(
        `insert into public.pairs (school_id, programme_id, form, ${column}) values ($1, $2, 'uchitel_uchitel', ${value})`,
        [A, programme],
      ),
    );

  it('refuses a pair date before 2020, before its programme year or more than a year ahead', async () => {
    await expectSqlError(
      pairWith('started_on', `'2019-12-31'`, null),
      '23514',
      /pairs_date_out_of_range/,
    );
    await expectSqlError(
      pairWith('started_on', `'2026-08-31'`),
      '23514',
      /pairs_date_out_of_range/,
    );
    await expectSqlError(
      pairWith('order_date', 'current_date + 367'),
      '23514',
      /pairs_date_out_of_range/,
    );
    await expectSqlError(pairWith('ended_on', `'2062-05-31'`), '23514', /pairs_date_out_of_range/);
    await expect(pairWith('started_on', `'2020-01-01'`, null)).resolves.toBeTruthy();
    await expect(pairWith('started_on', `'2026-09-01'`)).resolves.toBeTruthy();
    await expect(pairWith('order_date', 'current_date + 366')).resolves.toBeTruthy();
  });

  it('checks a date when it is set or changed, not an old one left as it was', async () => {
    // P5 (programme 2025/2026) keeps its dates; a new end date before its programme is refused.
    const n = await db.asUserRolledBack(
      actors.curator,
      async (s) =>
        (
          await s.query(`update public.pairs set title = 'Кравцова – Сидоренко' where id = $1`, [
            P5,
          ])
        ).rowCount,
    );
    expect(n).toBe(1);
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(`update public.pairs set ended_on = '2025-08-31' where id = $1`, [P5]),
      ),
      '23514',
      /pairs_date_out_of_range/,
    );
  });

  it('holds people, not trusted imports of past years', async () => {
    const n = await db.asUserRolledBack(
      { role: 'service_role' },
      async (s) =>
        (
          await s.query(
            `insert into public.pairs (school_id, form, status, started_on) values ($1, 'uchitel_uchitel', 'draft', '2019-09-02')`,
            [A],
          )
        ).rowCount,
    );
    expect(n).toBe(1);
  });

  it('refuses a meeting dated before the programme year or more than a year ahead', async () => {
    const mentorAdds = (pair: string, heldOn: string) =>
      db.asUserRolledBack(actors.mentor, (s) => s.query(insertMeeting(pair, heldOn)));
    await expectSqlError(mentorAdds(P1, `'2026-08-31'`), '23514', /meetings_date_out_of_range/);
    await expectSqlError(
      mentorAdds(P1, 'current_date + 367'),
      '23514',
      /meetings_date_out_of_range/,
    );
    await expect(mentorAdds(P1, `'2026-09-01'`)).resolves.toBeTruthy();
    // P5's programme started on 2025-09-01.
    await expect(mentorAdds(P5, `'2025-09-01'`)).resolves.toBeTruthy();
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) =>
        s.query(`update public.meetings set held_on = '2062-10-06' where id = $1`, [MEETING_P1]),
      ),
      '23514',
      /meetings_date_out_of_range/,
    );
  });
});

describe('consents_already_expired and consents_signed_in_future', () => {
  const record = (signed: string, until: string, revoked = 'null') =>
    db.asUserRolledBack(actors.curator, (s) =>
      s.query(
        `insert into public.consents (school_id, participant_id, given_by, signed_on, valid_until, revoked_on)
         values ($1, $2, 'self', ${signed}, ${until}, ${revoked})`,
        [A, PARTICIPANTS.larina],
      ),
    );

  it('refuses recording as valid a consent that has already run out', async () => {
    await expectSqlError(
      record('current_date - 400', 'current_date - 1'),
      '23514',
      /consents_already_expired/,
    );
    await expect(record('current_date - 400', 'current_date')).resolves.toBeTruthy();
    // History: a consent that ran out and was revoked may be recorded.
    await expect(
      record('current_date - 400', 'current_date - 35', 'current_date - 40'),
    ).resolves.toBeTruthy();
    // A consent recorded while valid may later be shortened to a day past (an update).
    const n = await db.asUserRolledBack(
      actors.curator,
      async (s) =>
        (
          await s.query(`update public.consents set valid_until = current_date - 1 where id = $1`, [
            CONSENT_LARINA,
          ])
        ).rowCount,
    );
    expect(n).toBe(1);
  });

  it('refuses a signature more than a day ahead, on insert and on change', async () => {
    await expectSqlError(record('current_date + 2', 'null'), '23514', /consents_signed_in_future/);
    await expect(record('current_date + 1', 'null')).resolves.toBeTruthy();
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(`update public.consents set signed_on = current_date + 5 where id = $1`, [
          CONSENT_LARINA,
        ]),
      ),
      '23514',
      /consents_signed_in_future/,
    );
  });
});

describe('the consent flag: a yes/no the server computes', () => {
  it('a mentor sees consent_covered_until (yes/no) for her own mentees only, nothing for others', async () => {
    const today = (await db.query<{ d: string }>(`select current_date::text as d`)).rows[0]!.d;
    const { rows } = await db.asUserRolledBack(actors.mentor, (s) =>
      s.query<{ id: string; c: string | null }>(
        `select id, consent_covered_until::text as c from public.participants where id = any ($1)`,
        [
          [
            PARTICIPANTS.larina, // her mentee in P1: covered
            PARTICIPANTS.sidorenko, // her mentee in P5: ran out on 2026-08-31
            PARTICIPANTS.dmitry, // P2, not hers
            PARTICIPANTS.alisa, // P4, not hers
            PARTICIPANTS.kirill, // nobody's now
          ],
        ],
      ),
    );
    const flags = Object.fromEntries(
      rows.map((r) => [r.id, isCoveredOn(r.c as string | null, today)]),
    );
    expect(flags).toEqual({ [PARTICIPANTS.larina]: true, [PARTICIPANTS.sidorenko]: false });
    // She never reads a consent itself.
    const consents = await db.asUserRolledBack(actors.mentor, (s) =>
      s.query(`select id from public.consents`),
    );
    expect(consents.rows).toEqual([]);
  });
});

describe('the first meeting after the order (activate_pair_on_meeting)', () => {
  it('starts an approved pair when its mentor logs the meeting, though she may not write pairs', async () => {
    const before = (
      await db.query<{ status: string; started_on: string | null }>(
        `select status, started_on::text from public.pairs where id = $1`,
        [P1],
      )
    ).rows[0]!;
    await db.exec(
      `update public.pairs set status = 'approved', started_on = null where id = '${P1}'`,
    );
    try {
      const after = await db.asUserRolledBack(actors.mentor, async (s) => {
        // Her own write of the pair is refused (RLS: no row to update)…
        const own = await s.query(`update public.pairs set status = 'active' where id = $1`, [P1]);
        // …but her meeting starts it, from the meeting's date.
        await s.query(insertMeeting(P1, `current_date - 2`));
        const { rows } = await s.query<{ status: string; from_meeting: boolean }>(
          `select status, started_on = current_date - 2 as from_meeting from public.pairs where id = $1`,
          [P1],
        );
        return { own: own.rowCount, rows };
      });
      expect(after).toEqual({ own: 0, rows: [{ status: 'active', from_meeting: true }] });
    } finally {
      await db.query(`update public.pairs set status = $2, started_on = $3::date where id = $1`, [
        P1,
        before.status,
        before.started_on,
      ]);
    }
  });
});
