// The school roll (контингент) as the school exports it: a sheet of rows with a title, merged
// header rows and blank lines, turned into a plan of people to create, people already there to
// update, and rows refused with a reason. Pure: the reading of files is src/import/, the writing
// src/data/rollImport.ts.
// Invariants: a person already in the app is matched by her normalised name and never
// duplicated (her class may change from one year to the next; a differing known birth date or
// year means a namesake); every non-blank data row ends in exactly one of create, update,
// unchanged or refused.
import type { IsoDate, Participant, ParticipantKind } from './types';
import { isIsoDate } from './validation';

export type RollCell = string | number | boolean | Date | null | undefined;
export type RollRow = readonly RollCell[];

/** What a column of the sheet may hold. */
export const ROLL_FIELDS = [
  'full_name',
  'last_name',
  'first_name',
  'middle_name',
  'kind',
  'class_label',
  'birth_date',
  'birth_year',
  'position',
  'teaching_experience_years',
  'subject',
  'qualification_category',
  'phone',
  'email',
] as const;
export type RollField = (typeof ROLL_FIELDS)[number];
/** One entry per column of the sheet: the field it holds, or null (ignored). */
export type RollMapping = (RollField | null)[];

/** Who the rows are when the sheet has no «Вид»/«Роль» column. */
export const ROLL_DEFAULT_KINDS = ['student', 'staff'] as const;
export type RollDefaultKind = (typeof ROLL_DEFAULT_KINDS)[number];

export const ROLL_LIMITS = {
  full_name: 200,
  text: 500,
  phone: 100,
  email: 200,
  experience: 70,
} as const;

/** How many rows from the top may hold the title and the header. */
const HEADER_SEARCH_ROWS = 30;

// ---------------------------------------------------------------------------------------------
// Text

/** Lower case, ё as е, punctuation as spaces, one space between words. */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key two spellings of one name share: case, spaces and ё folded. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

function cellText(cell: RollCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).replace(/\s+/g, ' ').trim();
}

const isBlankRow = (row: RollRow) => row.every((cell) => cellText(cell) === '');

// ---------------------------------------------------------------------------------------------
// The header

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

// ---------------------------------------------------------------------------------------------
// Values

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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------------------------------------
// Rows into people

/** The columns of a participant the roll writes. */
export interface RollPerson {
  kind: ParticipantKind;
  full_name: string;
  class_label: string | null;
  birth_date: IsoDate | null;
  birth_year: number | null;
  is_minor: boolean;
  position: string | null;
  teaching_experience_years: number | null;
  subject: string | null;
  qualification_category: string | null;
  is_manager: boolean;
  phone: string | null;
  email: string | null;
}

export const REFUSAL_REASONS = [
  'missingName',
  'nameTooLong',
  'impossibleDate',
  'impossibleYear',
  'yearMismatch',
  'badExperience',
  'badEmail',
  'tooLong',
  'unknownKind',
  'duplicate',
  'ambiguous',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface RefusedRow {
  /** The row's number in the sheet (1-based, as the spreadsheet shows it). */
  rowNumber: number;
  name: string | null;
  reason: RefusalReason;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  rowNumber: number;
  person: RollPerson;
  /** Which fields the sheet gave a value for (an empty cell never erases what is there). */
  given: ReadonlySet<keyof RollPerson>;
}

const ageOn = (birth: IsoDate, today: IsoDate) => {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return birth.slice(5) > today.slice(5) ? years - 1 : years;
};

/**
 * A student is a minor unless her birth date (or year, when the year alone cannot leave her
 * under 18) says she is 18 today; with no birth data she is taken as a minor (consent by a
 * parent is the safe side).
 */
export function isMinorOn(
  birthDate: IsoDate | null,
  birthYear: number | null,
  today: IsoDate,
): boolean {
  if (birthDate) return ageOn(birthDate, today) < 18;
  if (birthYear !== null) return Number(today.slice(0, 4)) - birthYear - 1 < 18;
  return true;
}

function valueOf(row: RollRow, mapping: RollMapping, field: RollField): RollCell {
  const index = mapping.indexOf(field);
  return index < 0 ? null : row[index];
}

type RowResult = ParsedRow | Omit<RefusedRow, 'rowNumber'>;

/** One data row into a person, or the first reason to refuse it. */
export function parseRollRow(
  row: RollRow,
  mapping: RollMapping,
  defaultKind: RollDefaultKind,
  today: IsoDate,
  rowNumber: number,
): RowResult {
  const text = (field: RollField) => cellText(valueOf(row, mapping, field)) || null;
  const joined = [text('last_name'), text('first_name'), text('middle_name')]
    .filter(Boolean)
    .join(' ');
  const name = (text('full_name') ?? joined).replace(/\s+/g, ' ').trim();
  const refuse = (reason: RefusalReason, params?: RefusedRow['params']) => ({
    name: name || null,
    reason,
    ...(params ? { params } : {}),
  });
  if (!/\p{L}/u.test(name)) return refuse('missingName');
  if (name.length > ROLL_LIMITS.full_name)
    return refuse('nameTooLong', { max: ROLL_LIMITS.full_name });

  const given = new Set<keyof RollPerson>(['full_name', 'kind']);
  const kindCell = parseKind(valueOf(row, mapping, 'kind'));
  if (kindCell === 'unknown') return refuse('unknownKind', { value: text('kind') ?? '' });
  const position = text('position');
  const kind: ParticipantKind =
    kindCell?.kind ?? (defaultKind === 'student' ? 'student' : 'teacher');
  const isManager = kind === 'teacher' && (!!kindCell?.isManager || isManagerPosition(position));

  const date = parseRollDate(valueOf(row, mapping, 'birth_date'));
  const year = parseRollDate(valueOf(row, mapping, 'birth_year'));
  if (date?.kind === 'invalid')
    return refuse('impossibleDate', { value: text('birth_date') ?? '' });
  if (year?.kind === 'invalid')
    return refuse('impossibleYear', { value: text('birth_year') ?? '' });
  let birthDate = date?.kind === 'date' ? date.date : null;
  if (year?.kind === 'date' && !birthDate) birthDate = year.date;
  const yearOf = (p: ParsedDate) =>
    p?.kind === 'year' ? p.year : p?.kind === 'date' ? Number(p.date.slice(0, 4)) : null;
  const birthYear = yearOf(year) ?? yearOf(date);
  const thisYear = Number(today.slice(0, 4));
  if (birthDate && (birthDate < '1900-01-01' || birthDate > today))
    return refuse('impossibleDate', { value: text('birth_date') ?? birthDate });
  if (birthYear !== null && (birthYear < 1900 || birthYear > thisYear))
    return refuse('impossibleYear', { value: String(birthYear) });
  if (birthDate && birthYear !== null && Number(birthDate.slice(0, 4)) !== birthYear)
    return refuse('yearMismatch', { year: birthYear });
  if (birthDate) given.add('birth_date');
  if (birthYear !== null) given.add('birth_year');

  const experience = parseYears(valueOf(row, mapping, 'teaching_experience_years'));
  if (experience === 'invalid')
    return refuse('badExperience', { value: text('teaching_experience_years') ?? '' });
  if (experience !== null) given.add('teaching_experience_years');

  const email = text('email');
  if (email && (!EMAIL.test(email) || email.length > ROLL_LIMITS.email))
    return refuse('badEmail', { value: email });

  const person: RollPerson = {
    kind,
    full_name: name,
    class_label: normaliseClassLabel(valueOf(row, mapping, 'class_label')),
    birth_date: birthDate,
    birth_year: birthYear,
    is_minor: kind === 'student' && isMinorOn(birthDate, birthYear, today),
    position,
    teaching_experience_years: experience,
    subject: text('subject'),
    qualification_category: text('qualification_category'),
    is_manager: isManager,
    phone: text('phone'),
    email,
  };
  const limits: [keyof RollPerson, number][] = [
    ['class_label', ROLL_LIMITS.text],
    ['position', ROLL_LIMITS.text],
    ['subject', ROLL_LIMITS.text],
    ['qualification_category', ROLL_LIMITS.text],
    ['phone', ROLL_LIMITS.phone],
  ];
  for (const [field, max] of limits) {
    const value = person[field];
    if (typeof value === 'string' && value.length > max) return refuse('tooLong', { field, max });
  }
  for (const field of [
    'class_label',
    'position',
    'subject',
    'qualification_category',
    'phone',
    'email',
  ] as const) {
    if (person[field] !== null) given.add(field);
  }
  if (kind === 'student') given.add('is_minor');
  if (kind === 'teacher') given.add('is_manager');
  return { rowNumber, person, given };
}

// ---------------------------------------------------------------------------------------------
// The plan

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

/**
 * What the preview shows of a plan: the counts, the first refused rows and the first new people.
 * The whole plan stays where it was made (the import worker) until the import: a 2,000-row
 * plan copied to the page on every column change would hold up its main thread.
 */
export interface RollPlanSummary {
  counts: { create: number; update: number; unchanged: number; refused: number };
  refused: RefusedRow[];
  create: ParsedRow[];
}

export const PREVIEW_LIMITS = { refused: 200, create: 20 } as const;

export function summarisePlan(plan: RollPlan): RollPlanSummary {
  return {
    counts: {
      create: plan.create.length,
      update: plan.update.length,
      unchanged: plan.unchanged.length,
      refused: plan.refused.length,
    },
    refused: plan.refused.slice(0, PREVIEW_LIMITS.refused),
    create: plan.create.slice(0, PREVIEW_LIMITS.create),
  };
}

/** What an applied import did. */
export interface RollImportResult {
  created: number;
  updated: number;
}

/** What undoing it did. */
export interface RollUndoResult {
  deleted: number;
  restored: number;
  /** New people kept because they are in a pair or have a consent by now. */
  kept: number;
}
