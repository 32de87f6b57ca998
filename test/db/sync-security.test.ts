// The two absolute promises of SYNC.md at the sync RPCs: nothing crosses a school boundary
// (hostile pushes, forged cursors, removed members, grants) and nothing is lost silently.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, countRows, createWorld, Device, serverRow, type World } from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('sync: a member removed while offline', () => {
  it('pulls nothing of the school any more, loses its scopes, and has each pending mutation rejected', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    await mentor.pullAll();
    expect(mentor.scopes.length).toBeGreaterThan(0);

    // Offline edits queued, then the curator revokes the membership.
    const pending = [
      mentor.edit('meetings', w.meetingP1, { notes: 'Записано без сети' }),
      mentor.insert('meetings', {
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-02',
        duration_min: 30,
      }),
      mentor.edit('meeting_private_notes', w.privateNoteP1, { body: 'Дополнение' }),
    ];
    const curator = await Device.open(db, w.users.curatorA);
    await curator.pullAll();
    const membership = [...curator.table('memberships').values()].find(
      (m) => m.user_id === w.users.mentorA,
    )!;
    const revoke = await curator.push([
      curator.edit('memberships', membership.id as string, { revoked_at: '2026-11-20T09:00:00Z' }),
    ]);
    expect(revoke.results[0]!.status).toBe('applied');
    await db.exec(`update public.meetings set topic = 'после отзыва' where id = '${w.meetingP1}'`);

    const page = await mentor.pullOnce();
    expect(page.scopes).toEqual([]);
    expect(page.changes).toEqual([]);
    expect(page.cursors).toEqual({});
    expect(page.has_more).toBe(false);

    const res = await mentor.push(pending);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', '42501'],
      ['rejected', '42501'],
      ['rejected', '42501'],
    ]);
    expect((await serverRow(db, 'meetings', w.meetingP1))!.notes).toBeNull();
    expect(res.scope_versions).toEqual({});
  });
});

describe('sync: a hostile client', () => {
  it('cannot insert into or patch another school, and changes nothing there', async () => {
    w = await createWorld(db);
    const curatorA = await Device.open(db, w.users.curatorA);
    const before = await serverRow(db, 'meetings', w.meetingB);
    const foreignParticipant = await serverRow(db, 'participants', w.participants.studentB);
    const schoolBVersion = await db.query(
      `select version from private.school_sync_versions where school_id = $1`,
      [w.schoolB],
    );

    const res = await curatorA.push([
      curatorA.insert('participants', {
        school_id: w.schoolB,
        kind: 'student',
        full_name: 'Подброшенный ученик',
      }),
      curatorA.insert('programmes', {
        school_id: w.schoolB,
        academic_year: '2026/2027',
        title: 'Чужая программа',
      }),
      curatorA.patch('meetings', w.meetingB, { topic: 'Взлом' }, { topic: 'Чужая школа' }),
      curatorA.patch(
        'participants',
        w.participants.studentB,
        { full_name: 'Взлом' },
        { full_name: 'Тимофеева Алиса' },
      ),
      curatorA.delete('meetings', w.meetingB),
      // a row of school A re-labelled as school B through an insert of an existing id
      curatorA.insert('meetings', {
        id: w.meetingP1,
        school_id: w.schoolB,
        pair_id: w.pairs.p1,
        type: 'trial',
        held_on: '2026-09-01',
        duration_min: 30,
      }),
      // and a patch that tries to move a row
      curatorA.patch('meetings', w.meetingP1, { school_id: w.schoolB }, { school_id: w.schoolA }),
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', '42501'],
      ['rejected', '42501'],
      ['rejected', '42501'],
      ['rejected', '42501'],
      ['rejected', '42501'],
      ['rejected', 'school_id_immutable'],
      ['rejected', 'readonly_column'],
    ]);
    expect(await serverRow(db, 'meetings', w.meetingB)).toEqual(before);
    expect(await serverRow(db, 'participants', w.participants.studentB)).toEqual(
      foreignParticipant,
    );
    expect(await countRows(db, 'participants', 'school_id = $1', [w.schoolB])).toBe(1);
    expect(await countRows(db, 'programmes', 'school_id = $1', [w.schoolB])).toBe(0);
    expect(
      (
        await db.query(`select version from private.school_sync_versions where school_id = $1`, [
          w.schoolB,
        ])
      ).rows,
    ).toEqual(schoolBVersion.rows);
    expect(res.scope_versions).toEqual({});
  });

  it('gets nothing extra from forged cursors, and a resync for cursors it cannot have', async () => {
    w = await createWorld(db);
    const curatorA = await Device.open(db, w.users.curatorA);
    await curatorA.pullAll();
    const honest = { ...curatorA.cursors };

    // Cursors of scopes it does not have: ignored and not echoed.
    curatorA.cursors = {
      ...honest,
      [`school:${w.schoolB}`]: 0,
      [`pair:${randomUUID()}`]: 0,
      'school:not-a-uuid': 0,
    };
    const forged = await curatorA.pullOnce();
    expect(forged.changes).toEqual([]);
    expect(forged.resync_required).toBe(false);
    expect(forged.cursors).toEqual(honest);

    // A cursor ahead of the server.
    curatorA.cursors = {
      ...honest,
      [`school:${w.schoolA}`]: honest[`school:${w.schoolA}`]! + 1000,
    };
    const ahead = await curatorA.pullOnce();
    expect(ahead).toMatchObject({
      resync_required: true,
      resync_schools: [w.schoolA],
      changes: [],
      has_more: true,
    });
    expect(
      Object.keys(ahead.cursors).some((k) => k.endsWith(w.schoolA) && k.startsWith('school:')),
    ).toBe(false);

    // A malformed cursor.
    curatorA.cursors = { ...honest, [`school:${w.schoolA}`]: 'abc' as unknown as number };
    expect(await curatorA.pullOnce()).toMatchObject({
      resync_required: true,
      resync_schools: [w.schoolA],
    });

    // After the resync the device pulls the school again from scratch and is consistent.
    curatorA.cursors = {};
    const again = await curatorA.pullAll();
    expect(again.at(-1)!.cursors).toEqual(honest);
  });

  it('asks a device whose cursor is behind the tombstone retention horizon to resync', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    await mentor.pullAll();
    const cursor = mentor.cursors[`pair:${w.pairs.p1}`]!;
    await db.exec(`update public.meetings set topic = 'позже' where id = '${w.meetingP1}'`);
    await db.query(
      `update private.school_sync_versions set purged_before_version = $2 where school_id = $1`,
      [w.schoolA, cursor + 1],
    );

    const page = await mentor.pullOnce();
    expect(page).toMatchObject({ resync_required: true, resync_schools: [w.schoolA], changes: [] });
    // A fresh device (no cursors) is not affected by the horizon.
    const fresh = await Device.open(db, w.users.mentorA);
    const [first] = await fresh.pullAll();
    expect(first!.resync_required).toBe(false);
    expect(fresh.row('meetings', w.meetingP1)!.topic).toBe('позже');
  });
});

describe('sync: grants and visibility of the sync tables', () => {
  it('refuses both RPCs to a signed-out client', async () => {
    w = await createWorld(db);
    const anon = await createTestSupabaseClient(db, null);
    const push = await anon.rpc('sync_push', { p_device_id: randomUUID(), p_mutations: [] });
    const pull = await anon.rpc('sync_pull', { p_cursors: {} });
    expect(push.error).toMatchObject({ code: '42501' });
    expect(push.status).toBe(401);
    expect(pull.error).toMatchObject({ code: '42501' });
  });

  it('keeps the mutation log out of reach and conflicts readable by their author and the staff only', async () => {
    w = await createWorld(db);
    const phone = await Device.open(db, w.users.mentorA);
    const tablet = await Device.open(db, w.users.mentorA);
    await phone.pullAll();
    await tablet.pullAll();
    await phone.push([phone.edit('meetings', w.meetingP1, { notes: 'Телефон' })]);
    const res = await tablet.push([tablet.edit('meetings', w.meetingP1, { notes: 'Планшет' })]);
    expect(res.results[0]!.status).toBe('conflict');

    const visibleTo = async (userId: string) =>
      db.asUserRolledBack(
        { ...claimsOf(userId) },
        async (sql) =>
          (
            await sql.query<{ n: number }>(
              `select count(*)::int as n from public.sync_conflicts where row_id = $1`,
              [w.meetingP1],
            )
          ).rows[0]!.n,
      );
    expect(await visibleTo(w.users.mentorA)).toBe(1);
    expect(await visibleTo(w.users.curatorA)).toBe(1);
    expect(await visibleTo(w.users.menteeA)).toBe(0);
    expect(await visibleTo(w.users.mentor2A)).toBe(0);
    expect(await visibleTo(w.users.curatorB)).toBe(0);

    const asMentor = (sql: string) =>
      db.asUserRolledBack(claimsOf(w.users.mentorA), (s) => s.query(sql));
    await expect(asMentor(`select * from private.sync_mutations`)).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      asMentor(`insert into public.sync_conflicts (school_id, table_name, row_id, field, mutation_id)
                values ('${w.schoolA}', 'meetings', '${w.meetingP1}', 'notes', '${randomUUID()}')`),
    ).rejects.toMatchObject({ code: '42501' });
    // The private helpers are not part of the API.
    const direct = await phone.client.rpc('sync_claim_mutation', {
      p_mutation_id: randomUUID(),
      p_device_id: randomUUID(),
      p_seq: 1,
      p_table: 'meetings',
      p_row_id: null,
    });
    expect(direct.error).toMatchObject({ code: 'PGRST202' });
  });
});
