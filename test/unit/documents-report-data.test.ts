// The analytical report read from a real device database (fake-indexeddb): the year's
// meetings counted by type without reading them all (a deleted one no longer counts), the
// plans' tasks of the year's pairs, and the KPI table of the calendar year the year ends in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataContext } from '@/data/context';
import {
  kpiPeriodOf,
  observeAnalyticalReport,
  readAnalyticalReport,
  readInPages,
  type AnalyticalReportData,
} from '@/data/documentQueries';
import { deleteMeeting, logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { addTask, createPlan } from '@/data/repos/plans';
import { localIsoDate } from '@/domain/dates';
import { academicYearOf } from '@/domain/documents';
import { aPairWithPeople, freshContext } from './data/context';

const today = '2026-11-25';
const year = academicYearOf(today);
const opened: DataContext[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.db.close();
});

describe('the analytical report’s reads', () => {
  it('counts the year’s meetings by type, drops a deleted one, and reads the plans', async () => {
    const ctx = await freshContext();
    opened.push(ctx);
    const { pair, mentee } = await aPairWithPeople(ctx);
    await approvePair(ctx, pair.id, { order_number: '45-о', order_date: '2026-09-15' }, today);
    const log = (type: 'organisational' | 'regular' | 'final', held_on: string) =>
      logMeeting(
        ctx,
        pair.id,
        { type, held_on, duration_min: 45, format: 'in_person', notes: null },
        today,
      );
    await log('organisational', '2026-09-20');
    await log('regular', '2026-10-01');
    await log('regular', '2026-10-08');
    const gone = await log('regular', '2026-10-15');
    await deleteMeeting(ctx, gone.id);
    const plan = await createPlan(ctx, pair.id, { title: 'План', menteeId: mentee.id });
    await addTask(ctx, plan.id, null, { title: 'Первая', status: 'done', due_on: '2026-10-01' });
    await addTask(ctx, plan.id, null, { title: 'Вторая', due_on: '2026-11-01' });

    // A second pair of the year that only held regular meetings, and a draft whose meetings
    // (written straight to the device, as a pulled row would be) are not the year's.
    const second = await aPairWithPeople(ctx, { consents: false });
    await ctx.db.pairs.update(second.pair.id, {
      status: 'active',
      order_number: '46-о',
      order_date: '2026-09-16',
    });
    const draft = await aPairWithPeople(ctx, { consents: false });
    const stored = (await ctx.db.meetings.get(gone.id))!;
    for (const [id, pairId] of [
      ['s1', second.pair.id],
      ['s2', second.pair.id],
      ['d1', draft.pair.id],
    ] as const) {
      await ctx.db.meetings.add({
        ...(await ctx.db.meetings.where('pair_id').equals(pair.id).first())!,
        id,
        pair_id: pairId,
        type: 'regular',
        held_on: '2026-10-20',
        deleted_at: null,
      });
    }
    expect(stored.deleted_at).toEqual(expect.any(String));
    // Meetings deleted on another device arrive as the server's tombstones, which keep their
    // type and date (only the text is erased): they do not count either.
    for (const [id, pairId] of [
      ['t1', pair.id],
      ['t2', second.pair.id],
    ] as const) {
      await ctx.db.meetings.add({
        ...stored,
        id,
        pair_id: pairId,
        type: 'regular',
        held_on: '2026-10-21',
        topic: null,
        notes: null,
        agreements: null,
        version: 9,
        deleted_at: '2026-10-22T10:00:00.000Z',
      } as never);
    }

    const { facts, kpis } = await readAnalyticalReport(ctx, null, year, today);
    expect(facts.pairCount).toBe(2);
    expect(facts.meetings).toEqual({
      total: 5,
      byType: [
        { type: 'organisational', count: 1 },
        { type: 'regular', count: 4 },
      ],
      pairsWithout: 0,
    });
    expect(facts.plans).toEqual({ pairsWithPlan: 1, done: 1, total: 2, overdue: 1 });
    expect(kpis.period).toEqual({ year: 2027, half: null });
    expect(kpiPeriodOf(year)).toEqual({ year: 2027, half: null });
    expect(kpis.shares.find((s) => s.key === 'students_involved')).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
  });
});

describe('reading a whole table in pages', () => {
  it('gives every row once, in key order, whether the last page is full or not', async () => {
    const ctx = await freshContext();
    opened.push(ctx);
    await ctx.db.meta.bulkPut(
      Array.from({ length: 7 }, (_, i) => ({ key: `page-test.${i}`, value: i })),
    );
    const whole = await ctx.db.meta.toArray();
    expect(whole.length).toBeGreaterThanOrEqual(7);
    for (const size of [1, 2, 3, whole.length, whole.length + 1]) {
      expect(await readInPages(ctx.db.meta, (row) => row.key, size)).toEqual(whole);
    }
  });
});

describe('the live analytical report', () => {
  it('says what the one-off read says, and again after a meeting is logged', async () => {
    const ctx = await freshContext();
    opened.push(ctx);
    const { pair } = await aPairWithPeople(ctx);
    await approvePair(ctx, pair.id, { order_number: '45-о', order_date: '2026-09-15' }, today);
    const live = { year, schoolId: null };
    const seen: AnalyticalReportData[] = [];
    const subscription = observeAnalyticalReport(ctx, live).subscribe({
      next: (value) => {
        if (value) seen.push(value);
      },
    });
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      const before = await readAnalyticalReport(ctx, null, year, localIsoDate(new Date()));
      expect(seen[0]).toEqual(before);
      expect(before.facts.meetings.total).toBe(0);

      await logMeeting(
        ctx,
        pair.id,
        {
          type: 'regular',
          held_on: '2026-10-01',
          duration_min: 45,
          format: 'in_person',
          notes: null,
        },
        today,
      );
      await vi.waitFor(() => expect(seen.at(-1)!.facts.meetings.total).toBe(1));
    } finally {
      subscription.unsubscribe();
    }
  });
});
