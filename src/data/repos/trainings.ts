// Owns the courses of a person (mentor_trainings, курсовая подготовка): the live list with the
// school's validity period, and the staff's commands to add, correct and delete a course,
// each written with its outbox entry in one transaction.
import { liveQuery } from 'dexie';
import {
  trainingFields,
  validateTraining,
  validYearsOf,
  type TrainingInput,
} from '@/domain/training';
import type { IsoDate, MentorTraining, SyncedTable } from '@/domain/types';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import type { Observable } from '../queries';
import { deleteAndErase } from '../tombstones';
import { newSyncedRow } from './rows';

const TRAININGS: SyncedTable = 'mentor_trainings';

export interface PersonTrainings {
  /** The person's live courses, in no particular order (domain/training.ts sorts). */
  trainings: MentorTraining[];
  /** How many years a 36-hour course counts (the school's setting, 3 by default). */
  validYears: number;
}

/** The school's validity period for courses (schools.training_valid_years). */
export async function readValidYears(ctx: DataContext, schoolId?: string): Promise<number> {
  const school = await ctx.db.schools.get(schoolId ?? ctx.schoolId);
  return validYearsOf(school && school.deleted_at == null ? school.training_valid_years : null);
}

export function observeTrainings(
  ctx: DataContext,
  participantId: string,
): Observable<PersonTrainings> {
  return liveQuery(async () => {
    const [rows, person] = await Promise.all([
      ctx.db.mentor_trainings.where('participant_id').equals(participantId).toArray(),
      ctx.db.participants.get(participantId),
    ]);
    return {
      trainings: rows.filter((r) => r.deleted_at === null),
      validYears: await readValidYears(ctx, person?.school_id),
    };
  });
}

export async function addTraining(
  ctx: DataContext,
  participantId: string,
  input: TrainingInput,
  today: IsoDate,
): Promise<MentorTraining> {
  assertValid(validateTraining(input, today));
  return writeTransaction(ctx.db, [TRAININGS, 'participants'], async () => {
    const person = await ctx.db.participants.get(participantId);
    if (!person || person.deleted_at) throw new RowMissingError('participants', participantId);
    const row: MentorTraining = {
      ...newSyncedRow(ctx),
      school_id: person.school_id,
      participant_id: participantId,
      ...trainingFields(input),
    };
    return insertRow(ctx.db, TRAININGS, row);
  });
}

export async function updateTraining(
  ctx: DataContext,
  id: string,
  input: TrainingInput,
  today: IsoDate,
): Promise<void> {
  assertValid(validateTraining(input, today));
  await writeTransaction(ctx.db, [TRAININGS], async () => {
    await patchRow(ctx.db, TRAININGS, id, trainingFields(input));
  });
}

export async function deleteTraining(ctx: DataContext, id: string): Promise<void> {
  await writeTransaction(ctx.db, [TRAININGS], () => deleteAndErase(ctx.db, TRAININGS, id));
}
