// Development plan (ИПР) rules: what a valid plan, goal and task is (the checks the database
// also enforces: *_title_not_blank, plan_tasks_status_valid, development_plans_status_valid),
// the plan's progress and its overdue tasks.
import { lengthErrors, MAX_COMMENT_LENGTH, MAX_NOTES_LENGTH } from './limits';
import { cleanText, isIsoDate, type FieldError } from './validation';
import {
  PLAN_TASK_STATUSES,
  type DevelopmentPlan,
  type IsoDate,
  type PlanTask,
  type PlanTaskStatus,
} from './types';

/** A goal of the plan (table plan_goals); its tasks point to it by goal_id. */
export type { PlanGoal } from './types';

export const PLAN_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;
export type PlanStatus = DevelopmentPlan['status'];

export const MAX_TITLE_LENGTH = 500;
export const MAX_PLAN_TEXT_LENGTH = MAX_NOTES_LENGTH;

function checkTitle(title: string | null | undefined, errors: FieldError[]): void {
  const clean = cleanText(title);
  if (!clean) errors.push({ field: 'title', key: 'required' });
  else if (clean.length > MAX_TITLE_LENGTH) {
    errors.push({ field: 'title', key: 'tooLong', params: { max: MAX_TITLE_LENGTH } });
  }
}

export interface PlanInput {
  title: string;
}

export function validatePlan(input: PlanInput): FieldError[] {
  const errors: FieldError[] = [];
  checkTitle(input.title, errors);
  return errors;
}

export function isPlanStatus(value: unknown): value is PlanStatus {
  return (PLAN_STATUSES as readonly unknown[]).includes(value);
}

export interface GoalInput {
  title: string;
}

export function validateGoal(input: GoalInput): FieldError[] {
  const errors: FieldError[] = [];
  checkTitle(input.title, errors);
  return errors;
}

export interface TaskInput {
  title: string;
  /** `YYYY-MM-DD`; empty or null means no due date. */
  due_on?: string | null;
  status?: PlanTaskStatus;
  result?: string | null;
  activity?: string | null;
  expected_result?: string | null;
}

/**
 * A task needs a title; a due date, when given, must be a real date. A result is welcome
 * when the task is done, but never required: the mentee may tell it later.
 */
export function validateTask(input: TaskInput): FieldError[] {
  const errors: FieldError[] = [];
  checkTitle(input.title, errors);
  const due = cleanText(input.due_on);
  if (due && !isIsoDate(due)) errors.push({ field: 'due_on', key: 'date' });
  if (input.status !== undefined && !PLAN_TASK_STATUSES.includes(input.status)) {
    errors.push({ field: 'status', key: 'required' });
  }
  for (const field of ['result', 'activity', 'expected_result'] as const) {
    if ((input[field]?.length ?? 0) > MAX_PLAN_TEXT_LENGTH) {
      errors.push({ field, key: 'tooLong', params: { max: MAX_PLAN_TEXT_LENGTH } });
    }
  }
  return errors;
}

/** The task's columns from valid input (texts trimmed, blanks as null); absent stays absent. */
export function taskFields(input: Partial<TaskInput>): Partial<PlanTask> {
  const out: Partial<PlanTask> = {};
  if (input.title !== undefined) out.title = cleanText(input.title) ?? '';
  if (input.due_on !== undefined) out.due_on = cleanText(input.due_on);
  if (input.status !== undefined) out.status = input.status;
  if (input.result !== undefined) out.result = cleanText(input.result);
  if (input.activity !== undefined) out.activity = cleanText(input.activity);
  if (input.expected_result !== undefined) out.expected_result = cleanText(input.expected_result);
  return out;
}

/** The mentee's "I did it" on a task: an optional short comment for the mentor. */
export function validateMenteeComment(comment: string | null): FieldError[] {
  return lengthErrors('mentee_comment', comment, MAX_COMMENT_LENGTH);
}

/**
 * The mentee said she did it and the mentor has not yet confirmed (by marking the task done):
 * the mentor sees «Отмечено наставляемым» with her comment.
 */
export function awaitsMentorConfirmation(
  task: Pick<PlanTask, 'status' | 'mentee_done_at'>,
): boolean {
  return !!task.mentee_done_at && isOpenTask(task);
}

type TaskState = Pick<PlanTask, 'status' | 'due_on' | 'deleted_at'>;

const alive = <T extends { deleted_at: string | null }>(tasks: readonly T[]) =>
  tasks.filter((t) => t.deleted_at === null);

export interface PlanProgress {
  done: number;
  /** Tasks that count: all but the cancelled ones. */
  total: number;
  /** done / total, from 0 to 1; 0 for a plan with nothing to do. */
  ratio: number;
}

/** Progress = done tasks out of all tasks that were not cancelled. */
export function planProgress(tasks: readonly TaskState[]): PlanProgress {
  const counted = alive(tasks).filter((t) => t.status !== 'cancelled');
  const done = counted.filter((t) => t.status === 'done').length;
  return { done, total: counted.length, ratio: counted.length === 0 ? 0 : done / counted.length };
}

/** Open means still to do: neither done nor cancelled. */
export function isOpenTask(task: Pick<PlanTask, 'status'>): boolean {
  return task.status === 'todo' || task.status === 'in_progress';
}

export function isOverdue(task: TaskState, today: IsoDate): boolean {
  return (
    task.deleted_at === null && isOpenTask(task) && task.due_on !== null && task.due_on < today
  );
}

/** Tasks past their due date and still open (the same rule as the pair's next steps). */
export function overdueTasks<T extends TaskState>(tasks: readonly T[], today: IsoDate): T[] {
  return tasks.filter((t) => isOverdue(t, today));
}

/** The open task due soonest (overdue ones first); undated tasks come last, in plan order. */
export function nextDueTask<T extends TaskState & Pick<PlanTask, 'position'>>(
  tasks: readonly T[],
): T | undefined {
  return [...alive(tasks)]
    .filter(isOpenTask)
    .sort(
      (a, b) =>
        (a.due_on ?? '\uffff').localeCompare(b.due_on ?? '\uffff') || a.position - b.position,
    )[0];
}

/** The date `weeks` weeks after `start` (both calendar dates, no time zone involved). */
export function addWeeks(start: IsoDate, weeks: number): IsoDate {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}
