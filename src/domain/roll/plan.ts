// The import plan: each data row of the roll refused, matched to a person already in the app
// (updated or unchanged) or new.
// Invariants: a person already in the app is matched by her normalised name and never
// duplicated (her class may change from one year to the next; a differing known birth date or
// year means a namesake); every non-blank data row ends in exactly one of create, update,
// unchanged or refused.
import type { IsoDate, Participant } from '../types';
import { parseRollRow, type ParsedRow, type RefusedRow, type RollPerson } from './row';
import { cellText, isBlankRow, nameKey } from './text';
import type { RollDefaultKind, RollMapping, RollRow } from './types';

/** A person already in the app, as the matching needs her. */
export type ExistingPerson = Pick<
  Participant,
  | 'id'
  | 'kind'
  | 'full_name'
  | 'class_label'
  | 'birth_year'
  | 'birth_date'
  | 'is_minor'
  | 'position'
  | 'teaching_experience_years'
  | 'subject'
  | 'qualification_category'
  | 'is_manager'
  | 'phone'
  | 'email'
>;

export interface PlannedUpdate {
  rowNumber: number;
  id: string;
  full_name: string;
  /** Only the fields that change, with their new values. */
  changes: Partial<RollPerson>;
}

export interface RollPlan {
  create: ParsedRow[];
  update: PlannedUpdate[];
  /** Rows of people already there with nothing new. */
  unchanged: number[];
  refused: RefusedRow[];
}

type Birth = { date: IsoDate | null; year: number | null };

/** Two records of one name are one person unless both know the birth and it differs. */
function sameBirth(a: Birth, b: Birth): boolean {
  if (a.date && b.date) return a.date === b.date;
  if (a.year !== null && b.year !== null) return a.year === b.year;
  return true;
}

/** The fields of a matched person that the row changes. */
function changesFor(existing: ExistingPerson, row: ParsedRow): Partial<RollPerson> {
  const changes: Record<string, unknown> = {};
  for (const field of row.given) {
    // The kind, and the name's spelling (one person after folding), stay as the app has them.
    if (field === 'kind' || field === 'full_name') continue;
    if (field === 'is_minor' && existing.kind !== 'student') continue;
    if (field === 'is_manager' && existing.kind !== 'teacher') continue;
    const next = row.person[field];
    if ((existing[field] ?? null) !== next) changes[field] = next;
  }
  // The year of a known birth date follows it (participants_birth_date_year).
  if ('birth_date' in changes && !('birth_year' in changes) && row.person.birth_date) {
    const year = Number(row.person.birth_date.slice(0, 4));
    if (existing.birth_year !== year) changes.birth_year = year;
  }
  return changes as Partial<RollPerson>;
}

/**
 * The import plan: each row refused, matched to a person already there (updated or
 * unchanged) or new. A second row of the same person in the file is refused as a duplicate.
 */
export function planRoll(
  rows: readonly RollRow[],
  dataStart: number,
  mapping: RollMapping,
  defaultKind: RollDefaultKind,
  existing: readonly ExistingPerson[],
  today: IsoDate,
): RollPlan {
  const plan: RollPlan = { create: [], update: [], unchanged: [], refused: [] };
  const byName = new Map<string, ExistingPerson[]>();
  for (const person of existing) {
    const key = nameKey(person.full_name);
    byName.set(key, [...(byName.get(key) ?? []), person]);
  }
  const seen = new Map<string, { rowNumber: number; birth: Birth }[]>();
  const headerKey = rows[dataStart - 1]?.map(cellText).join('\u0000');
  for (let i = dataStart; i < rows.length; i++) {
    const cells = rows[i]!;
    if (isBlankRow(cells)) continue;
    // A header repeated on every printed page of the export.
    if (cells.map(cellText).join('\u0000') === headerKey) continue;
    const rowNumber = i + 1;
    const parsed = parseRollRow(cells, mapping, defaultKind, today, rowNumber);
    if (!('person' in parsed)) {
      plan.refused.push({ rowNumber, ...parsed });
      continue;
    }
    const key = nameKey(parsed.person.full_name);
    const birth = { date: parsed.person.birth_date, year: parsed.person.birth_year };
    const earlier = (seen.get(key) ?? []).find((s) => sameBirth(s.birth, birth));
    if (earlier) {
      plan.refused.push({
        rowNumber,
        name: parsed.person.full_name,
        reason: 'duplicate',
        params: { row: earlier.rowNumber },
      });
      continue;
    }
    seen.set(key, [...(seen.get(key) ?? []), { rowNumber, birth }]);
    const candidates = (byName.get(key) ?? []).filter((p) =>
      sameBirth({ date: p.birth_date ?? null, year: p.birth_year }, birth),
    );
    const sameKind = candidates.filter((p) => p.kind === parsed.person.kind);
    const matches = sameKind.length > 0 ? sameKind : candidates;
    if (matches.length > 1) {
      plan.refused.push({
        rowNumber,
        name: parsed.person.full_name,
        reason: 'ambiguous',
        params: { count: matches.length },
      });
    } else if (matches.length === 1) {
      const match = matches[0]!;
      const changes = changesFor(match, parsed);
      if (Object.keys(changes).length === 0) plan.unchanged.push(rowNumber);
      else plan.update.push({ rowNumber, id: match.id, full_name: match.full_name, changes });
    } else {
      plan.create.push(parsed);
    }
  }
  return plan;
}
