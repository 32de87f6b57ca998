// Staff enter a meeting from the pair's paper log: marked on the device at once, the mark never
// sent (the server sets it), no private note; staff correct only such meetings.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import {
  logMeeting,
  logPaperMeeting,
  NotPaperMeetingError,
  updateMeeting,
  updatePaperMeeting,
} from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function setUp() {
  const ctx = await freshContext();
  dbs.push(ctx.db);
  const { pair } = await aPairWithPeople(ctx);
  await approvePair(ctx, pair.id, { order_number: '15-о', order_date: '2026-11-01' }, today);
  await ctx.db.outbox.clear();
  return { ctx, pair };
}
const paperInput = {
  type: 'organisational' as const,
  held_on: '2026-11-20',
  duration_min: 40,
  format: 'in_person' as const,
  topic: 'Знакомство, по журналу',
  private_note: 'не должна сохраниться',
};

describe('a meeting from the paper log', () => {
  it('is marked entered_by_staff on the device and carries no private note', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logPaperMeeting(ctx, pair.id, paperInput, today);
    expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
      entered_by_staff: true,
      topic: 'Знакомство, по журналу',
    });
    expect(await ctx.db.meeting_private_notes.count()).toBe(0);
    // The pair's work starts with its first meeting, whoever entered it.
    expect((await ctx.db.pairs.get(pair.id))?.status).toBe('active');
  });

  it('never sends the server-owned mark', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logPaperMeeting(ctx, pair.id, paperInput, today);
    const insert = (await ctx.db.outbox.toArray()).find((e) => e.row_id === meeting.id);
    expect(insert?.op).toBe('insert');
    expect(insert?.fields).not.toHaveProperty('entered_by_staff');
  });

  it('a mentor’s own meeting is not marked', async () => {
    const { ctx, pair } = await setUp();
    const meeting = await logMeeting(ctx, pair.id, { ...paperInput, private_note: null }, today);
    expect((await ctx.db.meetings.get(meeting.id))?.entered_by_staff).toBe(false);
  });

  it('staff correct a paper meeting but not one the mentor logged', async () => {
    const { ctx, pair } = await setUp();
    const paper = await logPaperMeeting(ctx, pair.id, paperInput, today);
    await updatePaperMeeting(ctx, paper.id, { ...paperInput, duration_min: 60 }, today);
    expect((await ctx.db.meetings.get(paper.id))?.duration_min).toBe(60);
    const own = await logMeeting(ctx, pair.id, { ...paperInput, private_note: null }, today);
    await expect(updatePaperMeeting(ctx, own.id, paperInput, today)).rejects.toBeInstanceOf(
      NotPaperMeetingError,
    );
  });

  it('the pair’s mentor edits a paper meeting too, and it stays marked', async () => {
    const { ctx, pair } = await setUp();
    const paper = await logPaperMeeting(ctx, pair.id, paperInput, today);
    await updateMeeting(
      ctx,
      paper.id,
      { ...paperInput, notes: 'Дополнила', private_note: 'моё' },
      today,
    );
    expect(await ctx.db.meetings.get(paper.id)).toMatchObject({
      entered_by_staff: true,
      notes: 'Дополнила',
    });
  });

  it('refuses a date before the programme year', async () => {
    const { ctx, pair } = await setUp();
    await expect(
      logPaperMeeting(ctx, pair.id, { ...paperInput, held_on: '2016-11-20' }, today),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.db.meetings.count()).toBe(0);
  });
});
