// The programme year on the device (fake-indexeddb): starting a year writes the programme and
// the seeds' roadmap with their outbox entries; a task is edited in place; closing the year
// moves only the unfinished pairs into the next one. Every write goes through the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import {
  addRoadmapTask,
  closeProgrammeYear,
  deleteRoadmapTask,
  setCurrentStage,
  startProgrammeYear,
  updateProgrammeDates,
  updateRoadmapTask,
} from '@/data/repos/programmes';
import { readProgrammeYear } from '@/data/yearQueries';
import { SEED_ROADMAP } from '@/domain/roadmap';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './data/context';

const TODAY = '2026-12-01';
let ctx: DataContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.db.close());

const outboxOf = async (table: string) =>
  (await ctx.db.outbox.toArray()).filter((e) => e.table === table);

describe('starting a programme year', () => {
  it('writes the programme and the seeds’ roadmap, each with its outbox entry', async () => {
    const { programme, adoptedPairs } = await startProgrammeYear(ctx, {
      academicYear: '2026/2027',
    });
    expect(adoptedPairs).toBe(0);
    expect(await ctx.db.programmes.get(programme.id)).toMatchObject({
      academic_year: '2026/2027',
      starts_on: '2026-09-01',
      ends_on: '2027-05-31',
      current_stage: 1,
      closed_on: null,
      school_id: ctx.schoolId,
    });
    const tasks = await ctx.db.roadmap_tasks.where('programme_id').equals(programme.id).toArray();
    expect(tasks).toHaveLength(SEED_ROADMAP.length);
    expect(new Set(tasks.map((t) => t.stage))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(await outboxOf('programmes')).toHaveLength(1);
    const taskEntries = await outboxOf('roadmap_tasks');
    expect(taskEntries).toHaveLength(SEED_ROADMAP.length);
    expect(
      taskEntries.every((e) => e.op === 'insert' && e.fields.programme_id === programme.id),
    ).toBe(true);
  });

  it('creates nothing new when the year is already open (a double tap)', async () => {
    const first = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    const second = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    expect(second.programme.id).toBe(first.programme.id);
    expect(await ctx.db.programmes.count()).toBe(1);
    expect(await ctx.db.roadmap_tasks.count()).toBe(SEED_ROADMAP.length);
  });

  it('takes in the unfinished pairs that belonged to no year', async () => {
    const { pair } = await aPairWithPeople(ctx);
    expect(pair.programme_id).toBeNull();
    const { programme, adoptedPairs } = await startProgrammeYear(ctx, {
      academicYear: '2026/2027',
    });
    expect(adoptedPairs).toBe(1);
    expect((await ctx.db.pairs.get(pair.id))!.programme_id).toBe(programme.id);
  });

  it('refuses impossible dates, writing nothing', async () => {
    await expect(
      startProgrammeYear(ctx, {
        academicYear: '2026/2027',
        dates: { starts_on: '2026-09-01', ends_on: '2026-08-01' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.db.programmes.count()).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
  });
});

describe('following the year', () => {
  it('edits a task in place: done with its day, a note, a new date and responsible', async () => {
    const { programme } = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    const [task] = await ctx.db.roadmap_tasks.where('programme_id').equals(programme.id).toArray();
    await updateRoadmapTask(
      ctx,
      task!.id,
      { status: 'done', note: 'https://school.ru/order-1' },
      TODAY,
    );
    await updateRoadmapTask(
      ctx,
      task!.id,
      { due_on: '2026-10-15', responsible: 'Директор' },
      TODAY,
    );
    expect(await ctx.db.roadmap_tasks.get(task!.id)).toMatchObject({
      status: 'done',
      done_on: TODAY,
      note: 'https://school.ru/order-1',
      due_on: '2026-10-15',
      responsible: 'Директор',
    });
    // Unsent edits merge into the task's insert: the server gets the row as it is now.
    const entries = (await outboxOf('roadmap_tasks')).filter((e) => e.row_id === task!.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields).toMatchObject({
      status: 'done',
      done_on: TODAY,
      due_on: '2026-10-15',
    });
  });

  it('keeps a task as it was when the edit is refused', async () => {
    const { programme } = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    const [task] = await ctx.db.roadmap_tasks.where('programme_id').equals(programme.id).toArray();
    await expect(updateRoadmapTask(ctx, task!.id, { title: ' ' }, TODAY)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await ctx.db.roadmap_tasks.get(task!.id))!.title).toBe(task!.title);
  });

  it('adds a task at the end of its stage and deletes one as a tombstone', async () => {
    const { programme } = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    const added = await addRoadmapTask(
      ctx,
      programme.id,
      { title: 'Школьный конкурс «Наставник года»', stage: 7, due_on: '2027-05-20' },
      TODAY,
    );
    const stage7 = SEED_ROADMAP.filter((t) => t.stage === 7).length;
    expect(added).toMatchObject({ stage: 7, position: stage7, status: 'planned' });
    await deleteRoadmapTask(ctx, added.id);
    const data = await readProgrammeYear(ctx, { schoolId: ctx.schoolId, today: TODAY });
    expect(data.tasks.some((t) => t.id === added.id)).toBe(false);
    expect(data.tasks).toHaveLength(SEED_ROADMAP.length);
  });

  it('changes the year’s dates and current stage', async () => {
    const { programme } = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    await updateProgrammeDates(ctx, programme.id, {
      starts_on: '2026-09-01',
      ends_on: '2027-06-30',
    });
    await setCurrentStage(ctx, programme.id, 5);
    expect(await ctx.db.programmes.get(programme.id)).toMatchObject({
      ends_on: '2027-06-30',
      current_stage: 5,
    });
    await expect(setCurrentStage(ctx, programme.id, 8)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('closing the year', () => {
  it('moves the unfinished pairs into the next year; finished ones and people stay', async () => {
    const { programme } = await startProgrammeYear(ctx, { academicYear: '2026/2027' });
    const running = await aPairWithPeople(ctx);
    const finished = await aPairWithPeople(ctx);
    // Both were created in the open year (createPair puts a pair in the year holding today).
    for (const p of [running.pair, finished.pair]) {
      await ctx.db.pairs.update(p.id, { programme_id: programme.id });
    }
    await ctx.db.pairs.update(finished.pair.id, { status: 'completed' });
    const before = await readProgrammeYear(ctx, { schoolId: ctx.schoolId, today: TODAY });
    expect(before.unfinishedPairs).toBe(1);
    const people = await ctx.db.participants.count();

    const { next, movedPairs } = await closeProgrammeYear(ctx, programme.id, '2027-06-01');

    expect(movedPairs).toBe(1);
    expect(next).toMatchObject({ academic_year: '2027/2028', starts_on: '2027-09-01' });
    expect((await ctx.db.programmes.get(programme.id))!.closed_on).toBe('2027-06-01');
    expect((await ctx.db.pairs.get(running.pair.id))!.programme_id).toBe(next.id);
    expect((await ctx.db.pairs.get(finished.pair.id))!.programme_id).toBe(programme.id);
    expect(await ctx.db.participants.count()).toBe(people);
    expect(await ctx.db.roadmap_tasks.where('programme_id').equals(next.id).count()).toBe(
      SEED_ROADMAP.length,
    );
    const moved = (await outboxOf('pairs')).filter((e) => e.row_id === running.pair.id);
    expect(moved.at(-1)!.fields.programme_id).toBe(next.id);
    // The closed year is no longer the one to work in: the next one is.
    const after = await readProgrammeYear(ctx, { schoolId: ctx.schoolId, today: '2027-06-02' });
    expect(after.programme?.id).toBe(next.id);
    expect(after.unfinishedPairs).toBe(1);
    await expect(closeProgrammeYear(ctx, programme.id, '2027-06-02')).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
