// A change the server refuses, or that loses a three-way merge, leaves the device showing the
// server's row (the user's text waits in the quarantine or the conflict row), so the device
// converges with the server and the user's other devices.
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

interface Hooks {
  /** Runs before each sync_push reaches the server, and after its answer arrived. */
  beforePush?: (n: number) => Promise<void>;
  afterPush?: (n: number) => Promise<void>;
  beforePull?: (n: number) => Promise<void>;
}

async function device(userId: string, hooks: Hooks = {}) {
  const ctx = await openUserDataContext(`${userId}-${crypto.randomUUID()}`, world.schoolA);
  const real = createSyncTransport(await createTestSupabaseClient(db, claimsOf(userId)));
  let pushes = 0;
  let pulls = 0;
  const transport: SyncTransport = {
    async push(deviceId, mutations) {
      const n = ++pushes;
      await hooks.beforePush?.(n);
      const answer = await real.push(deviceId, mutations);
      await hooks.afterPush?.(n);
      return answer;
    },
    async pull(cursors, limit) {
      await hooks.beforePull?.(++pulls);
      return real.pull(cursors, limit);
    },
  };
  return { ctx, engine: new SyncEngine(ctx, transport) };
}

const revoke = (userId: string, revoked: boolean) =>
  db.exec(
    `update public.memberships set revoked_at = ${revoked ? 'now()' : 'null'}
     where user_id = '${userId}'`,
  );

function editOf(row: Meeting, changes: Partial<MeetingInput>): MeetingInput {
  return {
    type: row.type,
    held_on: row.held_on,
    duration_min: row.duration_min,
    format: row.format,
    topic: row.topic,
    notes: row.notes,
    ...changes,
  };
}

const visible = (row: { notes?: unknown; topic?: unknown; deleted_at?: unknown } | undefined) => ({
  notes: row?.notes ?? null,
  topic: row?.topic ?? null,
  deleted_at: row?.deleted_at ?? null,
});

async function localMeeting(ctx: DataContext, id: string) {
  return (await ctx.db.meetings.get(id)) as Meeting;
}

describe('a refused change puts the row back to the server version', () => {
  it('an edit refused while the membership was revoked: the device shows the server row, the quarantine the text', async () => {
    let revokeNext = false;
    const mentor = await device(world.users.mentor2A, {
      beforePush: async () => {
        if (revokeNext) await revoke(world.users.mentor2A, true);
      },
      afterPush: async () => {
        if (revokeNext) await revoke(world.users.mentor2A, false);
      },
    });
    await mentor.engine.syncOnce();
    const before = await localMeeting(mentor.ctx, world.meetingP2);
    await updateMeeting(
      mentor.ctx,
      world.meetingP2,
      editOf(before, { notes: 'Написано, пока доступ был отозван' }),
      TODAY,
    );

    revokeNext = true;
    const round = await mentor.engine.syncOnce();
    revokeNext = false;

    expect(round.rejected).toBe(1);
    const server = await serverRow(db, 'meetings', world.meetingP2);
    expect(visible(await localMeeting(mentor.ctx, world.meetingP2))).toEqual(visible(server));
    expect(server?.notes).toBeNull();
    const quarantine = await mentor.ctx.db.quarantine.toArray();
    expect(quarantine).toEqual([
      expect.objectContaining({
        row_id: world.meetingP2,
        reason: 'rejected',
        fields: { notes: 'Написано, пока доступ был отозван' },
      }),
    ]);
    // And it stays so: nothing is left to send, another round changes nothing.
    await mentor.engine.syncOnce();
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    expect(visible(await localMeeting(mentor.ctx, world.meetingP2))).toEqual(visible(server));
  });

  it('a refused insert leaves no row on the device; its text is in the quarantine', async () => {
    let revokeNext = false;
    const mentor = await device(world.users.mentor2A, {
      beforePush: async () => {
        if (revokeNext) await revoke(world.users.mentor2A, true);
      },
      afterPush: async () => {
        if (revokeNext) await revoke(world.users.mentor2A, false);
      },
    });
    await mentor.engine.syncOnce();
    const logged = await logMeeting(
      mentor.ctx,
      world.pairs.p2,
      {
        type: 'regular',
        held_on: '2026-11-20',
        duration_min: 45,
        format: 'online',
        notes: 'Новая встреча',
      },
      TODAY,
    );
    revokeNext = true;
    await mentor.engine.syncOnce();

    expect(await serverRow(db, 'meetings', logged.id)).toBeUndefined();
    expect(await mentor.ctx.db.meetings.get(logged.id)).toBeUndefined();
    const [kept] = await mentor.ctx.db.quarantine.toArray();
    expect(kept).toMatchObject({
      row_id: logged.id,
      op: 'insert',
      fields: { notes: 'Новая встреча' },
    });
  });

  it('an edit made while the refused one was in flight is rebased on the server row and sent', async () => {
    const mentor: Awaited<ReturnType<typeof device>> = await device(world.users.mentor2A, {
      beforePush: async (n) => {
        if (n !== 1) return;
        await revoke(world.users.mentor2A, true);
        const row = await localMeeting(mentor.ctx, world.meetingP2);
        await updateMeeting(mentor.ctx, world.meetingP2, editOf(row, { topic: 'Цели' }), TODAY);
      },
      afterPush: async (n) => (n === 1 ? revoke(world.users.mentor2A, false) : undefined),
    });
    await mentor.engine.syncOnce();
    const before = await localMeeting(mentor.ctx, world.meetingP2);
    await updateMeeting(mentor.ctx, world.meetingP2, editOf(before, { notes: 'Отклонят' }), TODAY);
    // The first sync had nothing to send: the next push is the first, the refused one.
    await mentor.engine.syncOnce();

    const server = await serverRow(db, 'meetings', world.meetingP2);
    expect(server).toMatchObject({ topic: 'Цели', notes: null });
    expect(visible(await localMeeting(mentor.ctx, world.meetingP2))).toEqual(visible(server));
    expect((await mentor.ctx.db.quarantine.toArray()).map((q) => q.fields)).toEqual([
      { notes: 'Отклонят' },
    ]);
  });

  it('a field that lost the merge shows the server value; the conflict row keeps the text', async () => {
    const phone = await device(world.users.mentorA);
    let writeDuringPull = false;
    const tablet: Awaited<ReturnType<typeof device>> = await device(world.users.mentorA, {
      beforePull: async () => {
        if (!writeDuringPull) return;
        writeDuringPull = false;
        // Written after this round's push, before its pull brings the phone's edit.
        const row = await localMeeting(tablet.ctx, world.meetingP1);
        await updateMeeting(tablet.ctx, world.meetingP1, editOf(row, { notes: 'Планшет' }), TODAY);
      },
    });
    await phone.engine.syncOnce();
    await tablet.engine.syncOnce();
    const row = await localMeeting(phone.ctx, world.meetingP1);
    await updateMeeting(phone.ctx, world.meetingP1, editOf(row, { notes: 'Телефон' }), TODAY);
    await phone.engine.syncOnce();

    writeDuringPull = true;
    await tablet.engine.syncOnce();
    // The pulled row was rebased under the pending edit.
    expect((await localMeeting(tablet.ctx, world.meetingP1)).notes).toBe('Планшет');
    const round = await tablet.engine.syncOnce();

    expect(round.conflicts).toBe(1);
    const server = await serverRow(db, 'meetings', world.meetingP1);
    expect(server?.notes).toBe('Телефон');
    expect(visible(await localMeeting(tablet.ctx, world.meetingP1))).toEqual(visible(server));
    const conflicts = await tablet.ctx.db.sync_conflicts.toArray();
    expect(conflicts.map((c) => [c.row_id, c.client_value])).toEqual([
      [world.meetingP1, 'Планшет'],
    ]);
  });
});
