// Write commands for the programme year and its roadmap (programmes, roadmap_tasks: staff of
// the school write): starting a year with the seeds' roadmap, its dates and current stage,
// the roadmap's tasks (edit inline, add, delete), and closing a year into the next one. The
// rules are domain/programmeYear.ts and domain/roadmap.ts; each command validates, then
// writes the rows and their outbox entries in one transaction.
import {
  defaultYearDates,
  isAcademicYear,
  isOpenYear,
  planCloseYear,
  programmeTitle,
  unfinishedPairsOf,
  validateYearDates,
  type YearDatesInput,
} from '@/domain/programmeYear';
import {
  isRoadmapStage,
  roadmapTaskChanges,
  seedRoadmap,
  validateRoadmapTask,
  type RoadmapTaskFields,
  type RoadmapTaskInput,
} from '@/domain/roadmap';
import type { IsoDate, Pair, Programme, RoadmapTask, SyncedTable, Uuid } from '@/domain/types';
import { assertValid, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { deleteAndErase } from '../tombstones';
import { newSyncedRow } from './rows';

export const PROGRAMMES: SyncedTable = 'programmes';
export const ROADMAP_TASKS: SyncedTable = 'roadmap_tasks';
const YEAR_TABLES: SyncedTable[] = [PROGRAMMES, ROADMAP_TASKS, 'pairs'];

async function liveProgramme(ctx: DataContext, id: Uuid): Promise<Programme> {
  const programme = await ctx.db.programmes.get(id);
  if (!programme || programme.deleted_at) throw new RowMissingError('programmes', id);
  return programme;
}

async function liveTask(ctx: DataContext, id: Uuid): Promise<RoadmapTask> {
  const task = await ctx.db.roadmap_tasks.get(id);
  if (!task || task.deleted_at) throw new RowMissingError('roadmap_tasks', id);
  return task;
}

const schoolProgrammes = async (ctx: DataContext) =>
  (await ctx.db.programmes.where('school_id').equals(ctx.schoolId).toArray()).filter(
    (p) => p.deleted_at === null,
  );

const schoolPairs = async (ctx: DataContext) =>
  (await ctx.db.pairs.where('school_id').equals(ctx.schoolId).toArray()).filter(
    (p) => p.deleted_at === null,
  );

async function insertProgramme(
  ctx: DataContext,
  fields: Pick<
    Programme,
    'academic_year' | 'title' | 'forms' | 'current_stage' | 'starts_on' | 'ends_on'
  >,
): Promise<Programme> {
  const programme: Programme = { ...newSyncedRow(ctx), ...fields, closed_on: null };
  await insertRow(ctx.db, PROGRAMMES, programme);
  for (const task of seedRoadmap(programme)) await insertTask(ctx, task);
  return programme;
}

const insertTask = (ctx: DataContext, fields: RoadmapTaskFields) =>
  insertRow<RoadmapTask>(ctx.db, ROADMAP_TASKS, { ...newSyncedRow(ctx), ...fields });

/** Moves pairs into a programme year (their programme_id); returns how many moved. */
async function movePairs(ctx: DataContext, pairs: readonly Pick<Pair, 'id'>[], to: Uuid) {
  let moved = 0;
  for (const pair of pairs) {
    if (await patchRow(ctx.db, 'pairs', pair.id, { programme_id: to })) moved += 1;
  }
  return moved;
}

export interface StartYearInput {
  academicYear: string;
  dates?: YearDatesInput;
}

export interface StartYearResult {
  programme: Programme;
  /** Unfinished pairs that belonged to no year and now belong to this one. */
  adoptedPairs: number;
}

/**
 * Starts a programme year: the programme with its dates and the seeds' roadmap, in one
 * transaction. The school's unfinished pairs that belong to no year join it (every pair
 * belongs to one). A year the school already has open is returned as it is (a double tap or
 * a second device creates nothing new).
 */
export async function startProgrammeYear(
  ctx: DataContext,
  input: StartYearInput,
): Promise<StartYearResult> {
  if (!isAcademicYear(input.academicYear)) {
    throw new ValidationError([{ field: 'academic_year', key: 'academicYear' }]);
  }
  const dates = input.dates ?? defaultYearDates(input.academicYear);
  assertValid(validateYearDates(dates));
  return writeTransaction(ctx.db, YEAR_TABLES, async () => {
    const existing = (await schoolProgrammes(ctx)).find(
      (p) => isOpenYear(p) && p.academic_year === input.academicYear,
    );
    if (existing) return { programme: existing, adoptedPairs: 0 };
    const programme = await insertProgramme(ctx, {
      academic_year: input.academicYear,
      title: programmeTitle(input.academicYear),
      forms: [],
      current_stage: 1,
      starts_on: dates.starts_on,
      ends_on: dates.ends_on,
    });
    const orphans = unfinishedPairsOf(await schoolPairs(ctx), null);
    return { programme, adoptedPairs: await movePairs(ctx, orphans, programme.id) };
  });
}

/** The year's dates (both required, the end not before the start). */
export async function updateProgrammeDates(
  ctx: DataContext,
  programmeId: Uuid,
  dates: YearDatesInput,
): Promise<void> {
  assertValid(validateYearDates(dates));
  await writeTransaction(ctx.db, YEAR_TABLES, async () => {
    await liveProgramme(ctx, programmeId);
    await patchRow(ctx.db, PROGRAMMES, programmeId, {
      starts_on: dates.starts_on,
      ends_on: dates.ends_on,
    });
  });
}

/** The roadmap stage the school is at (1..7): the curator says. */
export async function setCurrentStage(
  ctx: DataContext,
  programmeId: Uuid,
  stage: number,
): Promise<void> {
  if (!isRoadmapStage(stage)) throw new ValidationError([{ field: 'stage', key: 'stage' }]);
  await writeTransaction(ctx.db, YEAR_TABLES, async () => {
    await liveProgramme(ctx, programmeId);
    await patchRow(ctx.db, PROGRAMMES, programmeId, { current_stage: stage });
  });
}

/** Adds a task at the end of a stage (planned unless said). */
export async function addRoadmapTask(
  ctx: DataContext,
  programmeId: Uuid,
  input: RoadmapTaskInput & { title: string; stage: number },
  today: IsoDate,
): Promise<RoadmapTask> {
  assertValid(validateRoadmapTask(input));
  return writeTransaction(ctx.db, YEAR_TABLES, async () => {
    const programme = await liveProgramme(ctx, programmeId);
    const siblings = (
      await ctx.db.roadmap_tasks.where('programme_id').equals(programmeId).toArray()
    ).filter((t) => t.deleted_at === null && t.stage === input.stage);
    const changes = roadmapTaskChanges(null, { status: 'planned', ...input }, today);
    return insertTask(ctx, {
      school_id: programme.school_id,
      programme_id: programme.id,
      stage: input.stage,
      position: siblings.length === 0 ? 0 : Math.max(...siblings.map((t) => t.position)) + 1,
      title: changes.title ?? '',
      due_on: changes.due_on ?? null,
      done_on: changes.done_on ?? null,
      responsible: changes.responsible ?? null,
      status: changes.status ?? 'planned',
      note: changes.note ?? null,
    });
  });
}

/** Changes what is given (date, responsible, status, note or link, title); the rest stays. */
export async function updateRoadmapTask(
  ctx: DataContext,
  taskId: Uuid,
  input: RoadmapTaskInput,
  today: IsoDate,
): Promise<void> {
  assertValid(validateRoadmapTask(input));
  await writeTransaction(ctx.db, YEAR_TABLES, async () => {
    const task = await liveTask(ctx, taskId);
    await patchRow(ctx.db, ROADMAP_TASKS, taskId, roadmapTaskChanges(task, input, today));
  });
}

/** Deletes a task: a tombstone, its texts erased on the device. */
export async function deleteRoadmapTask(ctx: DataContext, taskId: Uuid): Promise<void> {
  await writeTransaction(ctx.db, YEAR_TABLES, () => deleteAndErase(ctx.db, ROADMAP_TASKS, taskId));
}

export interface CloseYearResult {
  next: Programme;
  movedPairs: number;
}

/**
 * Closes a year: the next academic year's programme (the school's open one, or a new one with
 * the seeds' roadmap), the closed year's unfinished pairs moved into it, and closed_on on the
 * old one — one transaction. Finished pairs stay in their year; the people (the bases) are
 * school-wide and carry over untouched.
 */
export async function closeProgrammeYear(
  ctx: DataContext,
  programmeId: Uuid,
  today: IsoDate,
): Promise<CloseYearResult> {
  return writeTransaction(ctx.db, YEAR_TABLES, async () => {
    const programme = await liveProgramme(ctx, programmeId);
    if (programme.closed_on) throw new ValidationError([{ field: 'closed_on', key: 'closed' }]);
    const programmes = await schoolProgrammes(ctx);
    const plan = planCloseYear(programme, programmes, await schoolPairs(ctx), today);
    const next = plan.nextFields
      ? await insertProgramme(ctx, plan.nextFields)
      : await liveProgramme(ctx, plan.existingNextId!);
    const moving = plan.movingPairIds.map((id) => ({ id }));
    const movedPairs = await movePairs(ctx, moving, next.id);
    await patchRow(ctx.db, PROGRAMMES, programme.id, { closed_on: plan.closedOn });
    return { next, movedPairs };
  });
}
