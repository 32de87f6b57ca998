// sync_push's set-based fast path (supabase/schemas/930_sync_push.sql): a run of plain
// inserts into one table with the same fields is applied as ONE INSERT in one subtransaction; when that
// INSERT fails, the run is applied again one mutation per subtransaction, so exactly the
// poison mutation is rejected. Which path ran is visible in the rows' xmin: rows inserted
// in one subtransaction share its subxid, rows inserted one by one each have their own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  countRows,
  createWorld,
  Device,
  serverRow,
  unknownKeys,
  type Mutation,
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

function meeting(device: Device, i: number, over: Record<string, unknown> = {}): Mutation {
  return device.insert('meetings', {
    school_id: w.schoolA,
    pair_id: w.pairs.p1,
    type: 'regular',
    held_on: '2026-11-20',
    duration_min: 45,
    topic: `Встреча ${i}`,
    ...over,
  });
}

/** How many distinct transaction ids (xmin) inserted these rows. */
async function distinctXmins(ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(distinct xmin::text)::int as n from public.meetings where id = any($1::uuid[])',
    [ids],
  );
  return rows[0]!.n;
}

describe('sync_push fast path: a run of plain inserts', () => {
  it('inserts the run as one statement, answers each mutation and stores each result', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const batch = Array.from({ length: 6 }, (_, i) => meeting(mentor, i));

    const res = await mentor.push(batch);
    // Exactly what the device reads: no version, school or scope versions.
    expect(res).toEqual({
      results: batch.map((m) => ({ mutation_id: m.mutation_id, status: 'applied' })),
    });
    expect(unknownKeys(res)).toEqual([]);
    const rows = await Promise.all(batch.map((m) => serverRow(db, 'meetings', m.row_id)));
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ topic: `Встреча ${i}`, created_by: w.users.mentorA });
    }
    // One statement in one transaction: one version for the run.
    expect(new Set(rows.map((r) => r!.version)).size).toBe(1);
    expect(await distinctXmins(batch.map((m) => m.row_id))).toBe(1);

    // Idempotent: the stored results come back as duplicates, nothing is inserted twice.
    const replay = await mentor.push(batch);
    expect(replay.results).toEqual(
      batch.map((m) => ({
        mutation_id: m.mutation_id,
        status: 'duplicate',
        original_status: 'applied',
      })),
    );
    expect(await countRows(db, 'meetings', 'topic like $1', ['Встреча %'])).toBe(6);
  });

  it('falls back to one subtransaction per mutation when one row is poison and rejects only that one', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const batch = [
      meeting(mentor, 0),
      meeting(mentor, 1),
      meeting(mentor, 2, { duration_min: 1 }), // meetings_duration_range
      meeting(mentor, 3),
      meeting(mentor, 4),
    ];

    const res = await mentor.push(batch);
    expect(res.results.map((r) => [r.mutation_id, r.status, r.code, r.constraint])).toEqual([
      [batch[0]!.mutation_id, 'applied', undefined, undefined],
      [batch[1]!.mutation_id, 'applied', undefined, undefined],
      [batch[2]!.mutation_id, 'rejected', '23514', 'meetings_duration_range'],
      [batch[3]!.mutation_id, 'applied', undefined, undefined],
      [batch[4]!.mutation_id, 'applied', undefined, undefined],
    ]);
    expect(await serverRow(db, 'meetings', batch[2]!.row_id)).toBeUndefined();
    const good = [0, 1, 3, 4].map((i) => batch[i]!.row_id);
    for (const id of good) expect(await serverRow(db, 'meetings', id)).toBeTruthy();
    // Applied one by one: each row has its own subtransaction.
    expect(await distinctXmins(good)).toBe(4);

    const replay = await mentor.push([batch[2]!, batch[3]!]);
    expect(replay.results.map((r) => [r.status, r.original_status, r.code])).toEqual([
      ['duplicate', 'rejected', '23514'],
      ['duplicate', 'applied', undefined],
    ]);
  });

  it('falls back when RLS refuses one row of the run (another pair) and applies the others', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const batch = [
      meeting(mentor, 0),
      meeting(mentor, 1, { pair_id: w.pairs.p2 }), // mentorA is not in pair p2
      meeting(mentor, 2),
    ];
    const res = await mentor.push(batch);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', '42501'],
      ['applied', undefined],
    ]);
    expect(await serverRow(db, 'meetings', batch[1]!.row_id)).toBeUndefined();
    expect(await countRows(db, 'meetings', 'pair_id = $1', [w.pairs.p2])).toBe(1);
  });

  it('falls back when a row of the run exists already (a replay whose log entry was lost) and merges it', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const first = meeting(mentor, 0);
    expect((await mentor.push([first])).results[0]!.status).toBe('applied');

    const again = {
      ...first,
      mutation_id: randomUUID(),
      fields: { ...first.fields, notes: 'Заметки' },
    };
    const fresh = meeting(mentor, 1);
    const res = await mentor.push([fresh, again]);
    // The fresh row in the run's statement answers without `applied`; the existing one merges
    // as a patch one by one, and `applied` names what it filled in.
    expect(res.results.map((r) => [r.status, r.applied])).toEqual([
      ['applied', undefined],
      ['applied', ['notes']],
    ]);
    expect(await serverRow(db, 'meetings', first.row_id)).toMatchObject({
      topic: 'Встреча 0',
      notes: 'Заметки',
    });
  });

  it('keeps the order of the batch: runs end at other ops, other tables and other field sets', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const a = meeting(mentor, 0);
    const b = meeting(mentor, 1);
    const patchA = mentor.patch(
      'meetings',
      a.row_id,
      { topic: 'Исправлено' },
      { topic: 'Встреча 0' },
    );
    const c = meeting(mentor, 2, { notes: 'Другой набор полей' });
    const d = meeting(mentor, 3, { notes: 'Другой набор полей' });
    const repeatedA = { ...a }; // the same mutation id again in the same call
    const res = await mentor.push([a, b, patchA, c, d, repeatedA]);
    expect(res.results.map((r) => [r.mutation_id, r.status, r.original_status])).toEqual([
      [a.mutation_id, 'applied', undefined],
      [b.mutation_id, 'applied', undefined],
      [patchA.mutation_id, 'applied', undefined],
      [c.mutation_id, 'applied', undefined],
      [d.mutation_id, 'applied', undefined],
      [a.mutation_id, 'duplicate', 'applied'],
    ]);
    expect((await serverRow(db, 'meetings', a.row_id))!.topic).toBe('Исправлено');
    // [a, b] is one run (a is used twice in the call, so it goes alone), [c, d] another.
    expect(await distinctXmins([c.row_id, d.row_id])).toBe(1);
    expect(
      await countRows(db, 'meetings', 'id = any($1::uuid[])', [[a, b, c, d].map((m) => m.row_id)]),
    ).toBe(4);
  });

  it('never takes the fast path for a table with a foreign key to itself', async () => {
    w = await createWorld(db);
    const curator = await Device.open(db, w.users.curatorA);
    const later = randomUUID();
    // One by one, the first template points at one that does not exist yet: rejected (23503),
    // as it always was. A single INSERT would have accepted both.
    const template = (id: string, kind: string, basedOn: string | null) =>
      curator.insert('questionnaire_templates', {
        id,
        school_id: w.schoolA,
        kind,
        audience: 'mentor',
        title: `Анкета ${kind}`,
        items: [{ id: 'q1', type: 'open', text: { ru: 'Что получилось?' } }],
        based_on: basedOn,
      });
    const first = template(randomUUID(), 'exit', later);
    const second = template(later, 'entry', null);
    const res = await curator.push([first, second]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', '23503'],
      ['applied', undefined],
    ]);
  });
});
