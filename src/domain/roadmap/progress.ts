// The roadmap's stages (1..7, as the server's check allows) and where a task and each stage
// stand: a task's status, overdue or finished, each stage's progress, the overdue list and the
// stage with work left.
import type { IsoDate, RoadmapTask, RoadmapTaskStatus } from '../types';

export const ROADMAP_STAGES = [1, 2, 3, 4, 5, 6, 7] as const;
/** «Завершение наставничества»: exit questionnaires open once the school is here. */
export const FINAL_STAGE = 7;

type TaskState = Pick<RoadmapTask, 'status' | 'due_on' | 'deleted_at'>;

/** Rows from older servers carry no status: they are planned. */
export const taskStatus = (task: Pick<RoadmapTask, 'status'>): RoadmapTaskStatus =>
  task.status ?? 'planned';

/** Done, or decided against: nothing more to do. */
export const isFinished = (task: Pick<RoadmapTask, 'status'>) =>
  taskStatus(task) === 'done' || taskStatus(task) === 'skipped';

/** Its due date has passed (before today) and it is neither done nor skipped. */
export function isOverdue(task: TaskState, today: IsoDate): boolean {
  return (
    task.deleted_at === null && !isFinished(task) && task.due_on !== null && task.due_on < today
  );
}

export interface StageProgress {
  stage: number;
  total: number;
  /** Done or skipped. */
  finished: number;
  done: number;
  skipped: number;
  overdue: number;
  /** finished / total (0 when the stage has no tasks). */
  share: number;
}

/** Each stage's progress: finished (done or skipped) of all its live tasks. */
export function stageProgress(
  tasks: readonly (TaskState & Pick<RoadmapTask, 'stage'>)[],
  today: IsoDate,
): StageProgress[] {
  return ROADMAP_STAGES.map((stage) => {
    const live = tasks.filter((t) => t.deleted_at === null && t.stage === stage);
    const done = live.filter((t) => taskStatus(t) === 'done').length;
    const skipped = live.filter((t) => taskStatus(t) === 'skipped').length;
    const finished = done + skipped;
    return {
      stage,
      total: live.length,
      finished,
      done,
      skipped,
      overdue: live.filter((t) => isOverdue(t, today)).length,
      share: live.length === 0 ? 0 : finished / live.length,
    };
  });
}

/** The live tasks past their date and not finished, earliest due first. */
export function overdueTasks<T extends TaskState & Pick<RoadmapTask, 'stage' | 'position'>>(
  tasks: readonly T[],
  today: IsoDate,
): T[] {
  return tasks
    .filter((t) => isOverdue(t, today))
    .sort(
      (a, b) =>
        (a.due_on ?? '').localeCompare(b.due_on ?? '') ||
        a.stage - b.stage ||
        a.position - b.position,
    );
}

/** The first stage with work left (the curator's stage is hers to set; this is a hint). */
export function suggestedStage(tasks: readonly (TaskState & Pick<RoadmapTask, 'stage'>)[]): number {
  const open = tasks.filter((t) => t.deleted_at === null && !isFinished(t)).map((t) => t.stage);
  return open.length === 0 ? FINAL_STAGE : Math.min(...open);
}

export function isRoadmapStage(value: number): boolean {
  return (ROADMAP_STAGES as readonly number[]).includes(value);
}
