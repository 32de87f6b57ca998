// Dexie v6: a group meeting's attendee_ids leave the meeting row for meeting_attendances,
// one row per mentee who came, each queued as an insert after what was already queued, so
// nothing recorded on the device is lost; the column leaves the queued and refused changes
// and the shadows (the server no longer takes it).
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase, userDatabaseName } from '@/data/db';
import { SENT_THROUGH_KEY, shadowKey } from '@/data/outbox';

/** The database as version 5 shipped it (the stores of db.ts v1 to v5). */
function versionFive(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    participants: 'id, school_id, version, full_name',
    consents: 'id, participant_id, version',
    pairs: 'id, school_id, version',
    pair_members: 'id, pair_id, participant_id, version',
    development_plans: 'id, pair_id, version',
    plan_tasks: 'id, plan_id, pair_id, version',
    meetings: 'id, [pair_id+held_on], version',
    meeting_private_notes: 'id, meeting_id, pair_id, version',
    outbox: '++seq, &mutation_id, [table+row_id]',
    drafts: 'key',
    meta: 'key',
  });
  db.version(2).stores({
    schools: 'id, version',
    memberships: 'id, school_id, version',
    sync_conflicts: 'id, [table_name+row_id], version',
    participant_sensitive: 'id, participant_id, version',
    programmes: 'id, school_id, version',
    roadmap_tasks: 'id, programme_id, version',
    mentor_change_requests: 'id, pair_id, version',
    plan_goals: 'id, plan_id, pair_id, version',
    questionnaire_templates: 'id, school_id, version',
    questionnaire_responses: 'id, pair_id, participant_id, version',
    mentor_trainings: 'id, participant_id, version',
    quarantine: 'mutation_id, [table+row_id]',
  });
  db.version(3).stores({
    meeting_confirmations: 'id, meeting_id, pair_id, participant_id, version',
  });
  db.version(4).stores({
    triage_snoozes: 'id, school_id, version, item_key',
    meetings: 'id, [pair_id+held_on], version, [pair_id+type+held_on], [type+held_on], held_on',
  });
  db.version(5).stores({
    meetings:
      'id, [pair_id+held_on], version, [pair_id+type+held_on], [type+held_on], held_on, deleted_at',
    intakes: 'id, participant_id, version',
    school_documents: 'id, school_id, version',
    kpi_values: 'id, school_id, version',
  });
  return db;
}

const meeting = (id: string, extra: Record<string, unknown>) => ({
  id,
  school_id: 's1',
  pair_id: 'group1',
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  topic: null,
  notes: null,
  agreements: null,
  version: 0,
  deleted_at: null,
  created_at: '2026-11-20T10:00:00.000Z',
  updated_at: '2026-11-20T10:00:00.000Z',
  created_by: null,
  ...extra,
});

const entry = (
  mutation: string,
  row: string,
  op: string,
  fields: Record<string, unknown>,
  base: Record<string, unknown> = {},
) => ({
  mutation_id: mutation,
  table: 'meetings',
  row_id: row,
  op,
  fields,
  base,
  created_at: '2026-11-20T10:00:00.000Z',
});

/**
 * m-new: logged offline (insert queued, Анна and Катя came); m-synced: on the server, its
 * ticks changed offline twice (a patch that may have been sent, and one not sent yet), with
 * its shadow; m-old: an older meeting without attendance; m-gone: a tombstone; m-refused: a
 * refused patch in the quarantine.
 */
async function upgradedDevice() {
  const name = userDatabaseName(crypto.randomUUID());
  const old = versionFive(name);
  await old.open();
  await old.table('meetings').bulkPut([
    meeting('m-new', { attendee_ids: ['anna', 'kate'] }),
    meeting('m-synced', { version: 7, topic: 'Проект', attendee_ids: ['kate'] }),
    meeting('m-old', { version: 3 }),
    meeting('m-gone', { attendee_ids: ['anna'], deleted_at: '2026-11-21T10:00:00.000Z' }),
    meeting('m-refused', { version: 4, attendee_ids: ['anna'] }),
    // As the server sent it to a mentee of the group: nothing of hers to send.
    meeting('m-pulled', { version: 5, attendee_ids: ['anna', 'kate'] }),
  ]);
  await old.table('outbox').bulkAdd([
    entry('q1', 'm-new', 'insert', {
      school_id: 's1',
      pair_id: 'group1',
      attendee_ids: ['anna', 'kate'],
    }),
    entry('q2', 'm-synced', 'patch', { attendee_ids: ['anna', 'kate'] }, { attendee_ids: null }),
    entry(
      'q3',
      'm-synced',
      'patch',
      { topic: 'Проект', attendee_ids: ['kate'] },
      { topic: null, attendee_ids: ['anna', 'kate'] },
    ),
  ]);
  await old.table('meta').bulkPut([
    { key: SENT_THROUGH_KEY, value: 2 },
    {
      key: shadowKey('meetings', 'm-synced'),
      value: meeting('m-synced', { version: 7, attendee_ids: null }),
    },
  ]);
  await old.table('quarantine').put({
    ...entry(
      'r1',
      'm-refused',
      'patch',
      { notes: 'Итоги', attendee_ids: ['anna'] },
      { notes: null, attendee_ids: null },
    ),
    code: '42501',
    constraint: null,
    message: 'row_not_updatable',
    reason: 'rejected',
    quarantined_at: '2026-11-22T10:00:00.000Z',
  });
  old.close();
  const db = new AppDatabase(name);
  await db.open();
  return db;
}

describe('schema v6', () => {
  it('turns the device’s unsent attendee_ids into attendance rows and drops the column', async () => {
    const db = await upgradedDevice();
    for (const m of await db.meetings.toArray()) expect(m).not.toHaveProperty('attendee_ids');
    const rows = await db.meeting_attendances.toArray();
    // m-new was never sent, m-synced has a queued change of the ticks; m-refused and m-pulled
    // are as the server has them (its attendance comes from the server, if anyone's).
    expect(rows.map((r) => [r.meeting_id, r.participant_id]).sort()).toEqual([
      ['m-new', 'anna'],
      ['m-new', 'kate'],
      ['m-synced', 'kate'],
    ]);
    expect(rows.every((r) => r.school_id === 's1' && r.pair_id === 'group1' && !r.deleted_at)).toBe(
      true,
    );
    db.close();
  });

  it('queues every new row as an insert after what was queued before', async () => {
    const db = await upgradedDevice();
    const outbox = await db.outbox.orderBy('seq').toArray();
    const rows = await db.meeting_attendances.toArray();
    expect(
      outbox.map((e) => [e.mutation_id.length > 2 ? 'new' : e.mutation_id, e.table, e.op]),
    ).toEqual([
      ['q1', 'meetings', 'insert'],
      // q2 changed only the ticks but may have reached the server: kept, whose answer stands.
      ['q2', 'meetings', 'patch'],
      ['q3', 'meetings', 'patch'],
      ...rows.map(() => ['new', 'meeting_attendances', 'insert']),
    ]);
    expect(
      outbox
        .slice(3)
        .map((e) => e.row_id)
        .sort(),
    ).toEqual(rows.map((r) => r.id).sort());
    for (const e of outbox.slice(3)) {
      const row = rows.find((r) => r.id === e.row_id)!;
      expect(e.fields).toEqual({
        school_id: 's1',
        pair_id: 'group1',
        meeting_id: row.meeting_id,
        participant_id: row.participant_id,
      });
    }
    expect(outbox[0]!.fields).toEqual({ school_id: 's1', pair_id: 'group1' });
    expect(outbox[1]!.fields).toEqual({});
    expect(outbox[2]).toMatchObject({ fields: { topic: 'Проект' }, base: { topic: null } });
    db.close();
  });

  it('drops an unsent change of the ticks alone, and the column from shadows and the quarantine', async () => {
    const name = userDatabaseName(crypto.randomUUID());
    const old = versionFive(name);
    await old.open();
    await old.table('meetings').put(meeting('m1', { version: 2, attendee_ids: ['anna'] }));
    await old
      .table('outbox')
      .add(entry('q1', 'm1', 'patch', { attendee_ids: ['anna'] }, { attendee_ids: null }));
    await old.table('meta').put({
      key: shadowKey('meetings', 'm1'),
      value: meeting('m1', { version: 2, attendee_ids: null }),
    });
    old.close();
    const db = new AppDatabase(name);
    await db.open();
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.table)).toEqual(['meeting_attendances']);
    // No queued change of the meeting is left, so neither is its shadow.
    expect(await db.meta.get(shadowKey('meetings', 'm1'))).toBeUndefined();
    db.close();

    const device = await upgradedDevice();
    const shadow = (await device.meta.get(shadowKey('meetings', 'm-synced')))?.value;
    expect(shadow).toMatchObject({ id: 'm-synced', version: 7 });
    expect(shadow).not.toHaveProperty('attendee_ids');
    expect(await device.quarantine.get('r1')).toMatchObject({
      fields: { notes: 'Итоги' },
      base: { notes: null },
    });
    expect(JSON.stringify(await device.quarantine.toArray())).not.toContain('attendee_ids');
    device.close();
  });

  it('leaves a deleted meeting and a meeting without attendance as they were', async () => {
    const db = await upgradedDevice();
    expect(await db.meeting_attendances.where('meeting_id').anyOf('m-gone', 'm-old').count()).toBe(
      0,
    );
    expect(await db.meetings.get('m-old')).toMatchObject({ version: 3, deleted_at: null });
    db.close();
  });
});
