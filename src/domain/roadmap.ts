// The programme year's roadmap (дорожная карта): seven stages, each with its tasks, a due date
// and who is responsible. The seeded tasks are the seeds' own (seed 001 «План внедрения
// „Дорожной карты“», with the normative tasks of seed 000's roadmap): data in Russian that
// becomes rows the curator then edits. Only the stages' names are translated
// (`year.stages.<n>`). Stages are data (1..7 here, as the server's check allows).
//
// The parts, in roadmap/: seed (the seeds' tasks as data), types (a task's own fields),
// progress (stages, status, overdue, progress per stage), edit (limits, checks, changes).
// This file is the entry every importer uses; it keeps the dates in the school year and the
// seeding of a programme's roadmap.
import { addDays } from './dates';
import type { IsoDate, Programme } from './types';
import { SEED_ROADMAP } from './roadmap/seed';
import type { RoadmapTaskFields } from './roadmap/types';

export { RESPONSIBLE, SEED_ROADMAP, type RoadmapSeedTask } from './roadmap/seed';
export type { RoadmapTaskFields } from './roadmap/types';
export {
  FINAL_STAGE,
  isFinished,
  isOverdue,
  isRoadmapStage,
  overdueTasks,
  ROADMAP_STAGES,
  stageProgress,
  suggestedStage,
  taskStatus,
  type StageProgress,
} from './roadmap/progress';
export {
  MAX_RESPONSIBLE_LENGTH,
  MAX_TASK_NOTE_LENGTH,
  MAX_TASK_TITLE_LENGTH,
  roadmapTaskChanges,
  validateRoadmapTask,
  type RoadmapTaskInput,
} from './roadmap/edit';

/** The first calendar year of an academic year `2026/2027` (2026). */
export function academicStartYear(academicYear: string): number {
  return Number(academicYear.slice(0, 4));
}

/** The last day of `month` of the academic year (September … December in its first year). */
export function dueInMonth(academicYear: string, month: number): IsoDate {
  const start = academicStartYear(academicYear);
  const year = month >= 9 ? start : start + 1;
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * The programme's roadmap as the seeds have it: every seed task with its due date in the
 * programme's academic year and its responsible, planned; positions count within a stage.
 */
export function seedRoadmap(
  programme: Pick<Programme, 'id' | 'school_id' | 'academic_year'>,
): RoadmapTaskFields[] {
  const positions = new Map<number, number>();
  return SEED_ROADMAP.map((seed) => {
    const position = positions.get(seed.stage) ?? 0;
    positions.set(seed.stage, position + 1);
    return {
      school_id: programme.school_id,
      programme_id: programme.id,
      stage: seed.stage,
      position,
      title: seed.title,
      due_on: dueInMonth(programme.academic_year, seed.month),
      done_on: null,
      responsible: seed.responsible,
      status: 'planned',
      note: null,
    };
  });
}
