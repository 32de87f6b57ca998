// Write commands for the development plan (ИПР): the plan, its goals and its tasks. Each row
// carries the pair's school_id and pair_id (the server's composite foreign keys and the sync
// scopes need both); a goal's tasks carry its goal_id.
import { localIsoDate } from '@/domain/dates';
import { planTemplate } from '@/domain/planTemplates';
import {
  addWeeks,
  isPlanStatus,
  taskFields,
  validateGoal,
  validateMenteeComment,
  validatePlan,
  validateTask,
  type GoalInput,
  type PlanGoal,
  type PlanStatus,
  type TaskInput,
} from '@/domain/plans';
import type { DevelopmentPlan, IsoDate, PlanTask, SyncedTable } from '@/domain/types';
import { assertValid, cleanText, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import { nowIso } from '../ids';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { deleteAndErase } from '../tombstones';
import { newSyncedRow } from './rows';

/**
 * plan_goals is synced (server table, sync scopes, Dexie schema v2) but not yet listed in
 * SYNCED_TABLES of domain/types.ts; the outbox only needs its name.
 */
export const PLAN_GOALS: SyncedTable = 'plan_goals';
const PLAN_TABLES: SyncedTable[] = ['pairs', 'development_plans', PLAN_GOALS, 'plan_tasks'];

const goalsTable = (ctx: DataContext) => ctx.db.plan_goals;

async function livePlan(ctx: DataContext, planId: string): Promise<DevelopmentPlan> {
  const plan = await ctx.db.development_plans.get(planId);
  if (!plan || plan.deleted_at) throw new RowMissingError('development_plans', planId);
  return plan;
}

async function liveGoal(ctx: DataContext, goalId: string): Promise<PlanGoal> {
  const goal = await goalsTable(ctx).get(goalId);
  if (!goal || goal.deleted_at) throw new RowMissingError('plan_goals', goalId);
  return goal;
}

async function nextPosition(rows: Promise<{ position: number; deleted_at: string | null }[]>) {
  const positions = (await rows).filter((r) => !r.deleted_at).map((r) => r.position);
  return positions.length === 0 ? 0 : Math.max(...positions) + 1;
}

export interface CreatePlanInput {
  title: string;
  menteeId: string;
  /** A template of domain/planTemplates; none for an empty plan. */
  templateId?: string | null;
  /** The day template due dates count from; the pair's start, or today. */
  startOn?: IsoDate;
}

/**
 * Creates the pair's plan for one mentee, with the template's goals and tasks, in one
 * transaction. A mentee who already has a live plan in this pair keeps it (a double tap or a
 * second device creates nothing new).
 */
export async function createPlan(
  ctx: DataContext,
  pairId: string,
  input: CreatePlanInput,
): Promise<DevelopmentPlan> {
  assertValid(validatePlan(input));
  const template = input.templateId ? planTemplate(input.templateId) : undefined;
  if (input.templateId && !template) {
    throw new ValidationError([{ field: 'template', key: 'required' }]);
  }
  return writeTransaction(ctx.db, [...PLAN_TABLES, 'pair_members'], async () => {
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) throw new RowMissingError('pairs', pairId);
    const members = await ctx.db.pair_members.where('pair_id').equals(pairId).toArray();
    const isMentee = members.some(
      (m) => !m.deleted_at && m.side === 'mentee' && m.participant_id === input.menteeId,
    );
    assertValid(isMentee ? [] : [{ field: 'mentee_id', key: 'chooseMentee' }]);
    const existing = (await ctx.db.development_plans.where('pair_id').equals(pairId).toArray())
      .filter((p) => !p.deleted_at && p.mentee_id === input.menteeId)
      .sort((a, b) => a.created_at.localeCompare(b.created_at))[0];
    if (existing) return existing;

    const plan: DevelopmentPlan = {
      ...newSyncedRow(ctx),
      pair_id: pairId,
      mentee_id: input.menteeId,
      title: cleanText(input.title) ?? '',
      status: 'active',
    };
    await insertRow(ctx.db, 'development_plans', plan);
    const start = input.startOn ?? pair.started_on ?? localIsoDate(new Date());
    let taskPosition = 0;
    for (const [goalPosition, templateGoal] of (template?.goals ?? []).entries()) {
      const goal: PlanGoal = {
        ...newSyncedRow(ctx),
        pair_id: pairId,
        plan_id: plan.id,
        title: templateGoal.title,
        position: goalPosition,
      };
      await insertRow(ctx.db, PLAN_GOALS, goal);
      for (const step of templateGoal.tasks) {
        const task: PlanTask = {
          ...newSyncedRow(ctx),
          pair_id: pairId,
          plan_id: plan.id,
          goal_id: goal.id,
          title: step.title,
          activity: step.activity ?? null,
          expected_result: step.expected_result ?? null,
          due_on: step.dueWeeks === undefined ? null : addWeeks(start, step.dueWeeks),
          status: 'todo',
          result: null,
          position: taskPosition++,
        };
        await insertRow(ctx.db, 'plan_tasks', task);
      }
    }
    return plan;
  });
}

export async function setPlanStatus(
  ctx: DataContext,
  planId: string,
  status: PlanStatus,
): Promise<void> {
  assertValid(isPlanStatus(status) ? [] : [{ field: 'status', key: 'required' }]);
  await writeTransaction(ctx.db, ['development_plans'], async () => {
    await livePlan(ctx, planId);
    await patchRow(ctx.db, 'development_plans', planId, { status });
  });
}

export async function addGoal(
  ctx: DataContext,
  planId: string,
  input: GoalInput,
): Promise<PlanGoal> {
  assertValid(validateGoal(input));
  return writeTransaction(ctx.db, PLAN_TABLES, async () => {
    const plan = await livePlan(ctx, planId);
    const goal: PlanGoal = {
      ...newSyncedRow(ctx),
      school_id: plan.school_id,
      pair_id: plan.pair_id,
      plan_id: plan.id,
      title: cleanText(input.title) ?? '',
      position: await nextPosition(goalsTable(ctx).where('plan_id').equals(planId).toArray()),
    };
    await insertRow(ctx.db, PLAN_GOALS, goal);
    return goal;
  });
}

export async function renameGoal(ctx: DataContext, goalId: string, input: GoalInput) {
  assertValid(validateGoal(input));
  await writeTransaction(ctx.db, PLAN_TABLES, async () => {
    await liveGoal(ctx, goalId);
    await patchRow(ctx.db, PLAN_GOALS, goalId, { title: cleanText(input.title) });
  });
}

/** Tombstones the goal and every task under it. */
export async function deleteGoal(ctx: DataContext, goalId: string): Promise<void> {
  await writeTransaction(ctx.db, PLAN_TABLES, async () => {
    const goal = await goalsTable(ctx).get(goalId);
    if (!goal) return;
    const tasks = await ctx.db.plan_tasks.where('plan_id').equals(goal.plan_id).toArray();
    for (const task of tasks.filter((t) => t.goal_id === goalId)) {
      await deleteAndErase(ctx.db, 'plan_tasks', task.id);
    }
    await deleteAndErase(ctx.db, PLAN_GOALS, goalId);
  });
}

/** Adds a task to the plan, under a goal or (goalId null) directly. */
export async function addTask(
  ctx: DataContext,
  planId: string,
  goalId: string | null,
  input: TaskInput,
): Promise<PlanTask> {
  assertValid(validateTask(input));
  return writeTransaction(ctx.db, PLAN_TABLES, async () => {
    const plan = await livePlan(ctx, planId);
    if (goalId) {
      const goal = await liveGoal(ctx, goalId);
      if (goal.plan_id !== planId) throw new RowMissingError('plan_goals', goalId);
    }
    const fields = taskFields(input);
    const task: PlanTask = {
      ...newSyncedRow(ctx),
      school_id: plan.school_id,
      pair_id: plan.pair_id,
      plan_id: plan.id,
      goal_id: goalId,
      title: fields.title ?? '',
      activity: fields.activity ?? null,
      expected_result: fields.expected_result ?? null,
      due_on: fields.due_on ?? null,
      status: fields.status ?? 'todo',
      result: fields.result ?? null,
      position: await nextPosition(ctx.db.plan_tasks.where('plan_id').equals(planId).toArray()),
    };
    await insertRow(ctx.db, 'plan_tasks', task);
    return task;
  });
}

/** Changes what is given (title, due date, status, result, ...); the rest stays. */
export async function updateTask(
  ctx: DataContext,
  taskId: string,
  changes: Partial<TaskInput>,
): Promise<void> {
  const task = await ctx.db.plan_tasks.get(taskId);
  if (!task || task.deleted_at) throw new RowMissingError('plan_tasks', taskId);
  assertValid(validateTask({ ...task, ...changes, title: changes.title ?? task.title }));
  await writeTransaction(ctx.db, PLAN_TABLES, () =>
    patchRow(ctx.db, 'plan_tasks', taskId, taskFields(changes)),
  );
}

export async function deleteTask(ctx: DataContext, taskId: string): Promise<void> {
  await writeTransaction(ctx.db, PLAN_TABLES, () => deleteAndErase(ctx.db, 'plan_tasks', taskId));
}

/**
 * The mentee's "I did it" on a task of her own plan, with an optional comment: the only plan
 * fields she may write (the server refuses anything else: plan_mentee_fields_only). Marking
 * again keeps the first moment and updates the comment; the mentor confirms by marking the
 * task done.
 */
export async function markTaskDoneByMentee(
  ctx: DataContext,
  taskId: string,
  comment: string | null,
): Promise<void> {
  assertValid(validateMenteeComment(comment));
  await writeTransaction(ctx.db, ['plan_tasks'], async () => {
    const task = await ctx.db.plan_tasks.get(taskId);
    if (!task || task.deleted_at) throw new RowMissingError('plan_tasks', taskId);
    await patchRow(ctx.db, 'plan_tasks', taskId, {
      mentee_done_at: task.mentee_done_at ?? nowIso(),
      mentee_comment: cleanText(comment),
    });
  });
}
