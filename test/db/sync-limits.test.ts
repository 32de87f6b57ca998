// What a client may send to sync_push (issue 10, "every input has a limit with a clear
// refusal"): a malformed or oversized mutation is refused alone, an oversized call fails
// whole with a hint, and a caller without a membership writes nothing, not even a log entry.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  countRows,
  createWorld,
  Device,
  serverRow,
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

const loggedFor = async (userId: string) =>
  Number(
    (
      await db.query<{ n: string }>(
        'select count(*)::text as n from private.sync_mutations where user_id = $1',
        [userId],
      )
    ).rows[0]!.n,
  );

describe('sync_push: malformed mutations are refused alone', () => {
  it('refuses an out-of-range, negative, fractional or string seq as invalid_mutation and applies the rest', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const edit = (notes: string, seq: unknown): Mutation =>
      ({
        ...mentor.patch('meetings', w.meetingP1, { notes }, { notes: null }),
        seq,
      }) as unknown as Mutation;
    const good = mentor.patch(
      'meetings',
      w.meetingP1,
      { topic: 'Первая' },
      { topic: 'Знакомство' },
    );
    // Another pair's meeting: refused by RLS as before, next to the malformed ones.
    const invisible = mentor.patch(
      'meetings',
      w.meetingP2,
      { topic: 'x' },
      { topic: 'Знакомство' },
    );
    const res = await mentor.push([
      good,
      edit('huge', 1e30),
      edit('negative', -1),
      edit('fraction', 1.5),
      edit('string', '5'),
      edit('too big for bigint', 2 ** 64),
      invisible,
      { ...edit('no seq', null), seq: undefined } as unknown as Mutation,
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', '42501'],
      ['applied', undefined],
    ]);
    expect(res.results[1]!.message).toMatch(/seq must be an integer/);
    expect(await serverRow(db, 'meetings', w.meetingP1)).toMatchObject({
      topic: 'Первая',
      notes: 'no seq',
    });
  });

  it('refuses fields or base over 64 KB as too_large, alone, with a clear message', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const big = 'я'.repeat(40_000); // 80,000 bytes in UTF-8
    const res = await mentor.push([
      mentor.patch('meetings', w.meetingP1, { notes: big }, { notes: null }),
      mentor.patch('meetings', w.meetingP1, { notes: 'коротко' }, { notes: big }),
      mentor.insert('meetings', {
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-01',
        duration_min: 30,
        notes: big,
      }),
      mentor.patch('meetings', w.meetingP1, { topic: 'После' }, { topic: 'Знакомство' }),
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'too_large'],
      ['rejected', 'too_large'],
      ['rejected', 'too_large'],
      ['applied', undefined],
    ]);
    expect(res.results[0]!.message).toMatch(/at most 64 KB \(65536 bytes\).*8\d{4} bytes/);
    expect(await countRows(db, 'meetings', 'pair_id = $1', [w.pairs.p1])).toBe(1);
    // Final like every rejection: a replay answers the stored refusal.
    const replay = await mentor.push([
      {
        ...mentor.patch('meetings', w.meetingP1, { notes: big }, { notes: null }),
        mutation_id: res.results[0]!.mutation_id,
      },
    ]);
    expect(replay.results[0]).toMatchObject({
      status: 'duplicate',
      original_status: 'rejected',
      code: 'too_large',
    });
  });

  it('fails a call over 2 MB whole with 54000 batch_too_large and a hint, logging nothing', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const chunk = 'ж'.repeat(30_000); // 60,000 bytes: each mutation is within its own limit
    const batch = Array.from({ length: 36 }, () =>
      mentor.patch('meetings', w.meetingP1, { notes: chunk }, { notes: null }),
    );
    const err = await mentor.push(batch).then(
      () => undefined,
      (e: { code?: string; message?: string; hint?: string }) => e,
    );
    expect(err).toMatchObject({ code: '54000', message: 'batch_too_large' });
    expect(err!.hint).toMatch(/at most 2 MB/);
    expect(await loggedFor(w.users.mentorA)).toBe(0);
    // In smaller calls the same mutations are answered one by one (here refused by the
    // column's own length rule, which is not the call's business).
    const smaller = await mentor.push(batch.slice(0, 2));
    expect(smaller.results.map((r) => r.mutation_id)).toEqual(
      batch.slice(0, 2).map((m) => m.mutation_id),
    );
  });
});

describe('sync_push: a caller without a membership', () => {
  it('has every mutation refused with 42501 no_membership and writes nothing into the log', async () => {
    w = await createWorld(db);
    const stranger = randomUUID();
    await db.exec(
      `insert into auth.users (id, aud, role, is_anonymous) values ('${stranger}', 'authenticated', 'authenticated', true)`,
    );
    const device = await Device.open(db, stranger);
    const batch = Array.from({ length: 50 }, () =>
      device.insert('meetings', {
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-01',
        duration_min: 30,
      }),
    );
    const res = await device.push([...batch, { mutation_id: 'not-a-uuid' } as unknown as Mutation]);
    expect(res.results).toHaveLength(51);
    expect(new Set(res.results.map((r) => `${r.status} ${r.code} ${r.message}`))).toEqual(
      new Set(['rejected 42501 no_membership']),
    );
    expect(res.results[0]!.mutation_id).toBe(batch[0]!.mutation_id);
    expect(Object.keys(res)).toEqual(['results']);
    expect(await loggedFor(stranger)).toBe(0);

    // A revoked member is a stranger too.
    const mentor = await Device.open(db, w.users.mentorA);
    await db.exec(
      `update public.memberships set revoked_at = now() where user_id = '${w.users.mentorA}'`,
    );
    const late = await mentor.push([
      mentor.patch('meetings', w.meetingP1, { notes: 'после отзыва' }, { notes: null }),
    ]);
    expect(late.results[0]).toMatchObject({
      status: 'rejected',
      code: '42501',
      message: 'no_membership',
    });
    expect(await loggedFor(w.users.mentorA)).toBe(0);
  });
});
