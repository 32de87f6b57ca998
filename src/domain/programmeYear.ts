// The programme year (программа наставничества на учебный год): which academic year a day
// belongs to, a new year's default dates, the school's open year, and what closing a year
// does. The bases (participants) are school-wide rows: they carry over by themselves; only
// the unfinished pairs move into the next year.
import { EARLIEST_PROGRAMME_DATE, LIVE_PAIR_STATUSES } from './formRules';
import { currentProgramme } from './pairLife';
import { academicStartYear } from './roadmap';
import type { IsoDate, Pair, Programme, Uuid } from './types';
import { isIsoDate, schoolDate, type FieldError } from './validation';

/** The academic year starts on 1 September. */
export const YEAR_START_MONTH = 9;

/** `2026/2027` for any day from 1 September 2026 to 31 August 2027. */
export function academicYearOf(day: IsoDate): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const start = month >= YEAR_START_MONTH ? year : year - 1;
  return `${start}/${start + 1}`;
}

export function nextAcademicYear(academicYear: string): string {
  const start = academicStartYear(academicYear) + 1;
  return `${start}/${start + 1}`;
}

export function isAcademicYear(value: string): boolean {
  const match = /^(\d{4})\/(\d{4})$/.exec(value);
  return !!match && Number(match[2]) === Number(match[1]) + 1;
}

/**
 * A new year's dates: 1 September to 31 May. Seed 001 runs September to June, but its exit
 * monitoring is due in May; ending on 31 May opens the exit questionnaires
 * (EXIT_WINDOW_DAYS before the end) when that monitoring starts. June's tasks (publication,
 * the bases' update) may still fall after the end.
 */
export function defaultYearDates(academicYear: string): { starts_on: IsoDate; ends_on: IsoDate } {
  const start = academicStartYear(academicYear);
  return { starts_on: `${start}-09-01`, ends_on: `${start + 1}-05-31` };
}

/** The programme's name as the school's documents write it (stored text). */
export const programmeTitle = (academicYear: string) =>
  `Программа наставничества на ${academicYear} учебный год`;

type YearRow = Pick<Programme, 'id' | 'starts_on' | 'ends_on' | 'deleted_at' | 'closed_on'>;

export const isOpenYear = (p: Pick<Programme, 'deleted_at' | 'closed_on'>) =>
  p.deleted_at === null && !p.closed_on;

/**
 * The school's year to work in: among the open (not closed, not deleted) programmes, the one
 * whose dates hold today (pairLife's rule for new pairs); else the latest-starting open one.
 */
export function openProgramme<T extends YearRow>(
  programmes: readonly T[],
  today: IsoDate,
): T | null {
  const open = programmes.filter(isOpenYear);
  return (
    currentProgramme(open, today) ??
    [...open].sort((a, b) => (b.starts_on ?? '').localeCompare(a.starts_on ?? ''))[0] ??
    null
  );
}

/** The academic year a new programme starts for, today. */
export const yearToStart = (today: IsoDate) => academicYearOf(today);

export interface YearDatesInput {
  starts_on: IsoDate | null;
  ends_on: IsoDate | null;
}

/** Real dates, from 2020 on, the end not before the start. Keys are `errors.<key>`. */
export function validateYearDates(input: YearDatesInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['starts_on', 'ends_on'] as const) {
    const value = input[field];
    if (!value) errors.push({ field, key: 'required' });
    else if (!isIsoDate(value)) errors.push({ field, key: 'date' });
    else if (value < EARLIEST_PROGRAMME_DATE) {
      errors.push({
        field,
        key: 'dateTooEarly',
        params: { earliest: schoolDate(EARLIEST_PROGRAMME_DATE) },
      });
    }
  }
  if (errors.length === 0 && input.ends_on! < input.starts_on!) {
    errors.push({ field: 'ends_on', key: 'endBeforeStart' });
  }
  return errors;
}

/** Pairs that have not ended: they go on in the next year. */
export const isUnfinishedPair = (p: Pick<Pair, 'status' | 'deleted_at'>) =>
  p.deleted_at === null && (LIVE_PAIR_STATUSES as readonly string[]).includes(p.status);

type PairRow = Pick<Pair, 'id' | 'status' | 'deleted_at' | 'programme_id'>;

/** The unfinished pairs of a programme (null: those that belong to no year yet). */
export function unfinishedPairsOf<P extends PairRow>(
  pairs: readonly P[],
  programmeId: Uuid | null,
): P[] {
  return pairs.filter((p) => isUnfinishedPair(p) && (p.programme_id ?? null) === programmeId);
}

export interface ClosePlan {
  /** The next year: an existing open programme of that academic year, or a new one. */
  nextYear: string;
  existingNextId: Uuid | null;
  /** Fields of the new programme when there is none yet. */
  nextFields: Pick<
    Programme,
    'academic_year' | 'title' | 'forms' | 'current_stage' | 'starts_on' | 'ends_on'
  > | null;
  /** Unfinished pairs (draft, approved, active) of the closed year: they move. */
  movingPairIds: Uuid[];
  closedOn: IsoDate;
}

/**
 * What closing `programme` on `today` does: the next academic year's programme (reused when
 * the school already has it open) with its default dates, the unfinished pairs that move into it, and the closing day.
 * Finished pairs stay in their year; people are not touched.
 */
export function planCloseYear<P extends PairRow>(
  programme: Pick<Programme, 'id' | 'academic_year' | 'forms'>,
  programmes: readonly Pick<Programme, 'id' | 'academic_year' | 'deleted_at' | 'closed_on'>[],
  pairs: readonly P[],
  today: IsoDate,
): ClosePlan {
  const nextYear = nextAcademicYear(programme.academic_year);
  const existing = programmes.find(
    (p) => p.id !== programme.id && p.academic_year === nextYear && isOpenYear(p),
  );
  let nextFields: ClosePlan['nextFields'] = null;
  if (!existing) {
    nextFields = {
      academic_year: nextYear,
      title: programmeTitle(nextYear),
      forms: [...programme.forms],
      current_stage: 1,
      ...defaultYearDates(nextYear),
    };
  }
  return {
    nextYear,
    existingNextId: existing?.id ?? null,
    nextFields,
    movingPairIds: unfinishedPairsOf(pairs, programme.id).map((p) => p.id),
    closedOn: today,
  };
}
