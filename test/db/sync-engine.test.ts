// The device's sync engine (src/sync, src/data) against the real sync RPCs through
// supabase-js and the PostgREST harness: the scenarios of SYNC.md "What proves it".
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext, type DataContext } from '@/data/context';
import { deleteMeeting, logMeeting, updateMeeting } from '@/data/repos/meetings';
import type { MeetingInput } from '@/domain/meetings';
import { SyncError } from '@/domain/syncProtocol';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient, type TestClientOptions } from '../support/postgrest';
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

async function device(userId: string, options: TestClientOptions = {}): Promise<Device> {
  // A fresh phone: one database per test and device.
  const ctx = await openUserDataContext(`${userId}-${crypto.randomUUID()}`, world.schoolA);
  const client = await createTestSupabaseClient(db, claimsOf(userId), options);
  return { ctx, engine: new SyncEngine(ctx, createSyncTransport(client), { pullLimit: 1000 }) };
}

const meeting = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  notes: 'Разобрали задачи ОГЭ',
  ...overrides,
});

async function serverMeetings(pairId: string) {
  const { rows } = await db.query<{ id: string; notes: string | null; deleted_at: string | null }>(
    'select id, notes, deleted_at from public.meetings where pair_id = $1 order by held_on, id',
    [pairId],
  );
  return rows;
}

describe('a mentor offline, then online', () => {
  it('logs a meeting offline and it arrives on the server once, stamped', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    expect(await mentor.ctx.db.pairs.get(world.pairs.p1)).toBeTruthy();

    const logged = await logMeeting(mentor.ctx, world.pairs.p1, meeting(), TODAY);
    expect(await mentor.ctx.db.outbox.count()).toBe(1);

    const round = await mentor.engine.syncOnce();
    expect(round.rejected).toBe(0);
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    expect((await serverMeetings(world.pairs.p1)).filter((m) => m.id === logged.id)).toEqual([
      { id: logged.id, notes: 'Разобрали задачи ОГЭ', deleted_at: null },
    ]);
    const local = await mentor.ctx.db.meetings.get(logged.id);
    expect(local?.version).toBeGreaterThan(0);
  });

  it('never gets another pair’s meetings or the school of another curator', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    const ids = (await mentor.ctx.db.meetings.toArray()).map((m) => m.id);
    expect(ids).toContain(world.meetingP1);
    expect(ids).not.toContain(world.meetingP2);
    expect(ids).not.toContain(world.meetingB);
  });
});

describe('faults between device and server', () => {
  it('a response lost after the server committed: the retry is a duplicate, data is there once', async () => {
    let drop = true;
    const mentor = await device(world.users.mentorA, {
      onResponse: (req) => (req.target === 'sync_push' && drop ? 'drop' : 'deliver'),
    });
    await mentor.engine.syncOnce();
    const logged = await logMeeting(mentor.ctx, world.pairs.p1, meeting(), TODAY);

    const failed = mentor.engine.syncOnce();
    await expect(failed).rejects.toBeInstanceOf(SyncError);
    await expect(failed).rejects.toMatchObject({ reason: 'network', retryable: true });
    expect(await mentor.ctx.db.outbox.count()).toBe(1);
    expect(await serverMeetings(world.pairs.p1)).toContainEqual(
      expect.objectContaining({ id: logged.id }),
    );

    drop = false;
    await mentor.engine.syncOnce();
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    expect((await serverMeetings(world.pairs.p1)).filter((m) => m.id === logged.id)).toHaveLength(
      1,
    );
  });

  it('a page lost mid-pull: the next round resumes from the saved cursor, each row once', async () => {
    await db.exec(`insert into public.meetings (school_id, pair_id, type, held_on, duration_min)
      select '${world.schoolA}', '${world.pairs.p1}', 'regular', date '2026-10-01' + g, 30
      from generate_series(1, 120) g`);
    let pulls = 0;
    const ctxDevice = await device(world.users.mentorA, {
      onResponse: (req) => (req.target === 'sync_pull' && ++pulls === 2 ? 'drop' : 'deliver'),
    });
    const engine = new SyncEngine(ctxDevice.ctx, ctxDevice.engine['transport'], { pullLimit: 10 });
    await expect(engine.syncOnce()).rejects.toBeInstanceOf(SyncError);
    const afterFirstPage = await ctxDevice.ctx.db.meetings.count();
    expect(afterFirstPage).toBeGreaterThan(0);

    await engine.syncOnce();
    const server = await db.query<{ n: string }>(
      'select count(*)::text as n from public.meetings where pair_id = $1',
      [world.pairs.p1],
    );
    expect(await ctxDevice.ctx.db.meetings.count()).toBe(Number(server.rows[0]?.n));
  });

  it('an expired token stops the round without losing the outbox', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await logMeeting(mentor.ctx, world.pairs.p1, meeting(), TODAY);
    const expired = await device(world.users.mentorA, { now: () => Date.now() + 48 * 3600_000 });
    const engine = new SyncEngine(mentor.ctx, expired.engine['transport']);
    await expect(engine.syncOnce()).rejects.toMatchObject({ reason: 'auth', retryable: false });
    expect(await mentor.ctx.db.outbox.count()).toBe(1);
  });

  it('one poison mutation is quarantined with its text; the rest of the batch applies', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    const good = await logMeeting(mentor.ctx, world.pairs.p1, meeting(), TODAY);
    // A meeting in a pair that is not the mentor's: RLS refuses it on the server.
    await mentor.ctx.db.pairs.put({
      ...(await mentor.ctx.db.pairs.get(world.pairs.p1))!,
      id: world.pairs.p2,
    });
    const poison = await logMeeting(
      mentor.ctx,
      world.pairs.p2,
      meeting({ notes: 'Текст, который нельзя потерять' }),
      TODAY,
    );
    const alsoGood = await logMeeting(
      mentor.ctx,
      world.pairs.p1,
      meeting({ held_on: '2026-11-21' }),
      TODAY,
    );

    const round = await mentor.engine.syncOnce();
    expect(round.rejected).toBe(1);
    const ids = (await serverMeetings(world.pairs.p1)).map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([good.id, alsoGood.id]));
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    const [quarantined] = await mentor.ctx.db.quarantine.toArray();
    expect(quarantined).toMatchObject({
      row_id: poison.id,
      code: '42501',
      reason: 'rejected',
      fields: expect.objectContaining({ notes: 'Текст, который нельзя потерять' }),
    });
  });
});

describe('two devices of one mentor (phone and tablet)', () => {
  it('different fields edited offline both survive, and both devices converge', async () => {
    const mentor = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();
    const base = {
      type: 'organisational' as const,
      held_on: '2026-09-10',
      duration_min: 45,
      format: 'in_person' as const,
      topic: 'Знакомство',
    };

    await updateMeeting(
      mentor.ctx,
      world.meetingP1,
      { ...base, notes: 'Заметки наставника' },
      TODAY,
    );
    await updateMeeting(
      tablet.ctx,
      world.meetingP1,
      { ...base, agreements: 'Встречаться по средам' },
      TODAY,
    );
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();
    await mentor.engine.syncOnce();

    for (const d of [mentor, tablet]) {
      expect(await d.ctx.db.meetings.get(world.meetingP1)).toMatchObject({
        notes: 'Заметки наставника',
        agreements: 'Встречаться по средам',
      });
    }
  });

  it('the same field: the first write wins, the other is kept as a conflict, all converge', async () => {
    const mentor = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();
    const base = {
      type: 'organisational' as const,
      held_on: '2026-09-10',
      duration_min: 45,
      format: 'in_person' as const,
    };

    await updateMeeting(mentor.ctx, world.meetingP1, { ...base, topic: 'Тема наставника' }, TODAY);
    await updateMeeting(tablet.ctx, world.meetingP1, { ...base, topic: 'Тема куратора' }, TODAY);
    await mentor.engine.syncOnce();
    const round = await tablet.engine.syncOnce();
    expect(round.conflicts).toBe(1);
    await mentor.engine.syncOnce();

    for (const d of [mentor, tablet]) {
      expect((await d.ctx.db.meetings.get(world.meetingP1))?.topic).toBe('Тема наставника');
    }
    const conflicts = await tablet.ctx.db.sync_conflicts.toArray();
    expect(conflicts).toEqual([
      expect.objectContaining({
        field: 'topic',
        client_value: 'Тема куратора',
        server_value: 'Тема наставника',
      }),
    ]);
  });

  it('a delete reaches the other device; an edit of the deleted meeting is kept as a conflict', async () => {
    const mentor = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();

    await deleteMeeting(tablet.ctx, world.meetingP1);
    await updateMeeting(
      mentor.ctx,
      world.meetingP1,
      {
        type: 'organisational',
        held_on: '2026-09-10',
        duration_min: 45,
        format: 'in_person',
        notes: 'Важные заметки',
      },
      TODAY,
    );
    await tablet.engine.syncOnce();
    const round = await mentor.engine.syncOnce();
    expect(round.conflicts).toBe(1);

    expect((await mentor.ctx.db.meetings.get(world.meetingP1))?.deleted_at).toEqual(
      expect.any(String),
    );
    const [conflict] = await mentor.ctx.db.sync_conflicts.toArray();
    expect(conflict).toMatchObject({ field: '*', row_id: world.meetingP1 });
    // The deleted meeting's text lives on nowhere on the server, not even in the conflict;
    // the mentor's own words stay on her phone, in the quarantine, to copy.
    expect(JSON.stringify(conflict)).not.toContain('Важные заметки');
    expect(JSON.stringify(await mentor.ctx.db.meetings.get(world.meetingP1))).not.toContain(
      'Важные заметки',
    );
    const kept = await mentor.ctx.db.quarantine.toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ code: 'row_deleted', row_id: world.meetingP1 });
    expect(JSON.stringify(kept[0]!.fields)).toContain('Важные заметки');
  });

  it('a pending local edit is rebased onto a newer server row, not overwritten', async () => {
    const mentor = await device(world.users.mentorA);
    const tablet = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    await tablet.engine.syncOnce();
    const base = {
      type: 'organisational' as const,
      held_on: '2026-09-10',
      duration_min: 45,
      format: 'in_person' as const,
      topic: 'Знакомство',
    };
    await updateMeeting(
      tablet.ctx,
      world.meetingP1,
      { ...base, agreements: 'Раз в неделю' },
      TODAY,
    );
    await tablet.engine.syncOnce();

    await updateMeeting(mentor.ctx, world.meetingP1, { ...base, notes: 'Пишу без сети' }, TODAY);
    // Pull only: the server row (with the tablet's agreements) arrives under the pending note.
    await mentor.engine['pull']({ pushed: 0, pulled: 0, rejected: 0, conflicts: 0 });
    expect(await mentor.ctx.db.meetings.get(world.meetingP1)).toMatchObject({
      notes: 'Пишу без сети',
      agreements: 'Раз в неделю',
    });
    expect(await mentor.ctx.db.outbox.count()).toBe(1);
  });
});

describe('membership changes', () => {
  it('a member removed while offline: school data purged, pending edits quarantined with text', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    expect(await mentor.ctx.db.meetings.count()).toBeGreaterThan(0);
    await logMeeting(mentor.ctx, world.pairs.p1, meeting({ notes: 'Написано до удаления' }), TODAY);
    await db.exec(
      `update public.memberships set revoked_at = now() where user_id = '${world.users.mentorA}'`,
    );

    const round = await mentor.engine.syncOnce();
    expect(round.rejected).toBe(1);
    expect(await mentor.ctx.db.pairs.count()).toBe(0);
    expect(await mentor.ctx.db.participants.count()).toBe(0);
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
    const kept = await mentor.ctx.db.quarantine.toArray();
    expect(kept.map((q) => q.fields.notes)).toEqual(['Написано до удаления']);

    // Access restored: the purged pair and its history come back.
    await db.exec(
      `update public.memberships set revoked_at = null where user_id = '${world.users.mentorA}'`,
    );
    await mentor.engine.syncOnce();
    expect(await mentor.ctx.db.pairs.get(world.pairs.p1)).toBeTruthy();
    expect(await mentor.ctx.db.meetings.get(world.meetingP1)).toBeTruthy();
  });

  it('two users of one phone never share a database or an outbox', async () => {
    const first = await openUserDataContext(world.users.mentorA, world.schoolA);
    const second = await openUserDataContext(world.users.mentor2A, world.schoolA);
    expect(first.db.name).not.toBe(second.db.name);
    await first.db.outbox.add({
      mutation_id: crypto.randomUUID(),
      table: 'meetings',
      row_id: crypto.randomUUID(),
      op: 'delete',
      fields: {},
      base: {},
      created_at: new Date().toISOString(),
    });
    expect(await second.db.outbox.count()).toBe(0);
    first.db.close();
    second.db.close();
  });
});

describe('volume', () => {
  it('2,000 offline edits reach the server after reconnecting', async () => {
    const mentor = await device(world.users.mentorA);
    await mentor.engine.syncOnce();
    for (let i = 0; i < 2000; i++) {
      await logMeeting(
        mentor.ctx,
        world.pairs.p1,
        meeting({ notes: `Встреча ${i}`, held_on: '2026-11-01' }),
        TODAY,
      );
    }
    const round = await mentor.engine.syncOnce();
    expect(round.pushed).toBe(2000);
    expect(round.rejected).toBe(0);
    const { rows } = await db.query<{ n: string }>(
      `select count(*)::text as n from public.meetings where pair_id = $1 and notes like 'Встреча %'`,
      [world.pairs.p1],
    );
    expect(Number(rows[0]?.n)).toBe(2000);
    expect(await mentor.ctx.db.outbox.count()).toBe(0);
  }, 300_000);
});
