import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '@/data/db';
import { insertRow, patchRow, writeTransaction } from '@/data/outbox';
import { deleteMeeting, logMeeting, updateMeeting } from '@/data/repos/meetings';
import { createPair } from '@/data/repos/pairs';
import { ValidationError } from '@/domain/validation';
import type { MeetingInput } from '@/domain/meetings';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const input: MeetingInput = {
  type: 'organisational',
  held_on: '2026-11-24',
  duration_min: 40,
  format: 'in_person',
  notes: 'Познакомились, обсудили ожидания',
  private_note: 'Анна стесняется говорить о математике',
};

const contexts: AppDatabase[] = [];
afterEach(async () => {
  for (const db of contexts.splice(0)) db.close();
});

async function setUp() {
  const ctx = await freshContext();
  contexts.push(ctx.db);
  const people = await aPairWithPeople(ctx);
  await ctx.db.outbox.clear();
  return { ctx, ...people };
}

describe('write commands and the outbox', () => {
  it('writes a meeting, its private note and one outbox entry each', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);

    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      pair_id: pair.id,
      school_id: ctx.schoolId,
      notes: 'Познакомились, обсудили ожидания',
      version: 0,
    });
    const notes = await ctx.db.meeting_private_notes
      .where('meeting_id')
      .equals(meeting.id)
      .toArray();
    expect(notes.map((n) => n.body)).toEqual(['Анна стесняется говорить о математике']);
    const outbox = await ctx.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => [e.table, e.op, e.row_id])).toEqual([
      ['meetings', 'insert', meeting.id],
      ['meeting_private_notes', 'insert', notes[0]?.id],
    ]);
    // The server owns versions and timestamps; the id travels as the mutation's row_id.
    expect(outbox[0]?.fields).not.toHaveProperty('version');
    expect(outbox[0]?.fields).not.toHaveProperty('id');
    expect(outbox[0]?.fields).toMatchObject({ school_id: ctx.schoolId, pair_id: pair.id });
  });

  it('writes nothing when validation fails', async () => {
    const { ctx, pair } = await setUp();
    await expect(
      logMeeting(ctx, pair.id, { ...input, duration_min: 2 }, today),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.db.meetings.count()).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('rolls back the rows and the outbox together when a command fails half way', async () => {
    const { ctx, mentor } = await setUp();
    await expect(
      createPair(ctx, {
        form: 'uchitel_uchenik',
        mentorIds: [mentor.id],
        menteeIds: ['00000000-0000-4000-8000-00000000dead'],
      }),
    ).rejects.toThrow(/does not exist/);
    expect(await ctx.db.pairs.count()).toBe(1);
    expect(await ctx.db.pair_members.count()).toBe(2);
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('writes nothing for a meeting of a pair that is not on the device', async () => {
    const { ctx } = await setUp();
    await expect(
      logMeeting(ctx, '00000000-0000-4000-8000-00000000beef', input, today),
    ).rejects.toThrow(/does not exist/);
    expect(await ctx.db.meetings.count()).toBe(0);
    expect(await ctx.db.meeting_private_notes.count()).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('records only the changed fields of an edit, with the values they replaced', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    await ctx.db.outbox.clear();

    await updateMeeting(ctx, meeting.id, { ...input, duration_min: 60, topic: 'Цели' }, today);

    const [entry] = await ctx.db.outbox.toArray();
    expect(entry).toMatchObject({
      op: 'patch',
      row_id: meeting.id,
      fields: { duration_min: 60, topic: 'Цели' },
      base: { duration_min: 40, topic: null },
    });
    expect(await ctx.db.outbox.count()).toBe(1);
  });

  it('leaves the private note alone when an edit does not mention it', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    const { private_note: _omitted, ...withoutNote } = input;
    await updateMeeting(ctx, meeting.id, { ...withoutNote, topic: 'Цели' }, today);
    const notes = await ctx.db.meeting_private_notes
      .where('meeting_id')
      .equals(meeting.id)
      .toArray();
    expect(notes.map((n) => [n.body, n.deleted_at])).toEqual([
      ['Анна стесняется говорить о математике', null],
    ]);
  });

  it('writes no outbox entry for an edit that changes nothing', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    await ctx.db.outbox.clear();
    await updateMeeting(ctx, meeting.id, input, today);
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('deletes as a tombstone, with the private note, so other devices learn of it', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    await ctx.db.outbox.clear();

    await deleteMeeting(ctx, meeting.id);

    expect((await ctx.db.meetings.get(meeting.id))?.deleted_at).toEqual(expect.any(String));
    const ops = (await ctx.db.outbox.toArray()).map((e) => [e.table, e.op]);
    expect(ops).toEqual([
      ['meeting_private_notes', 'delete'],
      ['meetings', 'delete'],
    ]);
  });

  it('keeps every write across a restart of the app', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, input, today);
    ctx.db.close();
    const reopened = new AppDatabase(ctx.db.name);
    contexts.push(reopened);
    expect((await reopened.meetings.get(meeting.id))?.notes).toBe(input.notes);
    expect(await reopened.outbox.count()).toBe(2);
  });
});

describe('what the server owns is never sent', () => {
  it('leaves a pulled member name and consent coverage out of inserts and patches', async () => {
    const { ctx, pair, mentee } = await setUp();
    await writeTransaction(ctx.db, ['pair_members', 'participants'], async () => {
      await insertRow(ctx.db, 'pair_members', {
        id: crypto.randomUUID(),
        school_id: ctx.schoolId,
        pair_id: pair.id,
        participant_id: mentee.id,
        side: 'mentee',
        full_name: 'Имя с сервера',
        version: 0,
        deleted_at: null,
        created_at: today,
        updated_at: today,
        created_by: null,
      });
      expect(
        await patchRow(ctx.db, 'participants', mentee.id, { consent_covered_until: 'infinity' }),
      ).toBe(false);
    });
    const outbox = await ctx.db.outbox.toArray();
    expect(outbox.map((e) => [e.table, e.op])).toEqual([['pair_members', 'insert']]);
    expect(outbox[0]!.fields).not.toHaveProperty('full_name');
  });
});
