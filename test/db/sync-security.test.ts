// The two absolute promises of SYNC.md at the sync RPCs: nothing crosses a school boundary
// (hostile pushes, forged cursors, removed members, grants) and nothing is lost silently.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { expectSqlError } from './expect-sql';
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
    expect(Object.keys(res)).toEqual(['results']);
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
    expect(Object.keys(res)).toEqual(['results']);
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

  it('keeps the mutation log and the private helpers out of reach', async () => {
    w = await createWorld(db);
    const phone = await Device.open(db, w.users.mentorA);
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
    const direct = await phone.client.rpc('sync_claim_mutations', {
      p_device_id: randomUUID(),
      p_ids: [randomUUID()],
      p_seqs: [1],
      p_tables: ['meetings'],
      p_row_ids: [w.meetingP1],
    });
    expect(direct.error).toMatchObject({ code: 'PGRST202' });
    // Dead helpers are gone; the retention job is not the caller's.
    const { rows: dead } = await db.query(
      `select proname from pg_proc where pronamespace = 'private'::regnamespace
       and proname in ('sync_claim_mutation', 'sync_finish_mutation')`,
    );
    expect(dead).toEqual([]);
    await expectSqlError(asMentor(`select private.purge_sync_history('0 seconds')`), '42501');
    await expectSqlError(asMentor(`select private.next_school_version('${w.schoolA}')`), '42501');
  });

  it('lets nobody plant a conflict: only about a mutation of this call, for its own row', async () => {
    w = await createWorld(db);
    const mentor = await Device.open(db, w.users.mentorA);
    const done = mentor.patch('meetings', w.meetingP1, { notes: 'Готово' }, { notes: null });
    await mentor.push([done]);
    const plant = (mutationId: string) =>
      db.asUserRolledBack(claimsOf(w.users.mentorA), (s) =>
        s.query(`select private.sync_record_conflict($1, 'notes', null, '"подброшено"'::jsonb)`, [
          mutationId,
        ]),
      );
    // An unknown id, and an id of hers that was answered in an earlier call.
    await expectSqlError(plant(randomUUID()), '42501', /conflict_not_allowed/);
    await expectSqlError(plant(done.mutation_id), '42501', /conflict_not_allowed/);
    // Nor for another user, whatever the id.
    await expectSqlError(
      db.asUserRolledBack(claimsOf(w.users.curatorA), (s) =>
        s.query(`select private.sync_record_conflict($1, 'notes', null, '"x"'::jsonb)`, [
          done.mutation_id,
        ]),
      ),
      '42501',
      /conflict_not_allowed/,
    );
    expect(await countRows(db, 'sync_conflicts')).toBe(0);
  });

  it('answers an insert of an id that exists elsewhere exactly like an invisible row, on both paths', async () => {
    w = await createWorld(db);
    const curator = await Device.open(db, w.users.curatorA);
    const mentor = await Device.open(db, w.users.mentorA);
    const person = (id?: string) =>
      curator.insert('participants', {
        ...(id ? { id } : {}),
        school_id: w.schoolA,
        kind: 'student',
        full_name: 'Новикова Ева',
      });
    const res = await curator.push([
      // a patch of the other school's row: the reference answer
      curator.patch(
        'participants',
        w.participants.studentB,
        { full_name: 'x' },
        { full_name: 'y' },
      ),
      // per-mutation path: a single insert whose id is taken in school B
      person(w.participants.studentB),
      curator.patch('pairs', w.pairs.p1, { title: 'разделитель' }, { title: null }),
      // fast path: a run of three plain inserts, the middle one with school B's id
      person(),
      person(w.participants.studentB),
      person(),
    ]);
    const mine = await mentor.push([
      // a meeting of another pair of her school, and one of another school
      mentor.insert('meetings', {
        id: w.meetingP2,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-01',
        duration_min: 30,
      }),
      mentor.insert('meetings', {
        id: w.meetingB,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-01',
        duration_min: 30,
      }),
    ]);
    const refused = { status: 'rejected', code: '42501', message: 'row_not_visible' };
    const shape = ({ mutation_id: _id, ...rest }: { mutation_id: string }) => rest;
    expect(res.results.map(shape)).toEqual([
      refused,
      refused,
      expect.objectContaining({ status: 'applied' }),
      expect.objectContaining({ status: 'applied' }),
      refused,
      expect.objectContaining({ status: 'applied' }),
    ]);
    expect(mine.results.map(shape)).toEqual([refused, refused]);
    expect((await serverRow(db, 'participants', w.participants.studentB))!.school_id).toBe(
      w.schoolB,
    );
    expect((await serverRow(db, 'meetings', w.meetingP2))!.pair_id).toBe(w.pairs.p2);
  });
});

describe('sync: a conflict is read only by who may read its row', () => {
  async function conflictOn(
    userId: string,
    table: string,
    rowId: string,
    field: string,
    values: [unknown, unknown],
  ) {
    const phone = await Device.open(db, userId);
    const tablet = await Device.open(db, userId);
    const base = (await serverRow(db, table, rowId))![field];
    const first = await phone.push([
      phone.patch(table, rowId, { [field]: values[0] }, { [field]: base }),
    ]);
    expect(first.results[0]!.status, JSON.stringify(first.results[0])).toBe('applied');
    const res = await tablet.push([
      tablet.patch(table, rowId, { [field]: values[1] }, { [field]: base }),
    ]);
    expect(res.results[0]).toMatchObject({ status: 'conflict', code: 'field_conflict' });
    // The answer does not name the field: its sync_conflicts row does.
    const { rows } = await db.query<{ field: string }>(
      'select field from public.sync_conflicts where mutation_id = $1',
      [res.results[0]!.mutation_id],
    );
    expect(rows.map((r) => r.field)).toEqual([field]);
  }

  /** Who reads a conflict about rowId, through the table API and through sync_pull. */
  async function readersOf(rowId: string) {
    const users = Object.entries(w.users);
    const api: string[] = [];
    const pulled: string[] = [];
    for (const [name, userId] of users) {
      const n = await db.asUserRolledBack(claimsOf(userId), async (s) =>
        Number(
          (
            await s.query<{ n: string }>(
              'select count(*)::text as n from public.sync_conflicts where row_id = $1',
              [rowId],
            )
          ).rows[0]!.n,
        ),
      );
      if (n > 0) api.push(name);
      const device = await Device.open(db, userId);
      await device.pullAll();
      if ([...device.table('sync_conflicts').values()].some((c) => c.row_id === rowId))
        pulled.push(name);
    }
    return { api, pulled };
  }

  it('on every private table: the author alone; elsewhere the author and the staff', async () => {
    w = await createWorld(db);
    const responseId = randomUUID();
    const confirmationId = randomUUID();
    await db.exec(`
      insert into public.questionnaire_responses (id, school_id, template_id, pair_id, participant_id, answers)
      values ('${responseId}', '${w.schoolA}', 'b1000000-0000-4000-8000-000000000001', '${w.pairs.p1}',
              '${w.participants.menteeA}', '{}');
      insert into public.meeting_confirmations (id, school_id, pair_id, meeting_id, participant_id)
      values ('${confirmationId}', '${w.schoolA}', '${w.pairs.p1}', '${w.meetingP1}', '${w.participants.menteeA}');
    `);

    await conflictOn(w.users.mentorA, 'meeting_private_notes', w.privateNoteP1, 'body', [
      'Телефон: личное',
      'Планшет: личное',
    ]);
    await conflictOn(w.users.menteeA, 'questionnaire_responses', responseId, 'answers', [
      { q1: 5 },
      { q1: 9 },
    ]);
    await conflictOn(w.users.menteeA, 'meeting_confirmations', confirmationId, 'reflection', [
      'Было полезно',
      'Было скучно',
    ]);
    await conflictOn(w.users.mentorA, 'meetings', w.meetingP1, 'notes', ['Телефон', 'Планшет']);

    expect(await readersOf(w.privateNoteP1)).toEqual({ api: ['mentorA'], pulled: ['mentorA'] });
    expect(await readersOf(responseId)).toEqual({ api: ['menteeA'], pulled: ['menteeA'] });
    expect(await readersOf(confirmationId)).toEqual({
      api: ['curatorA', 'menteeA'],
      pulled: ['curatorA', 'menteeA'],
    });
    expect(await readersOf(w.meetingP1)).toEqual({
      api: ['curatorA', 'mentorA'],
      pulled: ['curatorA', 'mentorA'],
    });

    // Nor can the staff resolve (update) what they cannot read.
    const updated = await db.asUserRolledBack(claimsOf(w.users.curatorA), (s) =>
      s.query(
        `update public.sync_conflicts set resolution = 'dismissed', resolved_at = now() where row_id = $1`,
        [w.privateNoteP1],
      ),
    );
    expect(updated.rowCount).toBe(0);
  });
});
