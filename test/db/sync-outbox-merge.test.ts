// Unsent edits of one row reach the server as one mutation (counted in the server's own
// mutation log), and an edit made while a batch is in flight is never folded into it.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext, type DataContext } from '@/data/context';
import { logMeeting, updateMeeting } from '@/data/repos/meetings';
import type { MeetingInput } from '@/domain/meetings';
import type { SyncTransport } from '@/domain/syncProtocol';
import type { Meeting } from '@/domain/types';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, serverRow, type World } from '../factories/sync';

const TODAY = '2026-11-25';
let db: TestDb;
let world: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.exec('truncate auth.users cascade');
  await db.exec('truncate public.municipalities, public.schools cascade');
  world = await createWorld(db);
});

async function mentorDevice(beforePush?: () => Promise<void>) {
  const ctx = await openUserDataContext(
    `${world.users.mentorA}-${crypto.randomUUID()}`,
    world.schoolA,
  );
  const real = createSyncTransport(
    await createTestSupabaseClient(db, claimsOf(world.users.mentorA)),
  );
  const transport: SyncTransport = {
    async push(deviceId, mutations) {
      await beforePush?.();
      return real.push(deviceId, mutations);
    },
    pull: (cursors, limit) => real.pull(cursors, limit),
  };
  return { ctx, engine: new SyncEngine(ctx, transport) };
}

const meeting = (n: number): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 30 + n,
  format: 'in_person',
  notes: `Встреча ${n}`,
});

async function mutationsFrom(ctx: DataContext): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from private.sync_mutations where device_id = $1',
    [ctx.deviceId],
  );
  return rows[0]!.n;
}

async function edit(ctx: DataContext, id: string, changes: Partial<MeetingInput>) {
  const row = (await ctx.db.meetings.get(id)) as Meeting;
  const input: MeetingInput = {
    type: row.type,
    held_on: row.held_on,
    duration_min: row.duration_min,
    format: row.format,
    topic: row.topic,
    notes: row.notes,
  };
  await updateMeeting(ctx, id, { ...input, ...changes }, TODAY);
}

describe('the outbox merges unsent edits of a row', () => {
  it('sends one mutation per row for many offline edits', async () => {
    const mentor = await mentorDevice();
    await mentor.engine.syncOnce();
    const synced = [];
    for (let n = 0; n < 3; n++)
      synced.push(await logMeeting(mentor.ctx, world.pairs.p1, meeting(n), TODAY));
    await mentor.engine.syncOnce();
    expect(await mutationsFrom(mentor.ctx)).toBe(3);

    // Offline: 10 rounds of edits over the three meetings, and a new one edited 5 times.
    for (let round = 0; round < 10; round++) {
      for (const row of synced) {
        await edit(
          mentor.ctx,
          row.id,
          round % 2 ? { topic: `Тема ${round}` } : { notes: `Итог ${round}` },
        );
      }
    }
    const fresh = await logMeeting(mentor.ctx, world.pairs.p1, meeting(9), TODAY);
    for (let n = 0; n < 5; n++) await edit(mentor.ctx, fresh.id, { duration_min: 60 + n });
    expect(await mentor.ctx.db.outbox.count()).toBe(4);

    const round = await mentor.engine.syncOnce();

    expect(round).toMatchObject({ pushed: 4, rejected: 0, conflicts: 0 });
    expect(await mutationsFrom(mentor.ctx)).toBe(3 + 4);
    for (const row of synced) {
      expect(await serverRow(db, 'meetings', row.id)).toMatchObject({
        topic: 'Тема 9',
        notes: 'Итог 8',
      });
    }
    expect(await serverRow(db, 'meetings', fresh.id)).toMatchObject({ duration_min: 64 });
  });

  it('an edit made while its row is in flight is sent after it, not folded into it', async () => {
    let editDuringPush = true;
    const mentor = await mentorDevice(async () => {
      if (!editDuringPush) return;
      editDuringPush = false;
      await edit(mentor.ctx, world.meetingP1, { notes: 'Второе, пока первое в пути' });
    });
    editDuringPush = false;
    await mentor.engine.syncOnce();
    await edit(mentor.ctx, world.meetingP1, { notes: 'Первое' });
    editDuringPush = true;

    await mentor.engine.syncOnce();

    expect(await mutationsFrom(mentor.ctx)).toBe(2);
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    expect(await serverRow(db, 'meetings', world.meetingP1)).toMatchObject({
      notes: 'Второе, пока первое в пути',
    });
    expect((await mentor.ctx.db.meetings.get(world.meetingP1))?.notes).toBe(
      'Второе, пока первое в пути',
    );
  });
});
