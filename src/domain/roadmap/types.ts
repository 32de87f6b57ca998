// The shape shared by the roadmap's entry (seeding) and its edits: a task's own fields.
import type { RoadmapTask } from '../types';

/** A roadmap task's own fields: what a seeded or added task carries (no sync columns). */
export type RoadmapTaskFields = Pick<
  RoadmapTask,
  | 'school_id'
  | 'programme_id'
  | 'stage'
  | 'position'
  | 'title'
  | 'due_on'
  | 'done_on'
  | 'responsible'
  | 'status'
  | 'note'
>;
