// Data written in device-only mode before the first sign-in is offered for upload into the
// user's school, and arrives there through the normal sync.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openDataContext, openUserDataContext } from '@/data/context';
import { deviceOnlyRowCount, uploadDeviceOnlyData } from '@/data/deviceUpload';
import { logMeeting } from '@/data/repos/meetings';
import { SyncEngine } from '@/sync/engine';
import { aPairWithPeople } from '../unit/data/context';
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

describe('device-only data after the first sign-in', () => {
  it('is uploaded into the curator’s school; what the server refuses stays, with its text', async () => {
    const device = await openDataContext(`device-${crypto.randomUUID()}`);
    const { pair, mentee } = await aPairWithPeople(device);
    await logMeeting(
      device,
      pair.id,
      {
        type: 'organisational',
        held_on: '2026-11-20',
        duration_min: 45,
        format: 'in_person',
        notes: 'Записано до входа',
        private_note: 'Только для меня',
      },
      '2026-11-25',
    );
    expect(await deviceOnlyRowCount(device.db)).toBe(9);

    const curator = await openUserDataContext(
      `${world.users.curatorA}-${crypto.randomUUID()}`,
      world.schoolA,
    );
    expect(await uploadDeviceOnlyData(device.db, curator)).toBe(9);
    expect(await deviceOnlyRowCount(device.db)).toBe(0);

    const client = await createTestSupabaseClient(db, claimsOf(world.users.curatorA));
    const round = await new SyncEngine(curator, createSyncTransport(client)).syncOnce();
    // A curator's meeting is one entered from a paper log (the server marks it); a private
    // note is a mentor's alone: that row is refused and kept with its text.
    expect(round.rejected).toBe(1);
    const refused = await curator.db.quarantine.toArray();
    expect(refused.map((q) => [q.table, q.code])).toEqual([['meeting_private_notes', '42501']]);
    expect(refused.map((q) => q.fields.body)).toEqual(['Только для меня']);
    const meetings = await db.query<{ notes: string; entered_by_staff: boolean }>(
      'select notes, entered_by_staff from public.meetings where pair_id = $1',
      [pair.id],
    );
    expect(meetings.rows).toEqual([{ notes: 'Записано до входа', entered_by_staff: true }]);
    const { rows } = await db.query<{ school_id: string; full_name: string }>(
      'select school_id, full_name from public.participants where id = $1',
      [mentee.id],
    );
    expect(rows).toEqual([{ school_id: world.schoolA, full_name: 'Смирнова Анна' }]);
    const members = await db.query<{ side: string }>(
      'select side from public.pair_members where pair_id = $1 order by side',
      [pair.id],
    );
    expect(members.rows).toEqual([{ side: 'mentee' }, { side: 'mentor' }]);
  });
});
