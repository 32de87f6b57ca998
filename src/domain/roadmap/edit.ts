// Editing a roadmap task: the length limits, the checks on an edit (the server's own) and the
// columns a change writes, with done_on following the status.
import { MAX_COMMENT_LENGTH } from '../limits';
import type { IsoDate, RoadmapTask, RoadmapTaskStatus } from '../types';
import { ROADMAP_TASK_STATUSES } from '../types';
import { cleanText, isIsoDate, type FieldError } from '../validation';
import { isRoadmapStage, taskStatus } from './progress';
import type { RoadmapTaskFields } from './types';

export const MAX_TASK_TITLE_LENGTH = 500;
export const MAX_RESPONSIBLE_LENGTH = 500;
export const MAX_TASK_NOTE_LENGTH = MAX_COMMENT_LENGTH;

export interface RoadmapTaskInput {
  title?: string;
  due_on?: IsoDate | null;
  responsible?: string | null;
  status?: RoadmapTaskStatus;
  note?: string | null;
  stage?: number;
}

/**
 * A task needs a title (≤ 500); responsible ≤ 500, note or link ≤ 2000, a real date or none,
 * one of the statuses, a stage 1..7 (the server's checks). Keys are `errors.<key>`.
 */
export function validateRoadmapTask(input: RoadmapTaskInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.title !== undefined) {
    const title = cleanText(input.title);
    if (!title) errors.push({ field: 'title', key: 'required' });
    else if (title.length > MAX_TASK_TITLE_LENGTH) {
      errors.push({ field: 'title', key: 'tooLong', params: { max: MAX_TASK_TITLE_LENGTH } });
    }
  }
  const responsible = cleanText(input.responsible);
  if (responsible && responsible.length > MAX_RESPONSIBLE_LENGTH) {
    errors.push({ field: 'responsible', key: 'tooLong', params: { max: MAX_RESPONSIBLE_LENGTH } });
  }
  const note = cleanText(input.note);
  if (note && note.length > MAX_TASK_NOTE_LENGTH) {
    errors.push({ field: 'note', key: 'tooLong', params: { max: MAX_TASK_NOTE_LENGTH } });
  }
  if (input.due_on && !isIsoDate(input.due_on)) errors.push({ field: 'due_on', key: 'date' });
  if (input.status !== undefined && !ROADMAP_TASK_STATUSES.includes(input.status)) {
    errors.push({ field: 'status', key: 'status' });
  }
  if (input.stage !== undefined && !isRoadmapStage(input.stage)) {
    errors.push({ field: 'stage', key: 'stage' });
  }
  return errors;
}

/**
 * The columns a change writes: texts trimmed (blank → null), and done_on following the
 * status — set to today when a task becomes done, cleared when it is no longer done.
 */
export function roadmapTaskChanges(
  current: Pick<RoadmapTask, 'status' | 'done_on'> | null,
  input: RoadmapTaskInput,
  today: IsoDate,
): Partial<RoadmapTaskFields> {
  const out: Partial<RoadmapTaskFields> = {};
  if (input.title !== undefined) out.title = cleanText(input.title) ?? '';
  if (input.due_on !== undefined) out.due_on = input.due_on || null;
  if (input.responsible !== undefined) out.responsible = cleanText(input.responsible);
  if (input.note !== undefined) out.note = cleanText(input.note);
  if (input.stage !== undefined) out.stage = input.stage;
  if (input.status !== undefined) {
    out.status = input.status;
    const wasDone = current !== null && taskStatus(current) === 'done';
    if (input.status === 'done' && !wasDone) out.done_on = today;
    else if (input.status !== 'done') out.done_on = null;
  }
  return out;
}
