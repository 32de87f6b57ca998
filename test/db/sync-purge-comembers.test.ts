// A purge after a lost scope keeps what is still in scope — including the co-members' cards
// a device holds only through its pair_member scopes (a mentee's mentor: she reads no other
// scope of that card). Regression: the purge compared the scope's participant id with
// pair_members ids and dropped every co-member's card for good.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import { purgeOutOfScope } from '@/data/syncStore';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, type World } from '../factories/sync';

let db: TestDb;
let world: World;

beforeAll(async () => {
  db = await createTestDb();
  world = await createWorld(db);
});
afterAll(async () => {
  await db?.close();
});

describe('purging what left the scopes', () => {
  it("keeps a mentee's mentor card, which she holds only as a co-member", async () => {
    const ctx = await openUserDataContext(
      `${world.users.menteeA}-${crypto.randomUUID()}`,
      world.schoolA,
    );
    const client = await createTestSupabaseClient(db, claimsOf(world.users.menteeA));
    const engine = new SyncEngine(ctx, createSyncTransport(client), { pullLimit: 1000 });
    await engine.syncOnce();
    expect(await ctx.db.participants.get(world.participants.mentorA)).toBeDefined();

    await purgeOutOfScope(ctx.db);

    expect(await ctx.db.participants.get(world.participants.mentorA)).toBeDefined();
    expect(await ctx.db.participants.get(world.participants.menteeA)).toBeDefined();
    // What she never could read stays away.
    expect(await ctx.db.participants.get(world.participants.mentor2A)).toBeUndefined();
  });
});
