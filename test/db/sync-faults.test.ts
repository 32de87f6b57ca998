// SYNC.md "What proves it": the device's disk full during a pull, and a device whose clock is
// a day off. Real engine, real RPCs through supabase-js and the PostgREST harness, a real
// IndexedDB implementation (fake-indexeddb) whose object stores are made to refuse writes the
// way a full disk does.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext, type DataContext } from '@/data/context';
import { logMeeting, updateMeeting } from '@/data/repos/meetings';
import { SyncError } from '@/domain/syncProtocol';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, type World } from '../factories/sync';

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
  await db.exec(`truncate public.municipalities, public.schools cascade`);
  world = await createWorld(db);
});

interface Device {
  ctx: DataContext;
  engine: SyncEngine;
}

async function device(userId: string): Promise<Device> {
  const ctx = await openUserDataContext(`${userId}-${crypto.randomUUID()}`, world.schoolA);
  const client = await createTestSupabaseClient(db, claimsOf(userId));
  return { ctx, engine: new SyncEngine(ctx, createSyncTransport(client), { pullLimit: 1000 }) };
}

const meeting = (notes: string) => ({
  type: 'regular' as const,
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person' as const,
  notes,
});

async function serverMeetingIds(pairIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'select id from public.meetings where pair_id = any($1) and deleted_at is null order by id',
    [pairIds],
  );
  return rows.map((r) => r.id);
}

describe('the disk is full during a pull', () => {
  const put = IDBObjectStore.prototype.put;
  let full: Set<string> = new Set();
  beforeEach(() => {
    full = new Set();
    // What a browser does when the origin's quota is used up: the request throws and the
    // transaction aborts with QuotaExceededError.
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (full.has(this.name)) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    } as typeof put;
  });
  afterEach(() => {
    IDBObjectStore.prototype.put = put;
  });

  it('keeps nothing of the page, loses no local write, says so, and resumes once there is space', async () => {
    const mentor = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();
    const cursorsBefore = await mentor.ctx.db.meta.get('sync_cursors');
    const localBefore = (await mentor.ctx.db.meetings.toArray()).map((m) => m.id);
    // Meanwhile the school's data grows on the server, and the phone logs a meeting offline.
    const fromTablet = await logMeeting(tablet.ctx, world.pairs.p1, meeting('С планшета'), TODAY);
    await tablet.engine.syncOnce();
    const logged = await logMeeting(mentor.ctx, world.pairs.p1, meeting('Без места'), TODAY);
    full.add('meetings');

    const failed = await mentor.engine.syncOnce().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(SyncError);
    expect(failed).toMatchObject({ reason: 'storage_full', retryable: true });
    // The push went through and its acknowledgement was stored; the page that did not fit
    // left nothing behind, not even its cursor, and the local meeting is still there.
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    expect(await mentor.ctx.db.meetings.get(fromTablet.id)).toBeUndefined();
    expect((await mentor.ctx.db.meetings.toArray()).map((m) => m.id).sort()).toEqual(
      [...localBefore, logged.id].sort(),
    );
    expect(await mentor.ctx.db.meta.get('sync_cursors')).toEqual(cursorsBefore);

    full.clear();
    const round = await mentor.engine.syncOnce();
    expect(round.rejected).toBe(0);
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    const onServer = await serverMeetingIds([world.pairs.p1]);
    expect(onServer.filter((id) => id === logged.id)).toHaveLength(1);
    const local = (await mentor.ctx.db.meetings.toArray()).map((m) => m.id).sort();
    expect(local).toEqual(onServer);
  });
});

describe('a device whose clock is a day off', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('cannot win by its clock: the first write the server commits wins, and all converge', async () => {
    const phone = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await phone.engine.syncOnce();
    await tablet.engine.syncOnce();
    const base = {
      type: 'organisational' as const,
      held_on: '2026-09-10',
      duration_min: 45,
      format: 'in_person' as const,
    };

    // The phone's clock runs a day ahead while it edits: its outbox entry looks "newer".
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 86_400_000 });
    await updateMeeting(
      phone.ctx,
      world.meetingP1,
      { ...base, topic: 'С телефона (часы +1 день)' },
      TODAY,
    );
    vi.useRealTimers();
    await updateMeeting(tablet.ctx, world.meetingP1, { ...base, topic: 'С планшета' }, TODAY);
    await tablet.engine.syncOnce();
    const round = await phone.engine.syncOnce();
    await tablet.engine.syncOnce();

    expect(round.conflicts).toBe(1);
    for (const d of [phone, tablet]) {
      expect((await d.ctx.db.meetings.get(world.meetingP1))?.topic).toBe('С планшета');
    }
    expect(await phone.ctx.db.sync_conflicts.toArray()).toEqual([
      expect.objectContaining({ field: 'topic', client_value: 'С телефона (часы +1 день)' }),
    ]);
    // The server stamps its own time, never the device's.
    const { rows } = await db.query<{ in_future: boolean }>(
      "select updated_at > now() + interval '1 minute' as in_future from public.meetings where id = $1",
      [world.meetingP1],
    );
    expect(rows[0]?.in_future).toBe(false);
  });
});
