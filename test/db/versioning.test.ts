// The sync version contract (SYNC.md "Server versioning"): one version per transaction per
// school, strictly increasing, commit order = version order, school_id immutable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type Sql, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import { PAIRS, PARTICIPANTS, SCHOOL_A, SCHOOL_B, USERS } from '../factories/seed-ids';
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
            `insert into public.participants (school_id, kind, full_name, created_by) values ($1, 'student', 'Орлова Вера', $2) returning id, created_by`,
            [SCHOOL_A, USERS.mentor],
          )
        ).rows[0]!,
    );
    expect(row.created_by).toBe(USERS.curator);
    const after = await db.asUser(
      actors.school_admin,
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
