// The programme year a school document speaks of: «2026/2027 учебный год», from its first to
// its last day (the programme's own dates when the school set them, else 1 September to
// 31 August), and which pairs, meetings and answers belong to it.
import type { IsoDate, Pair, Programme } from '../types';

export interface DocumentYear {
  /** «2026/2027». */
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** The academic year holding `day`: 1 September to 31 August. */
export function academicYearOf(day: IsoDate): DocumentYear {
  const year = Number(day.slice(0, 4));
  const first = day.slice(5) >= '09-01' ? year : year - 1;
  return { label: `${first}/${first + 1}`, from: `${first}-09-01`, to: `${first + 1}-08-31` };
}

const LABEL = /^(\d{4})\s*[/–-]\s*(\d{4})$/;

/** A programme row as a document year; null when its label says no year. */
export function programmeYear(
  programme: Pick<Programme, 'academic_year' | 'starts_on' | 'ends_on'>,
): DocumentYear | null {
  const match = LABEL.exec(programme.academic_year.trim());
  if (!match) return null;
  const standard = academicYearOf(`${match[1]}-09-01`);
  return {
    label: `${match[1]}/${match[2]}`,
    from: programme.starts_on ?? standard.from,
    to: programme.ends_on ?? standard.to,
  };
}

/**
 * The years to choose from, newest first: the school's programme years, the current
 * academic year and the one before it (a report is often written after the year ended).
 */
export function documentYears(
  programmes: readonly Pick<Programme, 'academic_year' | 'starts_on' | 'ends_on' | 'deleted_at'>[],
  today: IsoDate,
): DocumentYear[] {
  const current = academicYearOf(today);
  const previous = academicYearOf(`${Number(current.from.slice(0, 4)) - 1}-09-01`);
  const byLabel = new Map<string, DocumentYear>();
  for (const programme of programmes) {
    if (programme.deleted_at !== null) continue;
    const year = programmeYear(programme);
    if (year && !byLabel.has(year.label)) byLabel.set(year.label, year);
  }
  for (const year of [current, previous])
    if (!byLabel.has(year.label)) byLabel.set(year.label, year);
  return [...byLabel.values()].sort((a, b) => b.from.localeCompare(a.from));
}

export const isInYear = (day: IsoDate | null | undefined, year: DocumentYear): boolean =>
  !!day && day >= year.from && day <= year.to;

type YearPair = Pick<
  Pair,
  'status' | 'order_number' | 'order_date' | 'started_on' | 'ended_on' | 'deleted_at'
>;

/**
 * A pair of the year: approved by an order (not a draft, not deleted) and working at some
 * point of the year — it started (or was approved) by the year's end and had not ended
 * before its start.
 */
export function isPairOfYear(pair: YearPair, year: DocumentYear): boolean {
  if (pair.deleted_at !== null || pair.status === 'draft') return false;
  if (!pair.order_number || !pair.order_date) return false;
  const start = pair.started_on ?? pair.order_date;
  return start <= year.to && (pair.ended_on === null || pair.ended_on >= year.from);
}
