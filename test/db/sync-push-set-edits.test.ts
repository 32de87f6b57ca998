// sync_push's set-based path for patches and deletes (supabase/schemas/930_sync_push.sql,
// private.sync_apply_patches / sync_apply_deletes / sync_apply_run): a run of patches (or
// deletes) to one table is applied by ONE UPDATE in one subtransaction when every row merges
// without a question; a row that needs a conflict record, is invisible, not updatable or
// deleted goes down the per-mutation path; a failing attempt is halved, so a poison mutation
// is still refused alone and costs a few subtransactions, not one per mutation. Which path
// ran is visible in the rows' xmin: rows updated in one subtransaction share its subxid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  countRows,
  createWorld,
  Device,
  serverRow,
  unknownKeys,
  type Mutation,
  type MutationResult,
  type World,
} from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

/** n meetings of a pair (duration 45, no notes), inserted by the superuser; their ids. */
async function meetings(n: number, pairId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.meetings (school_id, pair_id, type, held_on, duration_min, topic)
     select $1, $2, 'regular', date '2026-10-01' + g, 45, 'Встреча ' || g
     from generate_series(1, $3) g
     returning id`,
    [w.schoolA, pairId, n],
  );
  return rows.map((r) => r.id);
}

/** How many distinct (sub)transaction ids wrote the current versions of these rows. */
async function distinctXmins(ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(distinct xmin::text)::int as n from public.meetings where id = any($1::uuid[])',
    [ids],
  );
  return rows[0]!.n;
}

const notesPatch = (device: Device, id: string, notes: string, duration = 50): Mutation =>
  device.patch(
    'meetings',
    id,
    { notes, duration_min: duration },
    { notes: null, duration_min: 45 },
  );

/** A result without what differs between two equal answers (its id). */
const shape = ({ mutation_id: _m, ...rest }: MutationResult) => rest;

describe('sync_push set-based path: a run of patches', () => {
  it('applies 199 of 200 patches set-based and refuses the poison one alone', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const ids = await meetings(200, w.pairs.p1);
    const batch = ids.map((id, i) => notesPatch(mentor, id, `Заметки ${i}`, i === 137 ? 1 : 50));

    const res = await mentor.push(batch);
    expect(res.results).toHaveLength(200);
    const rejected = res.results.filter((r) => r.status !== 'applied');
    expect(rejected).toEqual([
      expect.objectContaining({
        mutation_id: batch[137]!.mutation_id,
        status: 'rejected',
        code: '23514',
        constraint: 'meetings_duration_range',
      }),
    ]);
    const good = ids.filter((_, i) => i !== 137);
    const rows = await Promise.all(ids.map((id) => serverRow(db, 'meetings', id)));
    for (const [i, row] of rows.entries()) {
      if (i === 137) {
        expect(row).toMatchObject({ notes: null, duration_min: 45 });
        continue;
      }
      expect(row).toMatchObject({ notes: `Заметки ${i}`, duration_min: 50 });
      // The answer the per-mutation merge gives: every field applied (and nothing else).
      expect(res.results[i]).toEqual({
        mutation_id: batch[i]!.mutation_id,
        status: 'applied',
        applied: ['notes', 'duration_min'],
      });
    }
    expect(res.results[137]).toEqual({
      mutation_id: batch[137]!.mutation_id,
      status: 'rejected',
      code: '23514',
      constraint: 'meetings_duration_range',
      message: expect.any(String),
    });
    expect(unknownKeys(res)).toEqual([]);
    // Set-based: halving around the poison takes a handful of subtransactions, not 199.
    const xmins = await distinctXmins(good);
    expect(xmins).toBeGreaterThan(1);
    expect(xmins).toBeLessThanOrEqual(16);

    // Every answer is logged: a replay is answered from the log, nothing applied twice.
    const replay = await mentor.push(batch);
    expect(replay.results.map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));
    expect(replay.results[137]).toMatchObject({ original_status: 'rejected', code: '23514' });
  });

  it('gives a conflicting patch inside a run its conflict record and applies the rest in one statement', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const ids = await meetings(10, w.pairs.p1);
    // Someone else changed meeting 4's notes and meeting 7's duration after this device read them.
    await db.query(`update public.meetings set notes = 'Чужая правка' where id = $1`, [ids[4]]);
    await db.query(`update public.meetings set duration_min = 60 where id = $1`, [ids[7]]);
    const batch = ids.map((id, i) => notesPatch(mentor, id, `Заметки ${i}`));

    const res = await mentor.push(batch);
    // The conflicting fields are named by the sync_conflicts rows below, not in the answer.
    expect(res.results[4]).toEqual({
      mutation_id: batch[4]!.mutation_id,
      status: 'conflict',
      code: 'field_conflict',
      applied: ['duration_min'],
    });
    expect(res.results[7]).toEqual({
      mutation_id: batch[7]!.mutation_id,
      status: 'conflict',
      code: 'field_conflict',
      applied: ['notes'],
    });
    expect(await serverRow(db, 'meetings', ids[4]!)).toMatchObject({
      notes: 'Чужая правка',
      duration_min: 50,
    });
    const { rows: conflicts } = await db.query<{ row_id: string; field: string; v: unknown }>(
      `select row_id, field, client_value as v from public.sync_conflicts order by field`,
    );
    expect(conflicts).toEqual([
      { row_id: ids[7], field: 'duration_min', v: 50 },
      { row_id: ids[4], field: 'notes', v: 'Заметки 4' },
    ]);
    const clean = ids.filter((_, i) => i !== 4 && i !== 7);
    for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
      expect(res.results[i]).toMatchObject({
        status: 'applied',
        applied: ['notes', 'duration_min'],
      });
    }
    expect(await distinctXmins(clean)).toBe(1);
  });

  it('answers a run exactly as the per-mutation path answers the same patches one at a time', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    // Two identical situations: a clean row, a row already holding the new values, a
    // tombstone, a row with a conflicting base, a clean row.
    const setup = async () => {
      const ids = await meetings(5, w.pairs.p1);
      await db.query(`update public.meetings set notes = 'Итог', duration_min = 50 where id = $1`, [
        ids[1],
      ]);
      await db.query(`update public.meetings set deleted_at = now() where id = $1`, [ids[2]]);
      await db.query(`update public.meetings set notes = 'Другое' where id = $1`, [ids[3]]);
      return ids;
    };
    const alone = await setup();
    const inRun = await setup();
    const single: MutationResult[] = [];
    for (const id of alone)
      single.push((await mentor.push([notesPatch(mentor, id, 'Итог')])).results[0]!);
    const run = await mentor.push(inRun.map((id) => notesPatch(mentor, id, 'Итог')));

    expect(run.results.map(shape)).toEqual(single.map(shape));
    expect(single.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'conflict',
      'conflict',
      'applied',
    ]);
    const state = async (id: string) => {
      const row = (await serverRow(db, 'meetings', id))!;
      return { notes: row.notes, duration_min: row.duration_min, deleted: row.deleted_at !== null };
    };
    for (const [i, id] of inRun.entries())
      expect({ i, ...(await state(id)) }).toEqual({ i, ...(await state(alone[i]!)) });
    // Rows 0 and 4 of the run were updated by one statement.
    expect(await distinctXmins([inRun[0]!, inRun[4]!])).toBe(1);
  });

  it('lets RLS decide: a mentor’s run including another pair’s meeting refuses that one alone', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const mine = await meetings(6, w.pairs.p1);
    const theirs = await meetings(1, w.pairs.p2);
    const ids = [...mine.slice(0, 3), theirs[0]!, ...mine.slice(3)];
    const batch = ids.map((id, i) => notesPatch(mentor, id, `Заметки ${i}`));

    const res = await mentor.push(batch);
    expect(res.results.map((r) => [r.status, r.code, r.message])).toEqual([
      ['applied', undefined, undefined],
      ['applied', undefined, undefined],
      ['applied', undefined, undefined],
      ['rejected', '42501', 'row_not_visible'],
      ['applied', undefined, undefined],
      ['applied', undefined, undefined],
      ['applied', undefined, undefined],
    ]);
    expect(await serverRow(db, 'meetings', theirs[0]!)).toMatchObject({
      notes: null,
      duration_min: 45,
    });
    expect(await distinctXmins(mine)).toBe(1);

    // A mentee reads her pair's meetings but does not write them: every patch of her run is
    // refused, with the answer one patch alone gets.
    const mentee = await Device.open(db, w.users.menteeA);
    const one = await mentee.push([notesPatch(mentee, mine[0]!, 'Моё')]);
    expect(one.results[0]).toMatchObject({ status: 'rejected', code: '42501' });
    const all = await mentee.push(mine.slice(1).map((id) => notesPatch(mentee, id, 'Моё')));
    expect(all.results.map(shape)).toEqual(mine.slice(1).map(() => shape(one.results[0]!)));
    expect(await countRows(db, 'meetings', `notes = 'Моё'`)).toBe(0);
  });
});

describe('sync_push set-based path: a run of deletes', () => {
  it('tombstones a run in one statement; deleted, invisible rows keep their own answers', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const mine = await meetings(8, w.pairs.p1);
    const theirs = await meetings(1, w.pairs.p2);
    await db.query(`update public.meetings set deleted_at = now() where id = $1`, [mine[5]]);
    const before = (await serverRow(db, 'meetings', mine[5]!))!;
    const ids = [...mine.slice(0, 2), theirs[0]!, ...mine.slice(2)];
    const batch = ids.map((id) => mentor.delete('meetings', id));

    const res = await mentor.push(batch);
    expect(res.results.map((r) => [r.status, r.message])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'row_not_visible'],
      ['applied', undefined],
      ['applied', undefined],
      ['applied', undefined],
      ['applied', undefined], // already a tombstone: applied, untouched
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect(res.results[6]).toEqual({ mutation_id: batch[6]!.mutation_id, status: 'applied' });
    expect(await serverRow(db, 'meetings', mine[5]!)).toEqual(before);
    const fresh = mine.filter((_, i) => i !== 5);
    for (const id of fresh) {
      const row = (await serverRow(db, 'meetings', id))!;
      // The tombstone carries no text.
      expect(row).toMatchObject({ topic: null, notes: null });
      expect(row.deleted_at).not.toBeNull();
      expect(res.results[ids.indexOf(id)]).toEqual({
        mutation_id: batch[ids.indexOf(id)]!.mutation_id,
        status: 'applied',
      });
    }
    expect(await distinctXmins(fresh)).toBe(1);
    expect(await serverRow(db, 'meetings', theirs[0]!)).toMatchObject({ deleted_at: null });
  });
});
