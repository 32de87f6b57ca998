// A person in two schools switches her workspace: the same database, engine and outbox stay;
// new rows take the school she now acts in, and both schools' writes reach the server.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { activateSync, deactivateSync, switchSyncSchool } from '@/sync/runtime';
import type { SchedulerEnv } from '@/sync/scheduler';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, type World } from '../factories/sync';

let db: TestDb;
let world: World;

/** A scheduler that never fires on its own: the test runs the rounds. */
const stillEnv: SchedulerEnv = {
  setTimeout: () => null,
  clearTimeout: () => undefined,
  random: () => 0.5,
  isOnline: () => false,
  subscribe: () => () => undefined,
  withLeaderLock: (_name, work) => work(),
};

const student = (full_name: string) =>
  ({ kind: 'student', full_name, is_minor: false, is_mentor: false, is_mentee: true }) as const;

beforeAll(async () => {
  db = await createTestDb();
  world = await createWorld(db);
  // The curator of school A is also the curator of school B.
  await db.query(
    `insert into public.memberships (user_id, school_id, role) values ($1, $2, 'curator')`,
    [world.users.curatorA, world.schoolB],
  );
});
afterAll(async () => {
  deactivateSync();
  await db?.close();
});

describe('switching the workspace to another school', () => {
  it('keeps the outbox and gives new rows the chosen school', async () => {
    const client = await createTestSupabaseClient(db, claimsOf(world.users.curatorA));
    const active = await activateSync(
      client,
      world.users.curatorA,
      world.schoolA,
      { onEvent: () => undefined, onCounts: () => undefined },
      stillEnv,
    );
    const inA = await addParticipant(await appDataContext(), student('Ученица Школы А'));

    switchSyncSchool(world.schoolB);
    const ctx = await appDataContext();
    expect(ctx.db).toBe(active.ctx.db);
    expect(ctx.schoolId).toBe(world.schoolB);
    const inB = await addParticipant(ctx, student('Ученик Школы Б'));
    expect([inA.school_id, inB.school_id]).toEqual([world.schoolA, world.schoolB]);
    expect(await ctx.db.outbox.count()).toBe(2);

    await active.engine.syncOnce();
    const { rows } = await db.query<{ id: string; school_id: string }>(
      'select id, school_id from public.participants where id = any($1) order by full_name',
      [[inA.id, inB.id]],
    );
    expect(rows).toEqual([
      { id: inB.id, school_id: world.schoolB },
      { id: inA.id, school_id: world.schoolA },
    ]);
    expect(await ctx.db.outbox.count()).toBe(0);
  });
});
