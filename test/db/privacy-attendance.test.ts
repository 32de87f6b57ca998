// Who came to a group meeting (public.meeting_attendances), from the outside, for every role
// (DOMAIN.md «Who may read and change what»: a group mentee sees the other members' names
// only). Staff and the pair's mentor read every row; a mentee reads only her own, so nobody
// of the group learns whether a mate came; another school, another mentor and the municipal
// coordinator read nothing. The pair's mentor ticks and unticks; staff only on the meetings
// they entered from the paper log; a mentee never. The meeting row itself, which every
// member reads, no longer says who came. Through the table API (as PostgREST runs it) and
// through sync_pull / sync_push.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type Claims, type TestDb } from '../support/db';
import { actors, insertAuthUserSql, others } from '../factories/actors';
import { GROUP, MEETING_P1, PAIRS, PARTICIPANTS, SCHOOL_A, USERS } from '../factories/seed-ids';
import { Device, serverRow } from '../factories/sync';

let db: TestDb;

const A = SCHOOL_A;
const P3 = PAIRS.p3GroupApproved;
/** Вершинина Полина, the student mentor of the group P3 (Софья, Егор), with an account here. */
const POLINA_USER = 'a3000000-0000-4000-8000-0000000000a1';
const polina = {
  sub: POLINA_USER,
  role: 'authenticated',
  aud: 'authenticated',
  is_anonymous: false,
} as Claims;
/** The seed's first group meeting: Софья and Егор came; and Ларина at P1's first meeting. */
const ROW = { sofya: randomUUID(), egor: randomUUID(), larina: randomUUID() } as const;
/** A second group meeting Полина logged, nobody ticked yet; and one the curator entered from paper. */
const LOGGED = randomUUID();
const PAPER = randomUUID();

/** Everyone who might look, each with her account's claims. */
const WHO = {
  school_admin: actors.school_admin,
  curator: actors.curator,
  group_mentor: polina,
  mentor_of_p1: actors.mentor, // Кравцова: P1 (Ларина), not the group
  other_mentor: others.mentor2, // Белоусов: a mentor of the school, not of these pairs
  mentee_p1: actors.mentee, // Ларина
  sofya: actors.group_mentee,
  egor: others.groupMentee2,
  coordinator: actors.coordinator,
  other_school: actors.member_of_other_school,
  anon: actors.anon,
} satisfies Record<string, Claims>;
type Who = keyof typeof WHO;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.exec(`
    ${insertAuthUserSql(POLINA_USER, { email: 'polina@example.org' })};
    insert into public.memberships (user_id, school_id, role, participant_id)
      values ('${POLINA_USER}', '${A}', 'mentor', '${PARTICIPANTS.polina}');
    insert into public.meeting_attendances (id, school_id, pair_id, meeting_id, participant_id) values
      ('${ROW.sofya}', '${A}', '${P3}', '${GROUP.meeting}', '${PARTICIPANTS.sofya}'),
      ('${ROW.egor}', '${A}', '${P3}', '${GROUP.meeting}', '${PARTICIPANTS.egor}'),
      ('${ROW.larina}', '${A}', '${PAIRS.p1TeacherActive}', '${MEETING_P1}', '${PARTICIPANTS.larina}');
    insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min, entered_by_staff) values
      ('${LOGGED}', '${A}', '${P3}', 'trial', '2026-11-27', 40, false),
      ('${PAPER}', '${A}', '${P3}', 'regular', '2026-11-28', 40, true);`);
});
afterAll(async () => {
  await db?.close();
});

/** What the statement returns (select: the ids, sorted) or touches, rolled back; or the SQLSTATE. */
async function outcome(who: Who, sql: string, params: unknown[] = []): Promise<unknown> {
  try {
    return await db.asUserRolledBack(WHO[who], async (s) => {
      const r = await s.query<{ id: string }>(sql, params);
      return /^\s*select/i.test(sql) ? r.rows.map((row) => row.id).sort() : (r.rowCount ?? 0);
    });
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function outcomes(sql: string, params: unknown[] = []): Promise<Record<Who, unknown>> {
  const out = {} as Record<Who, unknown>;
  for (const who of Object.keys(WHO) as Who[]) out[who] = await outcome(who, sql, params);
  return out;
}

const sorted = (...ids: string[]) => [...ids].sort();

describe('reading who came', () => {
  it('staff and the pair’s mentor read every row; a mentee her own only; nobody else any', async () => {
    expect(await outcomes('select id from public.meeting_attendances')).toEqual({
      school_admin: sorted(ROW.sofya, ROW.egor, ROW.larina),
      curator: sorted(ROW.sofya, ROW.egor, ROW.larina),
      group_mentor: sorted(ROW.sofya, ROW.egor),
      mentor_of_p1: [ROW.larina],
      other_mentor: [],
      mentee_p1: [ROW.larina],
      sofya: [ROW.sofya],
      egor: [ROW.egor],
      coordinator: [],
      other_school: [],
      anon: '42501',
    });
  });

  it('the meeting row every member reads no longer says who came', async () => {
    expect(
      await outcome('sofya', `select id from public.meetings where id = $1`, [GROUP.meeting]),
    ).toEqual([GROUP.meeting]);
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from information_schema.columns
       where table_schema = 'public' and table_name = 'meetings' and column_name = 'attendee_ids'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('sync_pull gives Софья her own row, never Егор’s; the mentor both; another school none', async () => {
    const pulled = async (claims: Claims) =>
      JSON.stringify(
        await db.asUserRolledBack(
          claims,
          async (s) =>
            (await s.query<{ r: unknown }>('select public.sync_pull($1::jsonb, 5000) as r', ['{}']))
              .rows[0]!.r,
        ),
      );
    const sofya = await pulled(WHO.sofya);
    expect(sofya).toContain(ROW.sofya);
    expect(sofya).not.toContain(ROW.egor);
    const mentor = await pulled(WHO.group_mentor);
    expect(mentor).toContain(ROW.sofya);
    expect(mentor).toContain(ROW.egor);
    const other = await pulled(WHO.other_school);
    expect(other).not.toContain(ROW.sofya);
    expect(other).not.toContain(ROW.larina);
  });

  it('an unticked mentee’s tombstone reaches her device, and only hers', async () => {
    const device = await Device.open(db, POLINA_USER);
    const res = await device.push([device.delete('meeting_attendances', ROW.egor)]);
    expect(res.results.map((r) => r.status)).toEqual(['applied']);
    const seen = async (claims: Claims) =>
      db.asUserRolledBack(claims, async (s) => {
        const page = (
          await s.query<{ r: { changes: { table: string; row: Record<string, unknown> }[] } }>(
            'select public.sync_pull($1::jsonb, 5000) as r',
            ['{}'],
          )
        ).rows[0]!.r;
        return page.changes
          .filter((c) => c.table === 'meeting_attendances')
          .map((c) => [c.row.id, c.row.deleted_at !== null]);
      });
    expect(await seen(WHO.egor)).toEqual([[ROW.egor, true]]);
    expect(await seen(WHO.sofya)).toEqual([[ROW.sofya, false]]);
    // Ticked again: a new row (the tombstone stays a tombstone).
    const again = randomUUID();
    const back = await device.push([
      device.insert('meeting_attendances', {
        id: again,
        school_id: A,
        pair_id: P3,
        meeting_id: GROUP.meeting,
        participant_id: PARTICIPANTS.egor,
      }),
    ]);
    expect(back.results.map((r) => r.status)).toEqual(['applied']);
    expect(await seen(WHO.sofya)).toEqual([[ROW.sofya, false]]);
  });
});

describe('writing who came', () => {
  const tick = (meeting: string, participant: string) =>
    `insert into public.meeting_attendances (school_id, pair_id, meeting_id, participant_id)
     values ('${A}', '${P3}', '${meeting}', '${participant}')`;

  it('the group’s mentor ticks on her meeting; staff, other mentors and the mentees may not', async () => {
    expect(await outcomes(tick(LOGGED, PARTICIPANTS.sofya))).toEqual({
      school_admin: '42501',
      curator: '42501',
      group_mentor: 1,
      mentor_of_p1: '42501',
      other_mentor: '42501',
      mentee_p1: '42501',
      sofya: '42501',
      egor: '42501',
      coordinator: '42501',
      other_school: '42501',
      anon: '42501',
    });
  });

  it('staff tick on a meeting they entered from the paper log', async () => {
    expect(await outcomes(tick(PAPER, PARTICIPANTS.egor))).toEqual({
      school_admin: 1,
      curator: 1,
      group_mentor: 1,
      mentor_of_p1: '42501',
      other_mentor: '42501',
      mentee_p1: '42501',
      sofya: '42501',
      egor: '42501',
      coordinator: '42501',
      other_school: '42501',
      anon: '42501',
    });
  });

  it('only the mentor unticks (a tombstone); a mentee cannot untick herself or a mate', async () => {
    const untick = `update public.meeting_attendances set deleted_at = now() where id = $1`;
    expect(await outcomes(untick, [ROW.sofya])).toEqual({
      school_admin: 0,
      curator: 0,
      group_mentor: 1,
      mentor_of_p1: 0,
      other_mentor: 0,
      mentee_p1: 0,
      sofya: 0,
      egor: 0,
      coordinator: 0,
      other_school: 0,
      anon: '42501',
    });
  });

  it('no client moves a row to another meeting, pair or mentee', async () => {
    for (const set of [
      `meeting_id = '${LOGGED}'`,
      `participant_id = '${PARTICIPANTS.egor}'`,
      `pair_id = '${PAIRS.p1TeacherActive}'`,
    ]) {
      expect(
        await outcome(
          'group_mentor',
          `update public.meeting_attendances set ${set} where id = $1`,
          [ROW.sofya],
        ),
      ).toBe('42501');
    }
  });

  it('sync_push: the mentor’s meeting and its ticks in one batch; a mentee’s tick is refused', async () => {
    const mentor = await Device.open(db, POLINA_USER);
    const meeting = randomUUID();
    const row = randomUUID();
    const res = await mentor.push([
      mentor.insert('meetings', {
        id: meeting,
        school_id: A,
        pair_id: P3,
        type: 'regular',
        held_on: '2026-11-30',
        duration_min: 45,
      }),
      mentor.insert('meeting_attendances', {
        id: row,
        school_id: A,
        pair_id: P3,
        meeting_id: meeting,
        participant_id: PARTICIPANTS.sofya,
      }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await serverRow(db, 'meeting_attendances', row)).toMatchObject({
      meeting_id: meeting,
      participant_id: PARTICIPANTS.sofya,
      deleted_at: null,
    });

    const sofya = await Device.open(db, USERS.groupMentee);
    const refused = await sofya.push([
      sofya.insert('meeting_attendances', {
        school_id: A,
        pair_id: P3,
        meeting_id: meeting,
        participant_id: PARTICIPANTS.egor,
      }),
    ]);
    expect(refused.results.map((r) => [r.status, r.code])).toEqual([['rejected', '42501']]);
  });
});
