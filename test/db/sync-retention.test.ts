// Logs that do not grow forever (issue 9): private.purge_sync_history deletes tombstones and
// mutation-log entries past the horizon, children before parents, and a device that fell
// behind the horizon resyncs through the real client engine without losing unsent writes.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import type { MeetingInput } from '@/domain/meetings';
import type { SyncTransport } from '@/domain/syncProtocol';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, countRows, createWorld, type World } from '../factories/sync';

const TODAY = '2026-11-25';
let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.exec('truncate auth.users cascade');
  await db.exec('truncate public.municipalities, public.schools cascade');
  await db.exec('truncate private.sync_mutations');
  w = await createWorld(db);
});

const meeting = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  notes: 'Разобрали задачи ОГЭ',
  ...overrides,
});

async function purge(keep = '90 days') {
  const { rows } = await db.asUser({ role: 'service_role' }, (s) =>
    s.query<{ r: { tombstones: number; mutations: number; horizons: Record<string, number> } }>(
      'select private.purge_sync_history($1::interval) as r',
      [keep],
    ),
  );
  return rows[0]!.r;
}

/** Deletes a row as a client would (a tombstone), then dates the delete `ago` back. */
async function tombstone(table: string, id: string, ago: string) {
  await db.exec(
    `update public.${table} set deleted_at = now() - interval '${ago}' where id = '${id}'`,
  );
}

async function version(table: string, id: string): Promise<number> {
  const { rows } = await db.query<{ v: string }>(
    `select version::text as v from public.${table} where id = $1`,
    [id],
  );
  return Number(rows[0]!.v);
}

async function newMeeting(pairId: string, notes = 'встреча'): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into public.meetings (id, school_id, pair_id, type, held_on, duration_min, notes)
     values ($1, $2, $3, 'regular', '2026-10-01', 30, $4)`,
    [id, w.schoolA, pairId, notes],
  );
  return id;
}

describe('private.purge_sync_history', () => {
  it('deletes old tombstones children first, keeps a row with live children and young tombstones, and trims the log', async () => {
    const withNote = await newMeeting(w.pairs.p2);
    const noteId = randomUUID();
    await db.exec(`
      insert into public.meeting_private_notes (id, school_id, pair_id, meeting_id, body, created_by)
      values ('${noteId}', '${w.schoolA}', '${w.pairs.p2}', '${withNote}', 'старая заметка', '${w.users.mentor2A}');
    `);
    const young = await newMeeting(w.pairs.p2);
    // Old tombstones: a note and its meeting (both go), a meeting whose note is live (stays).
    await tombstone('meeting_private_notes', noteId, '120 days');
    await tombstone('meetings', withNote, '100 days');
    await tombstone('meetings', w.meetingP1, '200 days');
    await tombstone('meetings', young, '10 days');
    const purgedVersion = Math.max(
      await version('meeting_private_notes', noteId),
      await version('meetings', withNote),
    );
    await db.exec(`
      insert into private.sync_mutations (user_id, mutation_id, device_id, result, applied_at) values
        ('${w.users.mentorA}', gen_random_uuid(), gen_random_uuid(), '{}', now() - interval '91 days'),
        ('${w.users.mentorA}', gen_random_uuid(), gen_random_uuid(), '{}', now() - interval '89 days');
    `);

    const result = await purge('90 days');

    expect(result).toMatchObject({ tombstones: 2, mutations: 1 });
    expect(await countRows(db, 'meeting_private_notes', 'id = $1', [noteId])).toBe(0);
    expect(await countRows(db, 'meetings', 'id = $1', [withNote])).toBe(0);
    // meetingP1 is referenced by its (live) private note; the young tombstone is in time.
    expect(await countRows(db, 'meetings', 'id = any($1::uuid[])', [[w.meetingP1, young]])).toBe(2);
    expect(
      Number(
        (await db.query<{ n: string }>('select count(*)::text as n from private.sync_mutations'))
          .rows[0]!.n,
      ),
    ).toBe(1);
    const { rows } = await db.query<{ p: string }>(
      'select purged_before_version::text as p from private.school_sync_versions where school_id = $1',
      [w.schoolA],
    );
    expect(Number(rows[0]!.p)).toBe(purgedVersion);
    expect(result.horizons).toEqual({ [w.schoolA]: purgedVersion });

    // Once the live child is gone too, a later run takes the parent.
    await tombstone('meeting_private_notes', w.privateNoteP1, '100 days');
    expect(await purge('90 days')).toMatchObject({ tombstones: 2 });
    expect(await countRows(db, 'meetings', 'id = $1', [w.meetingP1])).toBe(0);
  });
});

describe('a device that fell behind the retention horizon', () => {
  it('is told to resync, pulls its school again, and keeps and then sends its unsent writes', async () => {
    const doomed = await newMeeting(w.pairs.p1, 'удалят и забудут');
    const ctx = await openUserDataContext(`${w.users.mentorA}-${randomUUID()}`, w.schoolA);
    const client = await createTestSupabaseClient(db, claimsOf(w.users.mentorA));
    const real = createSyncTransport(client);
    let resyncs = 0;
    let writtenDuringResync: string | undefined;
    const transport: SyncTransport = {
      push: (deviceId, mutations) => real.push(deviceId, mutations),
      pull: async (cursors, limit) => {
        const page = await real.pull(cursors, limit);
        if (page.resync_required) {
          resyncs++;
          // The user writes while the device is being reset: that write is unsent now.
          writtenDuringResync = (
            await logMeeting(
              ctx,
              w.pairs.p1,
              meeting({ notes: 'Во время пересинхронизации' }),
              TODAY,
            )
          ).id;
        }
        return page;
      },
    };
    const engine = new SyncEngine(ctx, transport, { pullLimit: 1000 });
    await engine.syncOnce();
    expect(await ctx.db.meetings.get(doomed)).toBeTruthy();

    // Offline for months: the meeting is deleted elsewhere, and the tombstone is purged.
    await tombstone('meetings', doomed, '120 days');
    expect((await purge('90 days')).tombstones).toBe(1);
    const offline = await logMeeting(ctx, w.pairs.p1, meeting({ notes: 'Записано офлайн' }), TODAY);

    await engine.syncOnce();
    expect(resyncs).toBe(1);
    // The purged delete is applied by the resync: the device no longer has the row.
    expect(await ctx.db.meetings.get(doomed)).toBeUndefined();
    // The write made before the round was sent; the one made during the reset is kept...
    const kept = await ctx.db.meetings.get(writtenDuringResync!);
    expect(kept?.notes).toBe('Во время пересинхронизации');
    expect(await ctx.db.outbox.count()).toBe(1);
    // ...and sent by the next round.
    await engine.syncOnce();
    expect(await ctx.db.outbox.count()).toBe(0);
    const { rows } = await db.query<{ id: string; notes: string }>(
      'select id, notes from public.meetings where pair_id = $1 and deleted_at is null order by id',
      [w.pairs.p1],
    );
    expect(rows.filter((r) => r.id === offline.id || r.id === writtenDuringResync)).toHaveLength(2);
    // The device equals the server for the pair.
    const local = (await ctx.db.meetings.toArray())
      .filter((m) => m.pair_id === w.pairs.p1 && !m.deleted_at)
      .map((m) => m.id)
      .sort();
    expect(local).toEqual(rows.map((r) => r.id).sort());
  });
});
