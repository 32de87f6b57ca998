// Validation results carry i18n keys, never text: the UI translates them, and the user's
// input stays in the form.
import { addDays } from './dates';
import { dateSanity, EARLIEST_PROGRAMME_DATE, MAX_DAYS_AHEAD } from './formRules';
import type { IsoDate } from './types';

export interface FieldError {
  field: string;
  /** i18n key under `errors.` */
  key: string;
  params?: Record<string, string | number>;
}

export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`validation failed: ${errors.map((e) => `${e.field}:${e.key}`).join(', ')}`);
    this.name = 'ValidationError';
  }
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Trims; an empty string becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Throws a ValidationError when there are errors. */
export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}

/** ISO date as the school writes it (ДД.ММ.ГГГГ), for messages. */
export function schoolDate(day: IsoDate): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * pairs_date_out_of_range / meetings_date_out_of_range on the device: a date before the
 * programme year (2020, or the programme's start) or more than a year ahead is a typo.
 */
export function dateRangeError(
  field: string,
  day: IsoDate,
  today: IsoDate,
  programmeStartsOn: IsoDate | null = null,
): FieldError[] {
  if (!isIsoDate(day)) return [{ field, key: 'date' }];
  const sanity = dateSanity(day, today, programmeStartsOn);
  if (sanity === 'ok') return [];
  const earliest =
    programmeStartsOn && programmeStartsOn > EARLIEST_PROGRAMME_DATE
      ? programmeStartsOn
      : EARLIEST_PROGRAMME_DATE;
  return sanity === 'tooEarly'
    ? [{ field, key: 'dateTooEarly', params: { earliest: schoolDate(earliest) } }]
    : [
        {
          field,
          key: 'dateTooFarAhead',
          params: { latest: schoolDate(addDays(today, MAX_DAYS_AHEAD)) },
        },
      ];
}
