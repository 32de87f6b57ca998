// settlePushResults with the sent batch: entries are found by their primary key (seq), and
// the outcome is the same as looking them up by mutation_id.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { logMeeting } from '@/data/repos/meetings';
import { readOutboxBatch, settlePushResults } from '@/data/syncStore';
import type { MeetingInput } from '@/domain/meetings';
import type { PushResponse } from '@/domain/syncProtocol';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const input = (topic: string): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-24',
  duration_min: 40,
  format: 'in_person',
  topic,
});

const contexts: AppDatabase[] = [];
afterEach(async () => {
  for (const db of contexts.splice(0)) db.close();
});

async function setUp(meetings: number) {
  const ctx = await freshContext();
  contexts.push(ctx.db);
  const { pair } = await aPairWithPeople(ctx);
  await ctx.db.outbox.clear();
  for (let i = 0; i < meetings; i++) await logMeeting(ctx, pair.id, input(`Встреча ${i}`), today);
  return { ctx, pair };
}

describe('settlePushResults with the sent batch', () => {
  it('removes the answered entries, quarantines the rejected one and ignores entries removed meanwhile', async () => {
    const { ctx, pair } = await setUp(4);
    const { db } = ctx;
    const sent = await readOutboxBatch(db, 10);
    expect(sent).toHaveLength(4);
    // While the request was in flight: one sent entry was removed (e.g. a purge) and a new
    // one was written; the new one is not in the batch and must stay.
    await db.outbox.delete(sent[1]!.seq);
    await logMeeting(ctx, pair.id, input('Во время отправки'), today);

    const response: PushResponse = {
      results: [
        { mutation_id: sent[0]!.mutation_id, status: 'applied' },
        { mutation_id: sent[1]!.mutation_id, status: 'applied' },
        {
          mutation_id: sent[2]!.mutation_id,
          status: 'rejected',
          code: '23514',
          constraint: 'meetings_duration_range',
          message: 'new row violates check constraint',
        },
        { mutation_id: sent[3]!.mutation_id, status: 'conflict', code: 'field_conflict' },
      ],
    };
    const summary = await settlePushResults(db, response, sent);

    // The removed entry is not counted again; the others are settled.
    expect(summary).toEqual({ applied: 1, conflicts: 1, rejected: 1 });
    const left = await db.outbox.toArray();
    expect(left.map((e) => e.fields?.topic)).toEqual(['Во время отправки']);
    const quarantine = await db.quarantine.toArray();
    expect(quarantine).toHaveLength(1);
    expect(quarantine[0]).toMatchObject({
      mutation_id: sent[2]!.mutation_id,
      reason: 'rejected',
      code: '23514',
      constraint: 'meetings_duration_range',
    });
    expect(quarantine[0]!.fields).toEqual(sent[2]!.fields);
  });

  it('settles an answer for an id that was not in the sent batch by its mutation_id, as without it', async () => {
    const { ctx } = await setUp(3);
    const { db } = ctx;
    const all = await readOutboxBatch(db, 10);
    const response: PushResponse = {
      results: all.map((m) => ({ mutation_id: m.mutation_id, status: 'applied' as const })),
    };
    const summary = await settlePushResults(db, response, all.slice(0, 1));
    expect(summary).toEqual({ applied: 3, conflicts: 0, rejected: 0 });
    expect(await db.outbox.count()).toBe(0);
  });
});
