// Finding the header of a roll sheet among its title and blank lines, and guessing which field
// each column holds (and whether the rows are students or staff).
import type { RollDefaultKind, RollField, RollMapping, RollRow } from './types';
import { cellText, foldText, isBlankRow } from './text';

/** How many rows from the top may hold the title and the header. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Header words per field, in the order they are tried (the most specific first). The text is
 * folded (foldText) into words and single spaces; `\b` knows no Cyrillic, hence `(?= |$)`.
 */
const HEADER_PATTERNS: readonly [RollField | null, RegExp][] = [
  [null, /^(n|№|no|номер)( п п)?$|^п п$/],
  ['full_name', /^(фио|ф и о)(?= |$)|фамилия имя|full name|^name$/],
  ['birth_date', /дата рождения|число месяц год|date of birth|birth ?date|birthday|^д р$|^др$/],
  ['birth_year', /год рождения|year of birth|birth year/],
  ['last_name', /^фамилия$|surname|last name|family name/],
  ['middle_name', /^отчество$|middle name|patronymic/],
  ['first_name', /^имя$|first name|given name/],
  ['class_label', /^класс(?= |$)|^class(?= |$)|^grade(?= |$)|литера/],
  ['kind', /^вид(?= |$)|^роль(?= |$)|^role(?= |$)|^kind(?= |$)|^тип(?= |$)|категория участника/],
  ['teaching_experience_years', /стаж|experience/],
  ['qualification_category', /категория|квалификац|category|qualification/],
  ['position', /должность|position|job title/],
  ['subject', /предмет|дисциплин|subject/],
  ['phone', /телефон|^тел(?= |$)|phone|mobile/],
  ['email', /e ?mail|эл почта|электронн|почта/],
];

/** The field a header cell names, or null. */
export function guessField(header: string): RollField | null {
  const text = foldText(header);
  if (text === '') return null;
  for (const [field, pattern] of HEADER_PATTERNS) if (pattern.test(text)) return field;
  return null;
}

/** Each column's guessed field; a field goes to the first column that names it. */
export function guessMapping(headers: readonly string[]): RollMapping {
  const taken = new Set<RollField>();
  return headers.map((header) => {
    const field = guessField(header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

const headerScore = (headers: readonly string[]) =>
  new Set(guessMapping(headers).filter((f) => f !== null)).size;

/** A header over two rows (a merged group title above, or a cell merged down): lower first. */
function mergeHeaderRows(upper: RollRow, lower: RollRow): string[] {
  const width = Math.max(upper.length, lower.length);
  return Array.from({ length: width }, (_, c) => cellText(lower[c]) || cellText(upper[c]));
}

export interface RollHeader {
  /** Index (0-based) of the first data row. */
  dataStart: number;
  /** 1-based sheet row numbers the header spans. */
  headerRows: number[];
  headers: string[];
}

/**
 * Finds the header among the first rows: the row (or two rows, when their merge names more
 * fields) naming the most known fields. Null when no row names a person's name column.
 */
export function findHeader(rows: readonly RollRow[]): RollHeader | null {
  let best: (RollHeader & { score: number }) | null = null;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (isBlankRow(rows[i]!)) continue;
    const single = rows[i]!.map(cellText);
    const candidates: (RollHeader & { score: number })[] = [
      { dataStart: i + 1, headerRows: [i + 1], headers: single, score: headerScore(single) },
    ];
    if (i + 1 < rows.length && !isBlankRow(rows[i + 1]!)) {
      const merged = mergeHeaderRows(rows[i]!, rows[i + 1]!);
      candidates.push({
        dataStart: i + 2,
        headerRows: [i + 1, i + 2],
        headers: merged,
        score: headerScore(merged),
      });
    }
    for (const candidate of candidates) {
      // On a tie, the header alone beats its merge with the title line above it.
      const isBetter =
        candidate.score > (best?.score ?? 0) ||
        (candidate.score === best?.score &&
          candidate.dataStart === best.dataStart &&
          candidate.headerRows.length < best.headerRows.length);
      if (isBetter) best = candidate;
    }
  }
  if (!best || !hasNameColumns(guessMapping(best.headers))) return null;
  const { score: _score, ...header } = best;
  return header;
}

/** Whether the mapping names people: a full-name column, or surname and first name. */
export function hasNameColumns(mapping: RollMapping): boolean {
  return (
    mapping.includes('full_name') ||
    (mapping.includes('last_name') && mapping.includes('first_name'))
  );
}

/** Staff columns and no class column: a list of teachers and staff rather than students. */
export function guessDefaultKind(mapping: RollMapping): RollDefaultKind {
  const staff = ['position', 'teaching_experience_years', 'subject', 'qualification_category'];
  const hasStaffColumn = mapping.some((f) => f !== null && staff.includes(f));
  return hasStaffColumn && !mapping.includes('class_label') ? 'staff' : 'student';
}
