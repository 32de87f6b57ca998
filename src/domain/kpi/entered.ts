// What the school enters on the KPI page: its adopted documents and the values it sets for a
// year (targets, and the numerators and denominators it counts itself), with their checks.
import type { IsoDate, KpiValue, SchoolDocumentKind } from '../types';
import { isIsoDate, type FieldError } from '../validation';
import { ENTERED_KEYS, type KpiShareKey } from './indicators';
import { MAX_KPI_YEAR, MIN_KPI_YEAR } from './targets';

/** A document the school adopted, as the form gives it (dated_on 'YYYY-MM-DD'). */
export interface SchoolDocumentInput {
  kind: SchoolDocumentKind;
  number: string;
  dated_on: string;
  note: string;
}

export const MAX_DOCUMENT_NUMBER_LENGTH = 200;
export const MAX_DOCUMENT_NOTE_LENGTH = 2000;

/** Errors carry keys under `kpi.errors.` (the form translates them and keeps the text). */
export function validateSchoolDocument(input: SchoolDocumentInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  const date = input.dated_on.trim();
  if (date === '') errors.push({ field: 'dated_on', key: 'dateRequired' });
  else if (!isIsoDate(date)) errors.push({ field: 'dated_on', key: 'date' });
  else if (date < '2000-01-01' || date > today)
    errors.push({ field: 'dated_on', key: 'dateRange' });
  if (input.number.trim().length > MAX_DOCUMENT_NUMBER_LENGTH)
    errors.push({ field: 'number', key: 'tooLong', params: { max: MAX_DOCUMENT_NUMBER_LENGTH } });
  if (input.note.trim().length > MAX_DOCUMENT_NOTE_LENGTH)
    errors.push({ field: 'note', key: 'tooLong', params: { max: MAX_DOCUMENT_NOTE_LENGTH } });
  return errors;
}

/** One value the school sets for a year; '' clears it. */
export interface KpiValueInput {
  indicator: KpiShareKey;
  year: number;
  kind: KpiValue['kind'];
  value: string;
}

/** The number typed (a comma is a decimal point); null for an empty field. */
export function parseKpiNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The values entered together (a target, or a numerator with its denominator). */
export function validateKpiValues(inputs: readonly KpiValueInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const parsed = new Map<string, number | null>();
  for (const input of inputs) {
    const field = `${input.indicator}.${input.kind}`;
    if (!Number.isInteger(input.year) || input.year < MIN_KPI_YEAR || input.year > MAX_KPI_YEAR) {
      errors.push({ field, key: 'year', params: { min: MIN_KPI_YEAR, max: MAX_KPI_YEAR } });
      continue;
    }
    const value = parseKpiNumber(input.value);
    if (value !== null && Number.isNaN(value)) errors.push({ field, key: 'number' });
    else if (value !== null && input.kind === 'target' && value > 100)
      errors.push({ field, key: 'percent' });
    else if (value !== null && input.kind !== 'target' && !Number.isInteger(value))
      errors.push({ field, key: 'wholeNumber' });
    else parsed.set(`${input.indicator}.${input.kind}`, value);
  }
  for (const key of ENTERED_KEYS) {
    const n = parsed.get(`${key}.numerator`);
    const d = parsed.get(`${key}.denominator`);
    if (typeof n === 'number' && typeof d === 'number' && n > d)
      errors.push({ field: `${key}.numerator`, key: 'moreThanTotal' });
  }
  return errors;
}
