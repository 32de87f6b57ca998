// Who may read what beyond the matrix: private notes, sensitive categories, own membership,
// the coordinator's aggregate-only view, invites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, anonymousUser, asClaims, insertAuthUserSql } from '../factories/actors';
import {
  INVITE_CODES,
  MUNICIPALITY,
  PAIRS,
  PARTICIPANTS,
  SCHOOL_A,
  SCHOOL_B,
  USERS,
} from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
const ARTEM_USER = 'a3000000-0000-4000-8000-0000000000a1';

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  // The student mentor Артём joins with his invite code, so a mentor of minors exists.
  await db.exec(insertAuthUserSql(ARTEM_USER, { anonymous: true }));
  const r = await db.asUser(anonymousUser(ARTEM_USER), (s) =>
    s.query<{ r: { ok: boolean } }>('select public.redeem_invite($1) as r', [INVITE_CODES.artem]),
  );
  expect(r.rows[0]!.r.ok).toBe(true);
});

afterAll(async () => {
  await db?.close();
});

const count = (claims: Parameters<TestDb['asUser']>[0], sql: string, params?: unknown[]) =>
  db.asUserRolledBack(claims, async (s) => (await s.query<{ n: number }>(sql, params)).rows[0]!.n);

describe('meeting private notes', () => {
  it('are never readable by the mentee of the pair', async () => {
    expect(
      await count(
        actors.mentee,
        `select count(*)::int as n from public.meeting_private_notes where pair_id = $1`,
        [PAIRS.p1TeacherActive],
      ),
    ).toBe(0);
  });

  it('are readable by their author', async () => {
    expect(
      await count(
        actors.mentor,
        `select count(*)::int as n from public.meeting_private_notes where pair_id = $1`,
        [PAIRS.p1TeacherActive],
      ),
    ).toBe(1);
  });

  it('are not readable by the curator either', async () => {
    expect(
      await count(actors.curator, `select count(*)::int as n from public.meeting_private_notes`),
    ).toBe(0);
  });
});

describe('sensitive categories', () => {
  it('are hidden from a mentee, even their own', async () => {
    const dmitry = anonymousUser(USERS.anonymousMentee);
    expect(await count(dmitry, `select count(*)::int as n from public.participant_sensitive`)).toBe(
      0,
    );
    // while his own participant card is visible
    expect(
      await count(dmitry, `select count(*)::int as n from public.participants where id = $1`, [
        PARTICIPANTS.dmitry,
      ]),
    ).toBe(1);
  });

  it('are visible to a mentor for their own mentees only', async () => {
    const rows = await db.asUserRolledBack(
      anonymousUser(ARTEM_USER),
      async (s) =>
        (
          await s.query<{ participant_id: string }>(
            'select participant_id from public.participant_sensitive',
          )
        ).rows,
    );
    // Артём mentors Дмитрий (low results) and Кирилл (a request, no categories); not Егор of
    // another group.
    expect(rows.map((r) => r.participant_id).sort()).toEqual([
      PARTICIPANTS.dmitry,
      PARTICIPANTS.kirill,
    ]);
  });

  it('are visible to the curator for the whole school', async () => {
    expect(
      await count(actors.curator, `select count(*)::int as n from public.participant_sensitive`),
    ).toBe(7);
  });
});

describe('memberships', () => {
  it('nobody can change their own role', async () => {
    await expectSqlError(
      db.asUser(actors.curator, (s) =>
        s.query(`update public.memberships set role = 'school_admin' where user_id = $1`, [
          USERS.curator,
        ]),
      ),
      '42501',
      /membership_self_edit/,
    );
    await expectSqlError(
      db.asUser(actors.school_admin, (s) =>
        s.query(`update public.memberships set revoked_at = now() where user_id = $1`, [
          USERS.schoolAdmin,
        ]),
      ),
      '42501',
      /membership_self_edit/,
    );
    const changed = await db.asUserRolledBack(
      actors.mentor,
      async (s) =>
        (
          await s.query(`update public.memberships set role = 'curator' where user_id = $1`, [
            USERS.mentor,
          ])
        ).rowCount,
    );
    expect(changed).toBe(0);
  });

  it('a curator cannot raise anyone to a staff role, the school admin can', async () => {
    await expectSqlError(
      db.asUser(actors.curator, (s) =>
        s.query(`update public.memberships set role = 'school_admin' where user_id = $1`, [
          USERS.mentor,
        ]),
      ),
      '42501',
      /membership_role_not_allowed/,
    );
    const changed = await db.asUserRolledBack(
      actors.school_admin,
      async (s) =>
        (
          await s.query(`update public.memberships set role = 'curator' where user_id = $1`, [
            USERS.mentor,
          ])
        ).rowCount,
    );
    expect(changed).toBe(1);
  });

  it('a curator can revoke a mentee membership, which ends what that user sees', async () => {
    await db.asUserRolledBack(actors.curator, async (s) => {
      const r = await s.query(
        `update public.memberships set revoked_at = now() where user_id = $1`,
        [USERS.mentee],
      );
      expect(r.rowCount).toBe(1);
    });
  });

  it('nobody can insert a membership directly, not even the school admin', async () => {
    await expectSqlError(
      db.asUser(actors.school_admin, (s) =>
        s.query(
          `insert into public.memberships (user_id, school_id, role) values ($1, $2, 'curator')`,
          [USERS.mentor, SCHOOL_A],
        ),
      ),
      '42501',
    );
  });
});

describe('school boundary', () => {
  it('no row can move to another school, whoever writes', async () => {
    // Through the API school_id is not even updatable (column grants); below the API the
    // stamp trigger refuses.
    await expectSqlError(
      db.asUser(actors.curator, (s) =>
        s.query(`update public.pairs set school_id = $1 where id = $2`, [
          SCHOOL_B,
          PAIRS.p1TeacherActive,
        ]),
      ),
      '42501',
    );
    await expectSqlError(
      db.asUser({ role: 'service_role' }, (s) =>
        s.query(`update public.meetings set school_id = $1 where pair_id = $2`, [
          SCHOOL_B,
          PAIRS.p1TeacherActive,
        ]),
      ),
      '23514',
      /school_id_immutable/,
    );
  });

  it('a curator of another school sees nothing of school A', async () => {
    const n = await count(
      actors.member_of_other_school,
      `select (select count(*) from public.participants where school_id = $1)
            + (select count(*) from public.pairs where school_id = $1)
            + (select count(*) from public.meetings where school_id = $1) as n`,
      [SCHOOL_A],
    );
    expect(Number(n)).toBe(0);
  });

  it('an anonymous user who redeemed nothing has no scopes', async () => {
    const id = 'a3000000-0000-4000-8000-0000000000a2';
    await db.exec(insertAuthUserSql(id, { anonymous: true }));
    expect(
      await count(anonymousUser(id), 'select count(*)::int as n from private.my_scopes()'),
    ).toBe(0);
  });
});

describe('municipal coordinator', () => {
  it('gets numbers per school through municipality_kpis', async () => {
    const rows = await db.asUserRolledBack(
      actors.coordinator,
      async (s) =>
        (
          await s.query<Record<string, unknown>>(
            'select * from public.municipality_kpis($1) order by school_id',
            [MUNICIPALITY],
          )
        ).rows,
    );
    expect(rows).toHaveLength(2);
    const a = rows.find((r) => r.school_id === SCHOOL_A)!;
    expect(a).toMatchObject({
      pairs_active: 2,
      pairs_completed: 1,
      mentors_trained_36h: 2,
      // one respondent: a suppressed small cell (kpis.test.ts)
      mentee_satisfied: null,
    });
    // Numbers (or suppressed cells) only: no column carries a person's name.
    for (const [key, value] of Object.entries(a)) {
      if (key !== 'school_id' && key !== 'school_name')
        expect(value === null || typeof value === 'number').toBe(true);
    }
  });

  it('is refused for anyone who does not coordinate that municipality', async () => {
    await expectSqlError(
      db.asUser(actors.curator, (s) =>
        s.query('select * from public.municipality_kpis($1)', [MUNICIPALITY]),
      ),
      '42501',
      /not_coordinator/,
    );
    await expectSqlError(
      db.asUser(actors.coordinator, (s) =>
        s.query('select * from public.municipality_kpis($1)', [
          'a1000000-0000-4000-8000-0000000000ff',
        ]),
      ),
      '42501',
      /not_coordinator/,
    );
  });

  it('is refused to anon', async () => {
    await expectSqlError(
      db.asUser(actors.anon, (s) =>
        s.query('select * from public.municipality_kpis($1)', [MUNICIPALITY]),
      ),
      '42501',
    );
  });
});

describe('scopes', () => {
  it('my_scopes lists the school for staff, pairs and own participant for members', async () => {
    const staff = await db.asUserRolledBack(
      actors.curator,
      async (s) =>
        (
          await s.query<{ scope_kind: string; scope_id: string }>(
            'select scope_kind, scope_id from private.my_scopes()',
          )
        ).rows,
    );
    expect(staff).toEqual([{ scope_kind: 'school', scope_id: SCHOOL_A }]);
    const mentor = await db.asUserRolledBack(
      asClaims(USERS.mentor),
      async (s) =>
        (
          await s.query<{ scope_kind: string; scope_id: string }>(
            'select scope_kind, scope_id from private.my_scopes() order by 1, 2',
          )
        ).rows,
    );
    expect(mentor).toEqual([
      { scope_kind: 'pair', scope_id: PAIRS.p1TeacherActive },
      { scope_kind: 'pair', scope_id: PAIRS.p5Completed },
      { scope_kind: 'participant', scope_id: PARTICIPANTS.kravtsova },
    ]);
  });

  it('tombstones stay readable in scope', async () => {
    await db.asUser({ role: 'service_role' }, (s) =>
      s.query(
        `update public.meetings set deleted_at = now() where id = 'ae000000-0000-4000-8000-000000000005'`,
      ),
    );
    expect(
      await count(
        actors.mentee,
        `select count(*)::int as n from public.meetings where deleted_at is not null`,
      ),
    ).toBe(1);
  });
});
