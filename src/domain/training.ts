// Courses (курсовая подготовка) of teachers and other staff, and whether one counts: a course
// of 36 hours or more is valid for the school's period (schools.training_valid_years, 3 by
// default) from the day it was completed. Students' courses are stored but never count.
// The one definition of a valid course: the KPI rows (domain/kpi.ts and its SQL twin,
// `completed_on + make_interval(years => training_valid_years) > day`) use the same rule.
import { addDays } from './dates';
import { MAX_DAYS_AHEAD } from './formRules';
import type { IsoDate, MentorTraining, ParticipantKind } from './types';
import { cleanText, isIsoDate, schoolDate, type FieldError } from './validation';
import { byRussianName } from './collation';

/** The hours a course needs to count (курсы повышения квалификации не менее 36 часов). */
export const MIN_COUNTED_HOURS = 36;
export const DEFAULT_TRAINING_VALID_YEARS = 3;
export const MIN_TRAINING_HOURS = 0.5;
export const MAX_TRAINING_HOURS = 1000;
/** Earliest believable course date (a typo guard; staff records go back decades). */
export const EARLIEST_TRAINING_DATE: IsoDate = '1970-01-01';
export const TRAINING_LIMITS = { title: 500, provider: 500, certificate_number: 200 } as const;

export type TrainingRow = Pick<
  MentorTraining,
  'hours' | 'completed_on' | 'deleted_at' | 'started_on' | 'title'
>;

/**
 * What a course means today:
 * - `valid`: 36 h+, completed, and `today` is before `until` («действующая до …»);
 * - `expired`: 36 h+, but its period ended on `until` («истекла»);
 * - `short`: under 36 h, it never counts («менее 36 ч»);
 * - `ongoing`: not completed yet (no completion date, or one after today);
 * - `notCounted`: a student's course (stored, never counted).
 */
export type TrainingValidity =
  | { status: 'valid'; until: IsoDate }
  | { status: 'expired'; until: IsoDate }
  | { status: 'short' }
  | { status: 'ongoing' }
  | { status: 'notCounted' };

/** Only students' courses never count (teachers, managers and other staff do). */
export const trainingCounts = (kind: ParticipantKind | null | undefined): boolean =>
  kind !== 'student';

/** `years` calendar years after `day`; 29 February falls back to 28 February (as SQL does). */
export function addYears(day: IsoDate, years: number): IsoDate {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const date = new Date(Date.UTC(y + years, m - 1, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** The periods a school may choose (schools_training_valid_years_range). */
export const MIN_TRAINING_VALID_YEARS = 1;
export const MAX_TRAINING_VALID_YEARS = 10;

/** A period a school may choose: a whole number of years from 1 to 10. */
export const isValidYears = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= MIN_TRAINING_VALID_YEARS &&
  value <= MAX_TRAINING_VALID_YEARS;

/** The school's period, or the default when the school row does not say (1..10 years). */
export function validYearsOf(value: unknown): number {
  return isValidYears(value) ? value : DEFAULT_TRAINING_VALID_YEARS;
}

/** The period as typed («5», « 5 »): a whole number of years from 1 to 10, or why not. */
export function parseValidYears(
  text: string,
): { ok: true; years: number } | { ok: false; errors: FieldError[] } {
  const trimmed = text.trim();
  const years = /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (isValidYears(years)) return { ok: true, years };
  return {
    ok: false,
    errors: [
      {
        field: 'validYears',
        key: 'validYearsRange',
        params: { min: MIN_TRAINING_VALID_YEARS, max: MAX_TRAINING_VALID_YEARS },
      },
    ],
  };
}

/** The course's standing on `today` for a person of `kind`, with the school's period. */
export function trainingValidity(
  training: Pick<TrainingRow, 'hours' | 'completed_on'>,
  kind: ParticipantKind | null | undefined,
  today: IsoDate,
  validYears: number = DEFAULT_TRAINING_VALID_YEARS,
): TrainingValidity {
  if (!trainingCounts(kind)) return { status: 'notCounted' };
  if (!training.completed_on || training.completed_on > today) return { status: 'ongoing' };
  if (training.hours < MIN_COUNTED_HOURS) return { status: 'short' };
  const until = addYears(training.completed_on, validYears);
  return today < until ? { status: 'valid', until } : { status: 'expired', until };
}

/**
 * The person's valid course of 36 h+ on `today` that lasts longest, or null: what the KPI
 * «наставники, прошедшие обучение» counts. Deleted rows are ignored.
 */
export function validCourse<T extends TrainingRow>(
  trainings: readonly T[],
  kind: ParticipantKind | null | undefined,
  today: IsoDate,
  validYears: number = DEFAULT_TRAINING_VALID_YEARS,
): { training: T; until: IsoDate } | null {
  let best: { training: T; until: IsoDate } | null = null;
  for (const training of trainings) {
    if (training.deleted_at !== null) continue;
    const validity = trainingValidity(training, kind, today, validYears);
    if (validity.status === 'valid' && (!best || validity.until > best.until)) {
      best = { training, until: validity.until };
    }
  }
  return best;
}

/** A person's courses, the latest completed first (unfinished ones on top). */
export function sortTrainings<T extends TrainingRow>(trainings: readonly T[]): T[] {
  return trainings
    .filter((t) => t.deleted_at === null)
    .sort(
      (a, b) =>
        (b.completed_on ?? '\uffff').localeCompare(a.completed_on ?? '\uffff') ||
        (b.started_on ?? '').localeCompare(a.started_on ?? '') ||
        byRussianName(a.title, b.title),
    );
}

/** What the course form sends: texts as typed, hours as a number (NaN when not one). */
export interface TrainingInput {
  title: string;
  provider?: string | null;
  hours: number;
  started_on?: IsoDate | null;
  completed_on?: IsoDate | null;
  certificate_number?: string | null;
}

/** «72», «0,5», «16.5» → a number; anything else (or more than one decimal) → NaN. */
export function parseHours(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return /^\d{1,4}(\.\d)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function dateErrors(field: string, value: string | null, today: IsoDate): FieldError[] {
  if (!value) return [];
  if (!isIsoDate(value) || value < EARLIEST_TRAINING_DATE) return [{ field, key: 'date' }];
  const latest = addDays(today, MAX_DAYS_AHEAD);
  return value > latest
    ? [{ field, key: 'dateTooFarAhead', params: { latest: schoolDate(latest) } }]
    : [];
}

/** mentor_trainings_* constraints on the device, with keys the form translates. */
export function validateTraining(input: TrainingInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  const title = cleanText(input.title);
  if (!title) errors.push({ field: 'title', key: 'required' });
  for (const field of ['title', 'provider', 'certificate_number'] as const) {
    const max = TRAINING_LIMITS[field];
    if ((cleanText(input[field])?.length ?? 0) > max) {
      errors.push({ field, key: 'tooLong', params: { max } });
    }
  }
  const hours = input.hours;
  if (
    !Number.isFinite(hours) ||
    hours < MIN_TRAINING_HOURS ||
    hours > MAX_TRAINING_HOURS ||
    Math.round(hours * 10) !== hours * 10
  ) {
    errors.push({
      field: 'hours',
      key: 'hoursRange',
      params: { min: '0,5', max: MAX_TRAINING_HOURS },
    });
  }
  const started = cleanText(input.started_on);
  const completed = cleanText(input.completed_on);
  const startErrors = dateErrors('started_on', started, today);
  const endErrors = dateErrors('completed_on', completed, today);
  errors.push(...startErrors, ...endErrors);
  if (started && completed && !startErrors.length && !endErrors.length && completed < started) {
    errors.push({ field: 'completed_on', key: 'endBeforeStart' });
  }
  return errors;
}

/** The row's write columns from a valid input. */
export function trainingFields(input: TrainingInput) {
  return {
    title: input.title.trim().replace(/\s+/g, ' '),
    provider: cleanText(input.provider),
    hours: input.hours,
    started_on: cleanText(input.started_on),
    completed_on: cleanText(input.completed_on),
    certificate_number: cleanText(input.certificate_number),
  };
}
