// Reading single cells of a roll row: birth dates and years (Excel serials, Russian and ISO
// text), teaching experience, class labels, and the kind of person a «Вид»/«Роль» cell names.
import type { IsoDate, ParticipantKind } from '../types';
import { isIsoDate } from '../validation';
import { cellText, foldText } from './text';
import { ROLL_LIMITS, type RollCell } from './types';

/** Excel's day 0 (serial 1 is 1900-01-01; 1900 was wrongly a leap year in Excel, hence the 30th). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOf(year: number, month: number, day: number): IsoDate | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export type ParsedDate =
  { kind: 'date'; date: IsoDate } | { kind: 'year'; year: number } | { kind: 'invalid' } | null;

/**
 * A birth date as a cell holds it: a Date (the sheet's own date cell, at UTC midnight), an Excel
 * serial number, text «дд.мм.гггг» or «гггг-мм-дд», or a bare year. Null when the cell is empty.
 */
export function parseRollDate(cell: RollCell): ParsedDate {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'invalid' };
    const date = isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return date ? { kind: 'date', date } : { kind: 'invalid' };
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1000 && cell <= 2999) return { kind: 'year', year: cell };
    if (cell > 0 && cell < 2_958_466) {
      const day = new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS);
      const date = isoOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
      if (date) return { kind: 'date', date };
    }
    return { kind: 'invalid' };
  }
  const text = String(cell)
    .trim()
    .replace(/\s*(г\.?|года?)$/i, '');
  if (text === '') return null;
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  if (m) {
    const date = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return date ? { kind: 'date', date } : { kind: 'invalid' };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) {
    const date = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { kind: 'date', date } : { kind: 'invalid' };
  }
  if (/^\d{4}$/.test(text)) return { kind: 'year', year: Number(text) };
  // A serial number that arrived as text (a CSV saved from a sheet with unformatted dates).
  if (/^\d{4,6}$/.test(text)) return parseRollDate(Number(text));
  return { kind: 'invalid' };
}

/** Teaching experience in whole years («12», «12,5 лет», 7.0). */
export function parseYears(cell: RollCell): number | null | 'invalid' {
  if (cell === null || cell === undefined || cell === '') return null;
  const text = typeof cell === 'number' ? String(cell) : cellText(cell);
  const m = /^(\d{1,3})(?:[.,]\d+)?(?:\s*(лет|года?|г\.?|years?))?$/i.exec(text);
  if (!m) return 'invalid';
  const years = Number(m[1]);
  return years <= ROLL_LIMITS.experience ? years : 'invalid';
}

/** «5 а», «5-А», «5«а»» → «5А»; anything else as written. */
export function normaliseClassLabel(cell: RollCell): string | null {
  const text = cellText(cell);
  if (text === '') return null;
  const m = /^(\d{1,2})\s*[-–"«']?\s*([а-яёa-z])\s*["»']?$/i.exec(text);
  return m ? `${m[1]}${m[2]!.toUpperCase()}` : text;
}

/** Is this position a manager's (руководящий работник), not a class teacher's? */
export function isManagerPosition(position: string | null): boolean {
  if (!position) return false;
  const text = foldText(position);
  return /директор|заместител|завуч|зам дир|руководитель (оу|образовательн|школ|учрежден)/.test(
    text,
  );
}

type KindValue = { kind: ParticipantKind; isManager: boolean };

/** A «Вид»/«Роль» cell: ученик, учитель, руководитель and their variants (Russian or English). */
export function parseKind(cell: RollCell): KindValue | null | 'unknown' {
  const text = foldText(cellText(cell));
  if (text === '') return null;
  if (/^(учени|учащ|обучающ|школьни|student|pupil)/.test(text))
    return { kind: 'student', isManager: false };
  if (/^(руковод|директор|заместител|завуч|администрац|manager|head|director)/.test(text))
    return { kind: 'teacher', isManager: true };
  if (/^(учител|педагог|преподават|сотрудни|работник|воспитател|teacher|staff)/.test(text))
    return { kind: 'teacher', isManager: false };
  return 'unknown';
}
