// sync_push through a real supabase-js client and the PostgREST harness: idempotency,
// field-level merge, tombstones, per-mutation isolation of failures.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  countRows,
  createWorld,
  Device,
  serverRow,
  unknownKeys,
  type World,
} from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

async function freshWorld(): Promise<World> {
  w = await createWorld(db);
  return w;
}

describe('sync_push: applying mutations', () => {
  it('applies insert, patch and delete, stamps versions itself and answers only what the device reads', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const meetingId = randomUUID();
    const insert = mentor.insert('meetings', {
      id: meetingId,
      school_id: w.schoolA,
      pair_id: w.pairs.p1,
      type: 'trial',
      held_on: '2026-09-17',
      duration_min: 40,
    });
    const patch = mentor.patch(
      'meetings',
      meetingId,
      { topic: 'Пробная встреча' },
      { topic: null },
    );
    const res = await mentor.push([insert, patch]);

    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const row = await serverRow(db, 'meetings', meetingId);
    expect(row).toMatchObject({
      topic: 'Пробная встреча',
      created_by: w.users.mentorA,
      deleted_at: null,
    });
    expect(row!.version as number).toBeGreaterThan(0);
    // The answer is the results and nothing else: no versions (sync_pull brings them with the
    // rows), no school ids, no scope versions.
    expect(res).toEqual({
      results: [
        { mutation_id: insert.mutation_id, status: 'applied' },
        { mutation_id: patch.mutation_id, status: 'applied', applied: ['topic'] },
      ],
    });
    expect(unknownKeys(res)).toEqual([]);
    // A duplicate is answered from the stored result, as small.
    const duplicate = await mentor.push([patch]);
    expect(duplicate.results).toEqual([
      {
        mutation_id: patch.mutation_id,
        status: 'duplicate',
        original_status: 'applied',
        applied: ['topic'],
      },
    ]);

    const del = await mentor.push([mentor.delete('meetings', meetingId)]);
    expect(del.results[0]).toEqual({ mutation_id: expect.any(String), status: 'applied' });
    const tomb = await serverRow(db, 'meetings', meetingId);
    expect(tomb!.deleted_at).not.toBeNull();
    expect(tomb!.version as number).toBeGreaterThan(row!.version as number);
    // Deleting a tombstone again is a harmless no-op.
    const again = await mentor.push([mentor.delete('meetings', meetingId)]);
    expect(again.results[0]).toEqual({ mutation_id: expect.any(String), status: 'applied' });
    expect((await serverRow(db, 'meetings', meetingId))!.version).toBe(tomb!.version);
  });

  it('never lets a client write version, timestamps, authorship, tombstones, keys or school_id by patch', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const before = await serverRow(db, 'meetings', w.meetingP1);
    const forged = [
      'version',
      'updated_at',
      'created_at',
      'created_by',
      'deleted_at',
      'school_id',
      'id',
      'pair_id',
    ].map((f) =>
      mentor.patch(
        'meetings',
        w.meetingP1,
        { [f]: f === 'version' ? 999999 : null },
        { [f]: before![f] },
      ),
    );
    const res = await mentor.push([
      ...forged,
      mentor.patch('meetings', w.meetingP1, { no_such_column: 1 }, { no_such_column: null }),
      mentor.patch('no_such_table', w.meetingP1, { topic: 'x' }, { topic: null }),
      mentor.insert('meetings', {
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'trial',
        held_on: '2026-09-17',
        duration_min: 40,
        version: 7,
      }),
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ...forged.map(() => ['rejected', 'readonly_column']),
      ['rejected', 'unknown_column'],
      ['rejected', 'unknown_table'],
      ['rejected', 'readonly_column'],
    ]);
    expect(await serverRow(db, 'meetings', w.meetingP1)).toEqual(before);
  });
});

describe('sync_push: idempotency', () => {
  it('applies a re-pushed batch once and answers it with the stored results as duplicates', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const meetingId = randomUUID();
    const batch = [
      mentor.insert('meetings', {
        id: meetingId,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-01',
        duration_min: 30,
      }),
      mentor.patch('meetings', w.meetingP1, { topic: 'Итоги месяца' }, { topic: 'Знакомство' }),
    ];
    const first = await mentor.push(batch);
    const afterFirst = await serverRow(db, 'meetings', meetingId);
    const second = await mentor.push(batch);

    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(second.results).toEqual(
      first.results.map((r) => ({ ...r, status: 'duplicate', original_status: r.status })),
    );
    expect(await serverRow(db, 'meetings', meetingId)).toEqual(afterFirst);
    expect(await countRows(db, 'meetings', 'id = $1', [meetingId])).toBe(1);
    expect((await serverRow(db, 'meetings', w.meetingP1))!.topic).toBe('Итоги месяца');
  });

  it('survives a response lost after commit: the re-push is a duplicate and the data exists once', async () => {
    await freshWorld();
    let dropNext = true;
    const mentor = await Device.open(db, w.users.mentorA, {
      onResponse: (req) => {
        if (req.target === 'sync_push' && dropNext) {
          dropNext = false;
          return 'drop';
        }
      },
    });
    const meetingId = randomUUID();
    const batch = [
      mentor.insert('meetings', {
        id: meetingId,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-08',
        duration_min: 50,
        notes: 'Разобрали урок',
      }),
    ];
    await expect(mentor.push(batch)).rejects.toThrow();
    expect(await countRows(db, 'meetings', 'id = $1', [meetingId])).toBe(1);

    const retry = await mentor.push(batch);
    expect(retry.results[0]).toMatchObject({ status: 'duplicate', original_status: 'applied' });
    expect(await countRows(db, 'meetings', 'id = $1', [meetingId])).toBe(1);
  });

  it('merges an insert whose row already exists (its log entry lost) instead of failing or duplicating', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const meetingId = randomUUID();
    const fields = {
      school_id: w.schoolA,
      pair_id: w.pairs.p1,
      type: 'regular',
      held_on: '2026-10-15',
      duration_min: 30,
    };
    await mentor.push([mentor.insert('meetings', { id: meetingId, ...fields })]);
    await db.exec(`delete from private.sync_mutations`);

    const replay = await mentor.push([
      mentor.insert('meetings', { id: meetingId, ...fields, topic: 'Дополнено' }),
    ]);
    // Merged as a patch: `applied` names what it filled in (no merged_insert flag).
    expect(replay.results[0]).toEqual({
      mutation_id: expect.any(String),
      status: 'applied',
      applied: ['topic'],
    });
    expect(await countRows(db, 'meetings', 'id = $1', [meetingId])).toBe(1);
    expect((await serverRow(db, 'meetings', meetingId))!.topic).toBe('Дополнено');
  });

  it('scopes mutation ids per user: another user’s use of the same id neither blocks nor leaks', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const curator = await Device.open(db, w.users.curatorA);
    const m = mentor.patch(
      'meetings',
      w.meetingP1,
      { topic: 'Наставник' },
      { topic: 'Знакомство' },
    );
    // Someone who learned the id uses it first, for a write of her own.
    const squatted = {
      ...m,
      table: 'pairs',
      row_id: w.pairs.p1,
      fields: { title: 'Куратор' },
      base: { title: null },
    };
    const first = await curator.push([squatted]);
    expect(first.results[0]).toMatchObject({ status: 'applied' });
    expect(first.results[0]).not.toHaveProperty('original_status');
    // The owner's mutation of the same id is still applied, and answered with its own result.
    const own = await mentor.push([m]);
    expect(own.results[0]).toMatchObject({ status: 'applied', applied: ['topic'] });
    expect((await serverRow(db, 'meetings', w.meetingP1))!.topic).toBe('Наставник');
    expect((await serverRow(db, 'pairs', w.pairs.p1))!.title).toBe('Куратор');
    // Each user's replay answers with that user's stored result only.
    const replay = await curator.push([squatted]);
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', applied: ['title'] });
    const mine = await mentor.push([m]);
    expect(mine.results[0]).toMatchObject({ status: 'duplicate', applied: ['topic'] });
    const { rows } = await db.query<{ user_id: string }>(
      'select user_id from private.sync_mutations where mutation_id = $1 order by user_id',
      [m.mutation_id],
    );
    expect(rows.map((r) => r.user_id)).toEqual([w.users.curatorA, w.users.mentorA].sort());
  });
});

describe('sync_push: three-way merge', () => {
  it('keeps edits of different fields by two devices', async () => {
    await freshWorld();
    const phone = await Device.open(db, w.users.mentorA);
    const tablet = await Device.open(db, w.users.mentorA);
    await phone.pullAll();
    await tablet.pullAll();

    await phone.push([phone.edit('meetings', w.meetingP1, { topic: 'Цели на четверть' })]);
    const res = await tablet.push([
      tablet.edit('meetings', w.meetingP1, { notes: 'Договорились о плане' }),
    ]);

    expect(res.results[0]).toMatchObject({ status: 'applied', applied: ['notes'] });
    expect(await serverRow(db, 'meetings', w.meetingP1)).toMatchObject({
      topic: 'Цели на четверть',
      notes: 'Договорились о плане',
    });
    expect(await countRows(db, 'sync_conflicts', 'school_id = $1', [w.schoolA])).toBe(0);
  });

  it('keeps the first committed value of a field, stores the other as one conflict, and both devices converge', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const mentee = await Device.open(db, w.users.menteeA);
    const curator = await Device.open(db, w.users.curatorA);
    await mentor.pullAll();
    await mentee.pullAll();

    const confirmationId = randomUUID();
    const first = await mentee.push([
      mentee.insert('meeting_confirmations', {
        id: confirmationId,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        meeting_id: w.meetingP1,
        participant_id: w.participants.menteeA,
        reflection: 'Было полезно',
      }),
    ]);
    const second = await mentor.push([
      mentor.edit('meetings', w.meetingP1, { topic: 'Первая встреча' }),
      // the mentor cannot write the mentee's reflection at all: rejected, not a conflict
      mentor.patch(
        'meeting_confirmations',
        confirmationId,
        { reflection: 'Мой вариант' },
        { reflection: 'Было полезно' },
      ),
    ]);
    expect(first.results[0]!.status).toBe('applied');
    expect(second.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', '42501'],
    ]);

    // Same field, both allowed: two mentor devices.
    const tablet = await Device.open(db, w.users.mentorA);
    await tablet.pullAll();
    await mentor.pullAll();
    const a = await mentor.push([
      mentor.edit('meetings', w.meetingP1, { agreements: 'Читать по 20 минут', notes: 'Телефон' }),
    ]);
    const b = await tablet.push([
      tablet.edit('meetings', w.meetingP1, { agreements: 'Читать по 30 минут', duration_min: 60 }),
    ]);

    expect(a.results[0]).toMatchObject({ status: 'applied' });
    // The conflicting field is named by its sync_conflicts row, not in the answer.
    expect(b.results[0]).toEqual({
      mutation_id: expect.any(String),
      status: 'conflict',
      code: 'field_conflict',
      applied: ['duration_min'],
    });
    const row = await serverRow(db, 'meetings', w.meetingP1);
    expect(row).toMatchObject({
      agreements: 'Читать по 20 минут',
      notes: 'Телефон',
      duration_min: 60,
    });

    const conflicts = await db.query(`select * from public.sync_conflicts where row_id = $1`, [
      w.meetingP1,
    ]);
    expect(conflicts.rows).toHaveLength(1);
    expect(conflicts.rows[0]).toMatchObject({
      school_id: w.schoolA,
      pair_id: w.pairs.p1,
      table_name: 'meetings',
      field: 'agreements',
      base_value: null,
      server_value: 'Читать по 20 минут',
      client_value: 'Читать по 30 минут',
      mutation_id: b.results[0]!.mutation_id,
      author: w.users.mentorA,
      resolved_at: null,
    });

    await mentor.pullAll();
    await tablet.pullAll();
    await mentee.pullAll();
    await curator.pullAll();
    for (const d of [mentor, tablet, mentee, curator])
      expect(d.row('meetings', w.meetingP1)).toEqual(row);
    // The conflict reaches its author's devices and the curator, not the mentee.
    const conflictId = conflicts.rows[0]!.id as string;
    expect(tablet.row('sync_conflicts', conflictId)).toBeDefined();
    expect(curator.row('sync_conflicts', conflictId)).toBeDefined();
    expect(mentee.row('sync_conflicts', conflictId)).toBeUndefined();

    // Resolving goes through the same push.
    const resolve = await curator.push([
      curator.edit('sync_conflicts', conflictId, {
        resolution: 'kept_server',
        resolved_at: '2026-11-25T10:00:00Z',
      }),
    ]);
    expect(resolve.results[0]!.status).toBe('applied');
  });

  it('compares values by type: dates, numbers, arrays, booleans and timestamps in another spelling are equal', async () => {
    await freshWorld();
    const curator = await Device.open(db, w.users.curatorA);
    const programmeId = randomUUID();
    const trainingId = randomUUID();
    await curator.push([
      curator.insert('programmes', {
        id: programmeId,
        school_id: w.schoolA,
        academic_year: '2026/2027',
        title: 'Программа наставничества',
        forms: ['uchitel_uchitel', 'uchenik_uchenik'],
        starts_on: '2026-09-01',
      }),
      curator.insert('mentor_trainings', {
        id: trainingId,
        school_id: w.schoolA,
        participant_id: w.participants.mentorA,
        title: 'Курсы',
        hours: 36,
      }),
    ]);
    const confirmationId = randomUUID();
    await db.exec(
      `insert into public.meeting_confirmations (id, school_id, pair_id, meeting_id, participant_id, confirmed_at)
       values ('${confirmationId}', '${w.schoolA}', '${w.pairs.p1}', '${w.meetingP1}',
               '${w.participants.menteeA}', '2026-09-10 15:00:00+03')`,
    );

    const mentee = await Device.open(db, w.users.menteeA);
    const res = await curator.push([
      curator.patch(
        'programmes',
        programmeId,
        { title: 'Программа 2026/2027', current_stage: 2 },
        { title: 'Программа наставничества', current_stage: 1 },
      ),
      curator.patch(
        'programmes',
        programmeId,
        { forms: ['uchitel_uchitel'], starts_on: '2026-09-02' },
        { forms: ['uchitel_uchitel', 'uchenik_uchenik'], starts_on: '2026-09-01T00:00:00' },
      ),
      curator.patch(
        'mentor_trainings',
        trainingId,
        { hours: 72, completed_on: '2026-11-01' },
        { hours: '36.0', completed_on: null },
      ),
      curator.patch(
        'participants',
        w.participants.mentorA,
        { is_mentee: true },
        { is_mentee: false },
      ),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const tz = await mentee.push([
      mentee.patch(
        'meeting_confirmations',
        confirmationId,
        { reflection: 'Спасибо' },
        { reflection: null },
      ),
      mentee.patch(
        'meeting_confirmations',
        confirmationId,
        { confirmed_at: '2026-09-10T12:30:00.000Z' },
        { confirmed_at: '2026-09-10T12:00:00Z' },
      ),
    ]);
    expect(tz.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await serverRow(db, 'programmes', programmeId)).toMatchObject({
      title: 'Программа 2026/2027',
      current_stage: 2,
      forms: ['uchitel_uchitel'],
      starts_on: '2026-09-02',
    });
    expect(Number((await serverRow(db, 'mentor_trainings', trainingId))!.hours)).toBe(72);
    expect(await countRows(db, 'sync_conflicts', 'school_id = $1', [w.schoolA])).toBe(0);
    const confirmed = await db.query<{ ok: boolean }>(
      `select confirmed_at = '2026-09-10T12:30:00Z'::timestamptz as ok from public.meeting_confirmations where id = $1`,
      [confirmationId],
    );
    expect(confirmed.rows[0]!.ok).toBe(true);
  });
});

describe('sync_push: deletes', () => {
  it('turns a patch to a deleted row into a conflict that keeps no text of the deleted row', async () => {
    await freshWorld();
    const phone = await Device.open(db, w.users.mentorA);
    const tablet = await Device.open(db, w.users.mentorA);
    await phone.pullAll();
    await tablet.pullAll();

    await phone.push([phone.delete('meetings', w.meetingP1)]);
    const res = await tablet.push([
      tablet.edit('meetings', w.meetingP1, { notes: 'Текст, который нельзя потерять' }),
    ]);

    expect(res.results[0]).toEqual({
      mutation_id: expect.any(String),
      status: 'conflict',
      code: 'row_deleted',
      applied: [],
    });
    const { rows } = await db.query(`select * from public.sync_conflicts where row_id = $1`, [
      w.meetingP1,
    ]);
    expect(rows).toHaveLength(1);
    // The server says which mutation hit a tombstone; the text stays on the device that
    // wrote it (its quarantine), not on the server.
    expect(rows[0]).toMatchObject({ field: '*', client_value: null, base_value: null });
    expect(JSON.stringify(rows[0])).not.toContain('Текст, который нельзя потерять');
    expect((await serverRow(db, 'meetings', w.meetingP1))!.notes).toBeNull();
  });
});

describe('sync_push: one bad mutation does not block the batch', () => {
  it('rejects a check violation, an RLS denial and an FK violation with their SQLSTATE and applies the rest', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const good1 = mentor.patch(
      'meetings',
      w.meetingP1,
      { topic: 'До ошибки' },
      { topic: 'Знакомство' },
    );
    const checkViolation = mentor.patch(
      'meetings',
      w.meetingP1,
      { duration_min: 1 },
      { duration_min: 45 },
    );
    const rlsInsert = mentor.insert('meetings', {
      school_id: w.schoolA,
      pair_id: w.pairs.p2,
      type: 'trial',
      held_on: '2026-09-20',
      duration_min: 30,
    });
    const rlsPatch = mentor.patch(
      'meetings',
      w.meetingP2,
      { topic: 'Чужая пара' },
      { topic: 'Знакомство' },
    );
    const fk = mentor.insert('plan_tasks', {
      school_id: w.schoolA,
      pair_id: w.pairs.p1,
      plan_id: randomUUID(),
      title: 'Без плана',
    });
    const notNull = mentor.insert('meetings', {
      school_id: w.schoolA,
      pair_id: w.pairs.p1,
      type: 'trial',
      duration_min: 30,
    });
    const badDate = mentor.patch(
      'meetings',
      w.meetingP1,
      { held_on: 'завтра' },
      { held_on: '2026-09-10' },
    );
    const good2 = mentor.patch('meetings', w.meetingP1, { notes: 'После ошибки' }, { notes: null });

    const res = await mentor.push([
      good1,
      checkViolation,
      rlsInsert,
      rlsPatch,
      fk,
      notNull,
      badDate,
      good2,
    ]);
    expect(res.results.map((r) => [r.status, r.code, r.constraint])).toEqual([
      ['applied', undefined, undefined],
      ['rejected', '23514', 'meetings_duration_range'],
      ['rejected', '42501', undefined],
      ['rejected', '42501', undefined],
      ['rejected', '23503', 'plan_tasks_plan_fk'],
      ['rejected', '23502', undefined],
      ['rejected', '22007', undefined],
      ['applied', undefined, undefined],
    ]);
    expect(res.results[3]!.message).toBe('row_not_visible');
    // No error detail: a foreign-key or unique violation's detail quotes key values.
    expect(unknownKeys(res)).toEqual([]);
    expect(JSON.stringify(res.results[4])).not.toContain(w.pairs.p1);
    expect(await serverRow(db, 'meetings', w.meetingP1)).toMatchObject({
      topic: 'До ошибки',
      notes: 'После ошибки',
      duration_min: 45,
    });
    expect(await countRows(db, 'meetings', 'pair_id = $1', [w.pairs.p2])).toBe(1);

    // Rejections are final and stored too: a replay answers them the same way.
    const replay = await mentor.push([checkViolation]);
    expect(replay.results[0]).toMatchObject({
      status: 'duplicate',
      original_status: 'rejected',
      code: '23514',
    });
  });

  it('rejects a visible but not updatable row with 42501 instead of reporting 0 rows as success', async () => {
    await freshWorld();
    const mentor = await Device.open(db, w.users.mentorA);
    const res = await mentor.push([
      mentor.patch('pairs', w.pairs.p1, { title: 'Моя пара' }, { title: null }),
      mentor.delete('pairs', w.pairs.p1),
    ]);
    expect(res.results.map((r) => [r.status, r.code, r.message])).toEqual([
      ['rejected', '42501', 'row_not_updatable'],
      ['rejected', '42501', 'row_not_updatable'],
    ]);
    expect((await serverRow(db, 'pairs', w.pairs.p1))!.title).toBeNull();
  });
});

describe('sync_push: concurrent calls (parallel on PostgreSQL, one after the other on PGlite)', () => {
  it('applies the same mutation once when two tabs push it at the same time', async () => {
    await freshWorld();
    const tab1 = await Device.open(db, w.users.mentorA);
    const tab2 = new Device(tab1.client);
    const meetingId = randomUUID();
    const batch = [
      tab1.insert('meetings', {
        id: meetingId,
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-20',
        duration_min: 30,
      }),
      tab1.patch('meetings', w.meetingP1, { notes: 'Одна запись' }, { notes: null }),
    ];
    const [a, b] = await Promise.all([tab1.push(batch), tab2.push(batch)]);
    const statuses = [a.results.map((r) => r.status), b.results.map((r) => r.status)].sort();
    expect(statuses).toEqual([
      ['applied', 'applied'],
      ['duplicate', 'duplicate'],
    ]);
    expect(await countRows(db, 'meetings', 'id = $1', [meetingId])).toBe(1);
  });

  it('does not deadlock when two devices push batches that touch the same row', async () => {
    await freshWorld();
    const phone = await Device.open(db, w.users.mentorA);
    const tablet = await Device.open(db, w.users.mentorA);
    for (let round = 0; round < 8; round++) {
      const newMeeting = () => ({
        school_id: w.schoolA,
        pair_id: w.pairs.p1,
        type: 'regular',
        held_on: '2026-10-21',
        duration_min: 30,
      });
      // Opposite orders: one writes the shared row first, the other last.
      const [a, b] = await Promise.all([
        phone.push([
          phone.patch('meetings', w.meetingP1, { topic: `телефон ${round}` }, { topic: null }),
          phone.insert('meetings', newMeeting()),
        ]),
        tablet.push([
          tablet.insert('meetings', newMeeting()),
          tablet.patch('meetings', w.meetingP1, { notes: `планшет ${round}` }, { notes: null }),
        ]),
      ]);
      expect([...a.results, ...b.results].every((r) => r.status !== 'rejected')).toBe(true);
    }
    expect(await countRows(db, 'meetings', 'pair_id = $1', [w.pairs.p1])).toBe(17);
  });
});
