// Unsent edits of one row merge into one outbox entry, inside the write's own transaction;
// an entry handed to sync_push (takeOutboxBatch) never changes again; a refused change puts
// the row back to the server's version kept as its shadow.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { patchRow, shadowKey, writeTransaction } from '@/data/outbox';
import { deleteMeeting, logMeeting, updateMeeting } from '@/data/repos/meetings';
import { updateParticipant } from '@/data/repos/participants';
import { saveQuestionnaireDraft, submitQuestionnaire } from '@/data/repos/questionnaires';
import { settlePushResults, takeOutboxBatch } from '@/data/syncStore';
import type { MeetingInput } from '@/domain/meetings';
import type { MutationResult, PushResponse } from '@/domain/syncProtocol';
import type { Meeting } from '@/domain/types';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const input: MeetingInput = {
  type: 'regular',
  held_on: '2026-11-24',
  duration_min: 40,
  format: 'in_person',
  notes: 'Разобрали задачи',
};
/** The built-in entry questionnaire of a student mentee (q1–q6 scales, q7 open). */
const STUDENT_ENTRY = 'b1000000-0000-4000-8000-000000000004';
const answers = { q1: 5, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3, q7: 'Подтянуть алгебру' };

const answer = (results: MutationResult[]): PushResponse => ({ results });

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function setUp() {
  const ctx = await freshContext();
  dbs.push(ctx.db);
  const people = await aPairWithPeople(ctx);
  await ctx.db.outbox.clear();
  return { ctx, ...people };
}

/** A meeting the server already has: its insert was sent and acknowledged. */
async function aSyncedMeeting(ctx: Awaited<ReturnType<typeof setUp>>['ctx'], pairId: string) {
  const meeting = await logMeeting(ctx, pairId, input, today);
  const sent = await takeOutboxBatch(ctx.db, 100);
  await settlePushResults(
    ctx.db,
    answer(sent.map((m) => ({ mutation_id: m.mutation_id, status: 'applied' as const }))),
    sent,
  );
  expect(await ctx.db.outbox.count()).toBe(0);
  return meeting;
}

describe('unsent edits of one row merge', () => {
  it('queues one patch for many edits: the last value of each field, the first base', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);

    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели', duration_min: 60 }, today);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'План', duration_min: 55 }, today);

    const entries = await ctx.db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      op: 'patch',
      fields: { topic: 'План', duration_min: 55 },
      base: { topic: null, duration_min: 40 },
    });
  });

  it('folds an edit into the unsent insert of the row', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    await updateMeeting(ctx, meeting.id, { ...input, notes: 'Исправила опечатку' }, today);

    const entries = await ctx.db.outbox.toArray();
    expect(entries.map((e) => e.op)).toEqual(['insert']);
    expect(entries[0]!.fields).toMatchObject({ notes: 'Исправила опечатку', duration_min: 40 });
  });

  it('queues one mutation for a 7-item questionnaire filled item by item and submitted', async () => {
    const { ctx, pair, mentee } = await setUp();
    const base = { pairId: pair.id, participantId: mentee.id, templateId: STUDENT_ENTRY };
    const soFar: Record<string, unknown> = {};
    for (const [item, value] of Object.entries(answers)) {
      soFar[item] = value;
      await saveQuestionnaireDraft(ctx, { ...base, answers: { ...soFar } as typeof answers });
    }
    await submitQuestionnaire(ctx, { ...base, answers });

    const entries = await ctx.db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ op: 'insert', table: 'questionnaire_responses' });
    expect(entries[0]!.fields).toMatchObject({ answers, submitted_at: expect.any(String) });
  });

  it('forgets a row deleted before its insert was sent: nothing reaches the server', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, { ...input, private_note: 'Личное' }, today);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    await deleteMeeting(ctx, meeting.id);

    expect(await ctx.db.outbox.count()).toBe(0);
    // A content-free local tombstone stays (an older backup must not bring the row back).
    const left = await ctx.db.meetings.get(meeting.id);
    expect(left?.deleted_at).toEqual(expect.any(String));
    expect(left).not.toHaveProperty('topic');
    const notes = await ctx.db.meeting_private_notes.toArray();
    expect(notes.filter((n) => n.deleted_at === null)).toHaveLength(0);
    expect(JSON.stringify(notes)).not.toContain('Личное');
  });

  it('sends the delete of a row whose insert is already on its way', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    await takeOutboxBatch(ctx.db, 100);
    await deleteMeeting(ctx, meeting.id);

    expect((await ctx.db.outbox.orderBy('seq').toArray()).map((e) => e.op)).toEqual([
      'insert',
      'delete',
    ]);
  });

  it('never merges into an entry in flight: an edit during the request is a new entry', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    const sent = await takeOutboxBatch(ctx.db, 100);
    // The request is on the wire now; the user edits again.
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'План' }, today);

    const entries = await ctx.db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.fields)).toEqual([{ topic: 'Цели' }, { topic: 'План' }]);
    expect(entries.map((e) => e.base)).toEqual([{ topic: null }, { topic: 'Цели' }]);
    // The answer settles exactly the sent entry; the later edit waits for the next batch.
    await settlePushResults(
      ctx.db,
      answer([{ mutation_id: sent[0]!.mutation_id, status: 'applied' }]),
      sent,
    );
    expect((await ctx.db.outbox.toArray()).map((e) => e.fields)).toEqual([{ topic: 'План' }]);
  });

  it('keeps the order of an order-sensitive row: a later edit after another row stays apart', async () => {
    const { ctx, mentee, pair } = await setUp();
    const person = {
      kind: 'student' as const,
      full_name: mentee.full_name,
      class_label: '6Б',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    };
    await updateParticipant(ctx, mentee.id, { ...person, class_label: '7А' });
    await updateParticipant(ctx, mentee.id, { ...person, class_label: '7Б' });
    await logMeeting(ctx, pair.id, input, today);
    await updateParticipant(ctx, mentee.id, { ...person, class_label: '7В' });

    const entries = await ctx.db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => [e.table, e.op, e.fields.class_label ?? null])).toEqual([
      ['participants', 'patch', '7Б'],
      ['meetings', 'insert', null],
      ['participants', 'patch', '7В'],
    ]);
  });

  it('loses nothing when the write command fails after the merge', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    const before = await ctx.db.outbox.toArray();

    await expect(
      writeTransaction(ctx.db, ['meetings'], async () => {
        await patchRow(ctx.db, 'meetings', meeting.id, { topic: 'План', notes: 'Другое' });
        throw new Error('the app was killed here');
      }),
    ).rejects.toThrow('killed');

    expect(await ctx.db.outbox.toArray()).toEqual(before);
    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      topic: 'Цели',
      notes: 'Разобрали задачи',
    });
  });
});

describe('a refused change puts the row back to the server version', () => {
  it('restores the shadow, keeps the text in the quarantine and rebases a later edit', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    const server = (await ctx.db.meetings.get(meeting.id)) as Meeting;
    await updateMeeting(ctx, meeting.id, { ...input, notes: 'Отклонят' }, today);
    expect(await ctx.db.meta.get(shadowKey('meetings', meeting.id))).toMatchObject({
      value: { notes: 'Разобрали задачи' },
    });
    const sent = await takeOutboxBatch(ctx.db, 100);
    await updateMeeting(ctx, meeting.id, { ...input, notes: 'Отклонят', topic: 'Цели' }, today);

    const summary = await settlePushResults(
      ctx.db,
      answer([
        {
          mutation_id: sent[0]!.mutation_id,
          status: 'rejected',
          code: '42501',
          message: 'row_not_visible',
        },
      ]),
      sent,
    );

    expect(summary.rejected).toBe(1);
    // The server's notes again, with the pending topic on top.
    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      notes: server.notes,
      topic: 'Цели',
    });
    const [kept] = await ctx.db.quarantine.toArray();
    expect(kept).toMatchObject({ row_id: meeting.id, fields: { notes: 'Отклонят' } });
  });

  it('removes a row whose insert was refused, its text stays in the quarantine', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    const sent = await takeOutboxBatch(ctx.db, 100);
    await settlePushResults(
      ctx.db,
      answer([
        { mutation_id: sent[0]!.mutation_id, status: 'rejected', code: '23514', message: '' },
      ]),
      sent,
    );
    expect(await ctx.db.meetings.get(meeting.id)).toBeUndefined();
    expect((await ctx.db.quarantine.toArray())[0]!.fields).toMatchObject({
      notes: 'Разобрали задачи',
    });
  });

  it('brings a deleted row back when the server refuses the delete', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    await deleteMeeting(ctx, meeting.id);
    const sent = await takeOutboxBatch(ctx.db, 100);
    await settlePushResults(
      ctx.db,
      answer(
        sent.map((m) => ({
          mutation_id: m.mutation_id,
          status: 'rejected' as const,
          code: '42501',
        })),
      ),
      sent,
    );
    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      deleted_at: null,
      notes: 'Разобрали задачи',
    });
    expect(await ctx.db.meta.get(shadowKey('meetings', meeting.id))).toBeUndefined();
  });

  it('takes the server row back when the server already had every value of the patch', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    const server = (await ctx.db.meetings.get(meeting.id)) as Meeting;
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    // Another device had set the same topic first: the server writes nothing, no new version.
    await ctx.db.meta.put({
      key: shadowKey('meetings', meeting.id),
      value: { ...server, topic: 'Цели', updated_at: '2026-11-25T09:00:00.000+00:00' },
    });
    const sent = await takeOutboxBatch(ctx.db, 100);
    await settlePushResults(
      ctx.db,
      answer([{ mutation_id: sent[0]!.mutation_id, status: 'applied', applied: [] }]),
      sent,
    );
    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      topic: 'Цели',
      updated_at: '2026-11-25T09:00:00.000+00:00',
    });
  });

  it('drops the shadow once the server accepted every change of the row', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await aSyncedMeeting(ctx, pair.id);
    await updateMeeting(ctx, meeting.id, { ...input, topic: 'Цели' }, today);
    const sent = await takeOutboxBatch(ctx.db, 100);
    await settlePushResults(
      ctx.db,
      answer([{ mutation_id: sent[0]!.mutation_id, status: 'applied' }]),
      sent,
    );
    expect((await ctx.db.meetings.get(meeting.id))?.topic).toBe('Цели');
    expect(await ctx.db.meta.get(shadowKey('meetings', meeting.id))).toBeUndefined();
  });
});
