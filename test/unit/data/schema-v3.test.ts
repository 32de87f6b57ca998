// Dexie v3: columns the server dropped leave the stored rows, and a request typed in
// device-only mode moves to participant_sensitive (the upload then sends it there).
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase, DEVICE_DATABASE_NAME, userDatabaseName } from '@/data/db';

/** The database as version 2 shipped it (the stores of db.ts v1 and v2). */
function versionTwo(name: string): Dexie {
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
  return db;
}

async function withOldRows(name: string) {
  const old = versionTwo(name);
  await old.open();
  await old.table('participants').put({
    id: 'p1',
    school_id: 's1',
    full_name: 'Козлов Дима',
    requests: 'Пропуски уроков',
    deleted_at: null,
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  await old.table('meetings').put({
    id: 'm1',
    pair_id: 'pair1',
    held_on: '2026-10-02',
    mentee_confirmed_at: '2026-10-03T00:00:00.000Z',
    mentee_reflection: 'Было полезно',
  });
  old.close();
  const db = new AppDatabase(name);
  await db.open();
  return db;
}

describe('schema v3', () => {
  it('moves a device-only request to participant_sensitive and drops the old columns', async () => {
    const db = await withOldRows(DEVICE_DATABASE_NAME);
    expect(await db.participants.get('p1')).not.toHaveProperty('requests');
    expect(await db.meetings.get('m1')).not.toHaveProperty('mentee_reflection');
    expect(await db.meetings.get('m1')).not.toHaveProperty('mentee_confirmed_at');
    expect(await db.participant_sensitive.toArray()).toMatchObject([
      { participant_id: 'p1', school_id: 's1', request: 'Пропуски уроков', categories: [] },
    ]);
    expect(await db.meeting_confirmations.count()).toBe(0);
    db.close();
  });

  it('in a signed-in user’s database only drops them: the server holds the request', async () => {
    const db = await withOldRows(userDatabaseName('u1'));
    expect(await db.participants.get('p1')).not.toHaveProperty('requests');
    expect(await db.participant_sensitive.count()).toBe(0);
    db.close();
  });
});
