// A person leaves the programme: her individual pairs end early, she leaves the groups that go
// on, her card is archived; all in one transaction, every change queued for the server.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { createPair } from '@/data/repos/pairs';
import {
  addParticipant,
  archiveParticipant,
  unarchiveParticipant,
} from '@/data/repos/participants';
import { ARCHIVE_END_REASON } from '@/domain/pairs';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function setUp() {
  const ctx = await freshContext();
  dbs.push(ctx.db);
  const { mentor, mentee, pair } = await aPairWithPeople(ctx);
  const dima = await addParticipant(ctx, {
    kind: 'student',
    full_name: 'Козлов Дима',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  const teacher = await addParticipant(ctx, {
    kind: 'teacher',
    full_name: 'Орлова Нина',
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
  });
  // Another mentor: the same two people cannot form a second live pair of one form.
  const group = await createPair(ctx, {
    form: 'uchitel_uchenik',
    mentorIds: [teacher.id],
    menteeIds: [mentee.id, dima.id],
  });
  await ctx.db.outbox.clear();
  return { ctx, mentor, teacher, mentee, dima, pair, group };
}

describe('archiving a person', () => {
  it('ends her individual pair early, takes her out of the group, and archives her card', async () => {
    const { ctx, mentee, pair, group } = await setUp();
    const effects = await archiveParticipant(ctx, mentee.id, today);
    expect(effects.map((e) => [e.pairId, e.effect]).sort()).toEqual(
      [
        [pair.id, 'end'],
        [group.id, 'leave'],
      ].sort(),
    );
    expect(await ctx.db.pairs.get(pair.id)).toMatchObject({
      status: 'ended_early',
      ended_on: today,
      end_reason: ARCHIVE_END_REASON,
    });
    expect((await ctx.db.pairs.get(group.id))?.status).toBe('draft');
    const groupMembers = await ctx.db.pair_members.where('pair_id').equals(group.id).toArray();
    expect(groupMembers.filter((m) => !m.deleted_at).map((m) => m.participant_id)).not.toContain(
      mentee.id,
    );
    expect((await ctx.db.participants.get(mentee.id))?.archived_on).toBe(today);
  });

  it('queues the pair’s end, the member’s removal and the archive for the server', async () => {
    const { ctx, mentee, pair } = await setUp();
    await archiveParticipant(ctx, mentee.id, today);
    const entries = await ctx.db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => `${e.table}:${e.op}`).sort()).toEqual([
      'pair_members:delete',
      'pairs:patch',
      'participants:patch',
    ]);
    expect(entries.find((e) => e.table === 'pairs')).toMatchObject({
      row_id: pair.id,
      fields: { status: 'ended_early', end_reason: ARCHIVE_END_REASON },
    });
    // Her card is archived after her pairs changed (the server sees them in that order).
    expect(entries.at(-1)).toMatchObject({ row_id: mentee.id, fields: { archived_on: today } });
  });

  it('the group’s only mentor leaving ends the group too', async () => {
    const { ctx, teacher, group } = await setUp();
    await archiveParticipant(ctx, teacher.id, today);
    expect((await ctx.db.pairs.get(group.id))?.status).toBe('ended_early');
  });

  it('leaves ended pairs alone and can be undone (the pairs stay ended)', async () => {
    const { ctx, mentee, pair } = await setUp();
    await archiveParticipant(ctx, mentee.id, today);
    await unarchiveParticipant(ctx, mentee.id);
    expect((await ctx.db.participants.get(mentee.id))?.archived_on).toBeNull();
    expect((await ctx.db.pairs.get(pair.id))?.status).toBe('ended_early');
    expect(await archiveParticipant(ctx, mentee.id, today)).toHaveLength(0);
  });

  it('writes nothing when the person is not on the device', async () => {
    const { ctx } = await setUp();
    await expect(archiveParticipant(ctx, 'missing', today)).rejects.toThrow();
    expect(await ctx.db.outbox.count()).toBe(0);
  });
});
