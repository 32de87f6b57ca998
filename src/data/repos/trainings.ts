// Owns the courses of a person (mentor_trainings, курсовая подготовка): the live list with the
// school's validity period, and the staff's commands to add, correct and delete a course,
// each written with its outbox entry in one transaction. Also owns that period: on the
// school's synced row (schools.training_valid_years, the school admin's to change), or in
// the device's meta when the device holds no school row (device-only mode).
import { liveQuery } from 'dexie';
import {
  parseValidYears,
  trainingFields,
  validateTraining,
  validYearsOf,
  type TrainingInput,
} from '@/domain/training';
import type { IsoDate, MentorTraining, SyncedTable } from '@/domain/types';
import { assertValid, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import type { MetaEntry, ServerRow } from '../db';
import { deviceValidYearsKey } from '../deviceSettings';
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

/**
 * The school's validity period for courses: its row's (schools.training_valid_years) when
 * the device holds the row, else what was set on this device, else 3 years.
 */
export async function readValidYears(ctx: DataContext, schoolId?: string): Promise<number> {
  const school = schoolId ?? ctx.schoolId;
  const [row, kept] = await Promise.all([
    ctx.db.schools.get(school),
    ctx.db.meta.get(deviceValidYearsKey(school)),
  ]);
  return validYearsOfSchool(row, kept);
}

/** The same, for a reader that has the school row already: the row, else the device's value. */
export function validYearsOfSchool(
  row: ServerRow | undefined,
  kept: MetaEntry | undefined,
): number {
  return validYearsOf(row && row.deleted_at == null ? row.training_valid_years : kept?.value);
}

export function observeValidYears(ctx: DataContext, schoolId: string | null): Observable<number> {
  return liveQuery(() => readValidYears(ctx, schoolId ?? ctx.schoolId));
}

/**
 * Sets how many years a 36-hour course counts (typed text: a whole number from 1 to 10).
 * On the school's row, synced to every device of the school, when the device holds it (the
 * server takes it from the school admin only); else on this device. Returns the period.
 */
export async function setValidYears(
  ctx: DataContext,
  schoolId: string | null,
  text: string,
): Promise<number> {
  const parsed = parseValidYears(text);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const school = schoolId ?? ctx.schoolId;
  await writeTransaction(ctx.db, ['schools'], async () => {
    const row = await ctx.db.schools.get(school);
    if (!row || row.deleted_at != null) {
      await ctx.db.meta.put({ key: deviceValidYearsKey(school), value: parsed.years });
    } else if (row.training_valid_years !== parsed.years) {
      await patchRow(ctx.db, 'schools', school, { training_valid_years: parsed.years });
    }
  });
  return parsed.years;
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
