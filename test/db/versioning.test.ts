// The sync version contract (SYNC.md "Server versioning"): one version per transaction per
// school, strictly increasing, commit order = version order, school_id immutable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type Sql, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import { MEETING_P1, PAIRS, PARTICIPANTS, SCHOOL_A, SCHOOL_B, USERS } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

const counter = async (school: string) =>
  Number(
    (
      await db.query<{ v: string }>(
        'select version::text as v from private.school_sync_versions where school_id = $1',
        [school],
      )
    ).rows[0]!.v,
  );

async function writeThree(s: Sql, school: string, pair: string, participant: string) {
  const p = await s.query<{ v: string }>(
    `insert into public.participants (school_id, kind, full_name) values ($1, 'student', 'Новиков Лев') returning version::text as v`,
    [school],
  );
  const m = await s.query<{ v: string }>(
    `update public.pairs set title = title where id = $1 returning version::text as v`,
    [pair],
  );
  const c = await s.query<{ v: string }>(
    `insert into public.consents (school_id, participant_id, given_by, representative_name, signed_on)
     values ($1, $2, 'representative', 'Родитель', current_date) returning version::text as v`,
    [school, participant],
  );
  return [p.rows[0]!.v, m.rows[0]!.v, c.rows[0]!.v].map(Number);
}

describe('version stamping', () => {
  it('gives every row of one transaction in one school the same, next version', async () => {
    const before = await counter(SCHOOL_A);
    const versions = await db.asUser(actors.curator, (s) =>
      writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa),
    );
    expect(versions).toEqual([before + 1, before + 1, before + 1]);
    expect(await counter(SCHOOL_A)).toBe(before + 1);
  });

  it('increases with every transaction', async () => {
    const first = await db.asUser(actors.curator, (s) =>
      writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa),
    );
    const second = await db.asUser(actors.curator, (s) =>
      writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa),
    );
    expect(second[0]).toBe(first[0]! + 1);
  });

  it('counts each school separately within one transaction', async () => {
    const a = await counter(SCHOOL_A);
    const b = await counter(SCHOOL_B);
    const [va, vb] = await db.asUser({ role: 'service_role' }, async (s) => [
      (await writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa))[0],
      (await writeThree(s, SCHOOL_B, PAIRS.otherSchool, PARTICIPANTS.kovalev))[0],
    ]);
    expect([va, vb]).toEqual([a + 1, b + 1]);
  });

  it('stays consistent with the counter when a savepoint is rolled back', async () => {
    const before = await counter(SCHOOL_A);
    const v = await db.asUser(actors.curator, async (s) => {
      await s.query('savepoint sp');
      await writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa);
      await s.query('rollback to savepoint sp');
      return writeThree(s, SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.alisa);
    });
    expect(v[0]).toBe(before + 1);
    expect(await counter(SCHOOL_A)).toBe(before + 1);
  });

  it('stamps created_by with the caller and keeps it on update', async () => {
    const row = await db.asUser(
      actors.curator,
      async (s) =>
        (
          await s.query<{ id: string; created_by: string }>(
            `insert into public.participants (school_id, kind, full_name) values ($1, 'student', 'Орлова Вера') returning id, created_by`,
            [SCHOOL_A],
          )
        ).rows[0]!,
    );
    expect(row.created_by).toBe(USERS.curator);
    // Clients may not even name it (column grants); a path that bypasses the API cannot change it.
    await expectSqlError(
      db.asUserRolledBack(actors.school_admin, (s) =>
        s.query(`update public.participants set created_by = $2 where id = $1`, [
          row.id,
          USERS.mentor,
        ]),
      ),
      '42501',
    );
    const after = await db.asUser(
      { role: 'service_role' },
      async (s) =>
        (
          await s.query<{ created_by: string }>(
            `update public.participants set created_by = $2 where id = $1 returning created_by`,
            [row.id, USERS.mentor],
          )
        ).rows[0]!,
    );
    expect(after.created_by).toBe(USERS.curator);
  });

  it('refuses to move a row to another school', async () => {
    await expectSqlError(
      db.asUser({ role: 'service_role' }, (s) =>
        s.query(`update public.participants set school_id = $1 where id = $2`, [
          SCHOOL_B,
          PARTICIPANTS.alisa,
        ]),
      ),
      '23514',
      /school_id_immutable/,
    );
  });

  it('stamps writes that bypass the API too', async () => {
    const before = await counter(SCHOOL_A);
    await db.exec(`update public.meetings set topic = topic where school_id = '${SCHOOL_A}'`);
    const { rows } = await db.query<{ v: string }>(
      `select distinct version::text as v from public.meetings where school_id = $1`,
      [SCHOOL_A],
    );
    expect(rows.map((r) => Number(r.v))).toEqual([before + 1]);
  });

  it('orders versions by commit: a second writer waits for the first', async () => {
    if (db.kind === 'pglite') {
      // One session only: the writers cannot overlap, so check the order they commit in.
      const first = await db.query<{ v: string }>(
        `update public.pairs set title = title where id = $1 returning version::text as v`,
        [PAIRS.p1TeacherActive],
      );
      const second = await db.query<{ v: string }>(
        `update public.pairs set title = title where id = $1 returning version::text as v`,
        [PAIRS.p2PeerActive],
      );
      expect(Number(second.rows[0]!.v)).toBe(Number(first.rows[0]!.v) + 1);
      return;
    }
    {
      const one = await db.connect();
      const two = await db.connect();
      try {
        await one.query('begin');
        const v1 = Number(
          (
            await one.query<{ v: string }>(
              `update public.pairs set title = title where id = $1 returning version::text as v`,
              [PAIRS.p1TeacherActive],
            )
          ).rows[0]!.v,
        );
        let secondDone = false;
        const second = two
          .query<{ v: string }>(
            `update public.pairs set title = title where id = $1 returning version::text as v`,
            [PAIRS.p2PeerActive],
          )
          .then((r) => {
            secondDone = true;
            return Number(r.rows[0]!.v);
          });
        await new Promise((r) => setTimeout(r, 300));
        expect(secondDone).toBe(false);
        await one.query('commit');
        expect(await second).toBe(v1 + 1);
      } finally {
        await one.release();
        await two.release();
      }
    }
  });
});

describe('keys, existence and size through the table API', () => {
  it('refuses a mentor who changes a meeting’s id, pair or school', async () => {
    for (const [column, value] of [
      ['id', '00000000-0000-4000-8000-0000000000aa'],
      ['pair_id', PAIRS.p2PeerActive],
      ['school_id', SCHOOL_B],
      ['created_at', '2020-01-01'],
      ['version', '1'],
    ] as const) {
      await expectSqlError(
        db.asUserRolledBack(actors.mentor, (s) =>
          s.query(`update public.meetings set ${column} = $2 where id = $1`, [MEETING_P1, value]),
        ),
        '42501',
      );
    }
    // Even where the column may be written (service_role), a row keeps its id.
    await expectSqlError(
      db.asUserRolledBack({ role: 'service_role' }, (s) =>
        s.query(`update public.meetings set id = gen_random_uuid() where id = $1`, [MEETING_P1]),
      ),
      '23514',
      /id_immutable/,
    );
  });

  it('keeps server-owned participant columns out of the staff’s insert and update', async () => {
    for (const sql of [
      `update public.participants set user_id = null where id = '${PARTICIPANTS.larina}'`,
      `update public.participants set consent_covered_until = 'infinity' where id = '${PARTICIPANTS.alisa}'`,
      `insert into public.participants (school_id, kind, full_name, consent_covered_until)
       values ('${SCHOOL_A}', 'student', 'Без согласия', 'infinity')`,
    ])
      await expectSqlError(
        db.asUserRolledBack(actors.curator, (s) => s.query(sql)),
        '42501',
      );
  });

  it('answers an insert with another school’s id as row_not_visible, not as a duplicate key', async () => {
    const { rows } = await db.query<{ id: string }>(
      'select id from public.participants where school_id = $1 limit 1',
      [SCHOOL_B],
    );
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(
          `insert into public.participants (id, school_id, kind, full_name) values ($1, $2, 'student', 'Чужой id')`,
          [rows[0]!.id, SCHOOL_A],
        ),
      ),
      '42501',
      /^row_not_visible$/,
    );
  });

  it('refuses a client to bring a tombstone back, and dates a delete itself', async () => {
    const id = await db.asUser(actors.curator, async (s) => {
      const { rows } = await s.query<{ id: string }>(
        `insert into public.participants (school_id, kind, full_name) values ($1, 'student', 'Удаляемая') returning id`,
        [SCHOOL_A],
      );
      await s.query(`update public.participants set deleted_at = '2001-01-01' where id = $1`, [
        rows[0]!.id,
      ]);
      return rows[0]!.id;
    });
    const { rows } = await db.query<{ recent: boolean }>(
      `select deleted_at > now() - interval '1 hour' as recent from public.participants where id = $1`,
      [id],
    );
    expect(rows[0]!.recent).toBe(true);
    await expectSqlError(
      db.asUserRolledBack(actors.curator, (s) =>
        s.query(`update public.participants set deleted_at = null where id = $1`, [id]),
      ),
      '42501',
      /row_deleted/,
    );
  });

  it('refuses a row over 64 KB as JSON on every path', async () => {
    const big = 'щ'.repeat(33_000); // 66,000 bytes
    for (const claims of [actors.curator, { role: 'service_role' as const }])
      await expectSqlError(
        db.asUserRolledBack(claims, (s) =>
          s.query(`update public.pairs set title = $2 where id = $1`, [PAIRS.p1TeacherActive, big]),
        ),
        '54000',
        /row_too_large/,
      );
    await expectSqlError(
      db.query(
        `insert into public.participants (school_id, kind, full_name) values ($1, 'student', $2)`,
        [SCHOOL_A, big],
      ),
      '54000',
      /row_too_large/,
    );
  });
});
