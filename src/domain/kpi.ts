// The municipal KPI table (seed 004, «Показатели мониторинга эффективности реализации Целевой
// модели наставничества»): eleven shares and five yes/no document rows for one school and one
// calendar year or half-year. Pure: the school's live rows in, the table out.
// ONE definition of each indicator: supabase/schemas/830_school_kpis.sql computes the same
// numerators and denominators (public.school_kpis), test/db/kpi-equal.test.ts runs both on the
// same data. Change a rule here and there together.
//
// The definitions (what must always hold, in both places):
// - Period: a calendar year (01-01..12-31) or its half (01-01..06-30, 07-01..12-31). Targets
//   are yearly: a half-year is held against its year's target.
// - The roll: participants not deleted and not archived before the period starts
//   (archived_on null or ≥ from). Every denominator counts people on the roll.
// - Involved: a member (either side) of a pair that is approved, active or completed, not
//   deleted, whose span overlaps the period: starts on started_on, else order_date (none:
//   from the start), ends on ended_on (none: still going).
// - Age at the period's end: from birth_date when known, else the year of the period's end
//   minus birth_year (the age reached during that year); unknown without either.
// - Managers: is_manager and not a student. Teachers: kind 'teacher' and not a manager.
// - Young teachers: teachers with teaching_experience_years ≤ 3 and age < 35; supported = a
//   mentee of an involved pair. A teacher neither surely in nor surely out (experience or age
//   unknown) is left out of both counts and reported.
// - Students 15–19 as mentors: students aged 15..19 at the period's end; numerator = those on
//   the mentor side of an involved pair. Students of unknown age are left out and reported.
// - Trained: ONE course of 36 hours or more (courses do not add up: «курсовая подготовка
//   36 ч. и более» is a programme of at least 36 hours, as on its certificate), completed on
//   or before the period's end and still valid then: completed_on + training_valid_years
//   years > the period's end (a 29 February + n years is 28 February). Students' courses
//   never count: only managers and teachers are counted.
// - Satisfaction: responses to a satisfaction template (audience 'mentor' → mentors, any
//   other → mentees), not deleted, submitted on a UTC day within the period, whose first
//   item is answered with a number; satisfied when that number is ≥ 7 (questionnaires.ts).
// - ДОО children and enterprises are not on a school's roll: their numerator and denominator
//   are the values the school enters (kpi_values of the period's year, rounded to whole
//   numbers); until both are entered the cell says what to fill in.
// - Documents: «да» when a live school_documents row of the kind has a date on or before the
//   period's end. In SQL: numerator 1 or 0 over denominator 1.
// A share with a missing or zero denominator carries an issue (what to fill in, and where),
// never a silent 0.
import {
  isSatisfied,
  satisfactionItemId,
  type QuestionnaireResponse,
  type QuestionnaireTemplateDefinition,
} from './questionnaires';
import type {
  IsoDate,
  KpiValue,
  MentorTraining,
  Pair,
  PairMember,
  Participant,
  SchoolDocument,
  SchoolDocumentKind,
  Uuid,
} from './types';
import { trainingValidity, validYearsOf } from './training';
import { isIsoDate, type FieldError } from './validation';

export const KPI_SHARE_KEYS = [
  'students_involved',
  'preschool_involved',
  'student_mentors_15_19',
  'managers_involved',
  'teachers_involved',
  'young_teachers_supported',
  'enterprises_mentoring',
  'managers_trained',
  'teachers_trained',
  'mentee_satisfaction',
  'mentor_satisfaction',
] as const;
export type KpiShareKey = (typeof KPI_SHARE_KEYS)[number];

/** The document rows of the table, in the seed's order, by school_documents kind. */
export const KPI_DOCUMENT_KINDS = [
  'regulation',
  'programme',
  'monitoring_indicators',
  'implementation_order',
  'roadmap',
] as const satisfies readonly SchoolDocumentKind[];
export type KpiDocumentKind = (typeof KPI_DOCUMENT_KINDS)[number];
export const documentIndicator = (kind: KpiDocumentKind) => `doc_${kind}`;

/** Indicators whose numerator and denominator the school enters (not on its roll). */
export const ENTERED_KEYS = ['preschool_involved', 'enterprises_mentoring'] as const;
export const isEnteredKey = (key: string): boolean =>
  (ENTERED_KEYS as readonly string[]).includes(key);

/**
 * The seed's targets, %, for 2020…2024: the default. A municipality's target
 * (municipal_kpi_targets) wins over it, and the school's own (kpi_values) over both.
 */
export const DEFAULT_TARGETS: Record<KpiShareKey, readonly number[]> = {
  students_involved: [10, 20, 40, 60, 70],
  preschool_involved: [10, 20, 40, 60, 70],
  student_mentors_15_19: [2, 4, 6, 8, 10],
  managers_involved: [5, 10, 12, 15, 20],
  teachers_involved: [10, 20, 25, 30, 35],
  young_teachers_supported: [10, 20, 40, 60, 70],
  enterprises_mentoring: [2, 10, 15, 25, 30],
  managers_trained: [5, 10, 12, 15, 20],
  teachers_trained: [10, 20, 25, 30, 35],
  mentee_satisfaction: [50, 60, 70, 80, 85],
  mentor_satisfaction: [50, 60, 70, 80, 85],
};
export const DEFAULT_TARGET_FIRST_YEAR = 2020;
export const DEFAULT_TARGET_LAST_YEAR = 2024;
export const MIN_KPI_YEAR = 2020;
export const MAX_KPI_YEAR = 2100;
/** The seed's bands: students 15–19, young teachers under 35 in their first three years. */
const BANDS = { studentFrom: 15, studentTo: 19, youngTeacherUnder: 35, firstYears: 3 } as const;

/** A calendar year, or its first (1) or second (2) half. */
export interface KpiPeriod {
  year: number;
  half: 1 | 2 | null;
}

export function periodRange(period: KpiPeriod): { from: IsoDate; to: IsoDate } {
  const y = String(period.year).padStart(4, '0');
  if (period.half === 1) return { from: `${y}-01-01`, to: `${y}-06-30` };
  if (period.half === 2) return { from: `${y}-07-01`, to: `${y}-12-31` };
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

type Template = Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>;

/** The school's rows the table is computed from (deleted rows are ignored wherever they are). */
export interface KpiInput {
  participants: readonly Participant[];
  pairs: readonly Pair[];
  members: readonly PairMember[];
  trainings: readonly MentorTraining[];
  templates: readonly Template[];
  responses: readonly QuestionnaireResponse[];
  documents: readonly SchoolDocument[];
  kpiValues: readonly KpiValue[];
  /** The targets the school's municipality set, as last fetched (none: not fetched yet). */
  municipalTargets?: readonly MunicipalTarget[];
  /** schools.training_valid_years (null: the default, 3). */
  trainingValidYears: number | null;
}

/** What to fill in for a cell to count (a message key under `kpi.issues.`, with a count). */
export interface KpiIssue {
  key:
    | 'noStudents'
    | 'studentsAgeMissing'
    | 'noStudents1519'
    | 'noManagers'
    | 'noTeachers'
    | 'teachersAgeOrExperienceMissing'
    | 'noYoungTeachers'
    | 'enterPreschool'
    | 'enterEnterprises'
    | 'noMenteeAnswers'
    | 'noMentorAnswers';
  count?: number;
  /** Where the user fills it in. */
  where: 'people' | 'values' | 'questionnaires';
}

export interface KpiShareRow {
  key: KpiShareKey;
  numerator: number | null;
  denominator: number | null;
  /** Rounded whole percent; null when the share cannot be computed. */
  percent: number | null;
  /** %, the school's, else the municipality's, else the seed's; null: none for that year. */
  target: number | null;
  /** Where `target` comes from; null when there is none. */
  targetSource: TargetSource | null;
  /** Whether the share reaches the target (exact, not the rounded percent); null: unknown. */
  met: boolean | null;
  /** Entered by the school (ДОО, enterprises) rather than counted from the roll. */
  isEntered: boolean;
  issues: KpiIssue[];
}

export interface KpiDocumentRow {
  kind: KpiDocumentKind;
  indicator: string;
  adopted: boolean;
  /** The latest dated document of the kind (on or before the period's end), if any. */
  document: SchoolDocument | null;
}

export interface KpiTable {
  period: KpiPeriod;
  from: IsoDate;
  to: IsoDate;
  documents: KpiDocumentRow[];
  shares: KpiShareRow[];
}

/** One row as the SQL function returns it: the table's counts, nothing else. */
export interface KpiCount {
  indicator: string;
  numerator: number | null;
  denominator: number | null;
}

const live = <T extends { deleted_at: string | null }>(rows: readonly T[]) =>
  rows.filter((r) => r.deleted_at === null);

const parts = (iso: IsoDate) => iso.slice(0, 10).split('-').map(Number) as [number, number, number];

/** Whole years of age on `on`; null when neither the birth date nor the year is known. */
export function ageOn(
  person: Pick<Participant, 'birth_year'> & { birth_date?: IsoDate | null },
  on: IsoDate,
): number | null {
  const [y, m, d] = parts(on);
  if (person.birth_date) {
    const [by, bm, bd] = parts(person.birth_date);
    return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
  }
  return typeof person.birth_year === 'number' ? y - person.birth_year : null;
}

/**
 * Whether a course makes its holder "trained" at the end of the period: the one rule of
 * domain/training.ts (36 h+, completed, still valid that day; never a student's course).
 */
export function isValidTraining(
  training: Pick<MentorTraining, 'hours' | 'completed_on' | 'deleted_at'>,
  kind: Participant['kind'],
  on: IsoDate,
  validYears: number,
): boolean {
  if (training.deleted_at !== null) return false;
  const completed = training.completed_on?.slice(0, 10) ?? null;
  const hours = Number(training.hours);
  return (
    trainingValidity({ hours, completed_on: completed }, kind, on, validYears).status === 'valid'
  );
}

/** The UTC day of a timestamp (the server's `(t at time zone 'UTC')::date`). */
const utcDay = (timestamp: string) => new Date(timestamp).toISOString().slice(0, 10);

/** A yearly target set by the municipality (public.municipal_kpi_targets), %. */
export interface MunicipalTarget {
  indicator: string;
  year: number;
  value: number;
}

/** Who set the target a row is held against. */
export type TargetSource = 'school' | 'municipality' | 'default';

/**
 * The year's target and where it comes from: the school's own (kpi_values), else the
 * municipality's (municipal_kpi_targets), else the seed's for 2020–2024, else none.
 */
export function targetOf(
  key: KpiShareKey,
  year: number,
  values: readonly KpiValue[],
  municipal: readonly MunicipalTarget[] = [],
): { value: number; source: TargetSource } | null {
  const own = values.find(
    (v) => v.deleted_at === null && v.indicator === key && v.year === year && v.kind === 'target',
  );
  if (own) return { value: Number(own.value), source: 'school' };
  const set = municipal.find((m) => m.indicator === key && m.year === year);
  if (set) return { value: Number(set.value), source: 'municipality' };
  const fallback = DEFAULT_TARGETS[key][year - DEFAULT_TARGET_FIRST_YEAR];
  return fallback === undefined ? null : { value: fallback, source: 'default' };
}

/** The year's target value alone (see targetOf). */
export function targetFor(
  key: KpiShareKey,
  year: number,
  values: readonly KpiValue[],
  municipal: readonly MunicipalTarget[] = [],
): number | null {
  return targetOf(key, year, values, municipal)?.value ?? null;
}

function enteredValue(
  values: readonly KpiValue[],
  key: string,
  year: number,
  kind: 'numerator' | 'denominator',
): number | null {
  const row = values.find(
    (v) => v.deleted_at === null && v.indicator === key && v.year === year && v.kind === kind,
  );
  return row ? Math.round(Number(row.value)) : null;
}

interface Counted {
  numerator: number | null;
  denominator: number | null;
  issues: KpiIssue[];
}

const share = (numerator: number, denominator: number, issues: KpiIssue[] = []): Counted => ({
  numerator,
  denominator,
  issues,
});

/** Counts `ids` that are in `set`. */
const countIn = (ids: Iterable<Uuid>, set: ReadonlySet<Uuid>) => {
  let n = 0;
  for (const id of ids) if (set.has(id)) n += 1;
  return n;
};

function involvement(input: KpiInput, from: IsoDate, to: IsoDate) {
  const pairs = new Set<Uuid>();
  for (const p of input.pairs) {
    if (p.deleted_at !== null || !['approved', 'active', 'completed'].includes(p.status)) continue;
    const start = (p.started_on ?? p.order_date)?.slice(0, 10) ?? null;
    const end = p.ended_on?.slice(0, 10) ?? null;
    if ((start === null || start <= to) && (end === null || end >= from)) pairs.add(p.id);
  }
  const any = new Set<Uuid>();
  const mentors = new Set<Uuid>();
  const mentees = new Set<Uuid>();
  for (const m of input.members) {
    if (m.deleted_at !== null || !pairs.has(m.pair_id)) continue;
    any.add(m.participant_id);
    (m.side === 'mentor' ? mentors : mentees).add(m.participant_id);
  }
  return { any, mentors, mentees };
}

function satisfaction(input: KpiInput, from: IsoDate, to: IsoDate) {
  const templates = new Map(input.templates.map((t) => [t.id, t]));
  const out = { mentee: { n: 0, yes: 0 }, mentor: { n: 0, yes: 0 } };
  for (const r of input.responses) {
    const t = templates.get(r.template_id);
    if (!t || t.kind !== 'satisfaction' || r.deleted_at !== null || r.submitted_at === null)
      continue;
    const day = utcDay(r.submitted_at);
    if (day < from || day > to) continue;
    const item = satisfactionItemId(t);
    if (item === null || typeof r.answers[item] !== 'number') continue;
    const cell = t.audience === 'mentor' ? out.mentor : out.mentee;
    cell.n += 1;
    if (isSatisfied(r.answers, t)) cell.yes += 1;
  }
  return out;
}

/** The numerators and denominators of the eleven shares. */
function countShares(input: KpiInput, period: KpiPeriod): Record<KpiShareKey, Counted> {
  const { from, to } = periodRange(period);
  const roll = input.participants.filter(
    (p) => p.deleted_at === null && (!p.archived_on || p.archived_on.slice(0, 10) >= from),
  );
  const involved = involvement(input, from, to);
  const validYears = validYearsOf(input.trainingValidYears);
  const kindOf = new Map(roll.map((p) => [p.id, p.kind]));
  const trained = new Set<Uuid>();
  for (const t of input.trainings) {
    const kind = kindOf.get(t.participant_id);
    if (kind !== undefined && isValidTraining(t, kind, to, validYears))
      trained.add(t.participant_id);
  }

  const students = roll.filter((p) => p.kind === 'student');
  const managers = roll.filter((p) => p.is_manager === true && p.kind !== 'student');
  const teachers = roll.filter((p) => p.kind === 'teacher' && p.is_manager !== true);
  const managerIds = managers.map((p) => p.id);
  const teacherIds = teachers.map((p) => p.id);

  const teens: Uuid[] = [];
  let studentsAgeUnknown = 0;
  for (const s of students) {
    const age = ageOn(s, to);
    if (age === null) studentsAgeUnknown += 1;
    else if (age >= BANDS.studentFrom && age <= BANDS.studentTo) teens.push(s.id);
  }
  const young: Uuid[] = [];
  let teachersUnknown = 0;
  for (const t of teachers) {
    const age = ageOn(t, to);
    const exp = t.teaching_experience_years;
    const surelyOut =
      (typeof exp === 'number' && exp > BANDS.firstYears) ||
      (age !== null && age >= BANDS.youngTeacherUnder);
    if (surelyOut) continue;
    if (typeof exp === 'number' && age !== null) young.push(t.id);
    else teachersUnknown += 1;
  }

  const none = (key: KpiIssue['key'], where: KpiIssue['where'] = 'people'): KpiIssue[] => [
    { key, where },
  ];
  const counted = (
    ids: Uuid[],
    set: ReadonlySet<Uuid>,
    empty: KpiIssue[],
    extra: KpiIssue[] = [],
  ) => share(countIn(ids, set), ids.length, [...(ids.length === 0 ? empty : []), ...extra]);
  const entered = (key: KpiShareKey, issue: KpiIssue['key']): Counted => {
    const numerator = enteredValue(input.kpiValues, key, period.year, 'numerator');
    const denominator = enteredValue(input.kpiValues, key, period.year, 'denominator');
    const missing = numerator === null || denominator === null || denominator === 0;
    return { numerator, denominator, issues: missing ? none(issue, 'values') : [] };
  };
  const sat = satisfaction(input, from, to);
  const teenIssues: KpiIssue[] =
    studentsAgeUnknown > 0
      ? [{ key: 'studentsAgeMissing', count: studentsAgeUnknown, where: 'people' }]
      : [];
  const youngIssues: KpiIssue[] =
    teachersUnknown > 0
      ? [{ key: 'teachersAgeOrExperienceMissing', count: teachersUnknown, where: 'people' }]
      : [];

  return {
    students_involved: counted(
      students.map((p) => p.id),
      involved.any,
      none('noStudents'),
    ),
    preschool_involved: entered('preschool_involved', 'enterPreschool'),
    student_mentors_15_19: counted(
      teens,
      involved.mentors,
      studentsAgeUnknown > 0 ? [] : none('noStudents1519'),
      teenIssues,
    ),
    managers_involved: counted(managerIds, involved.any, none('noManagers')),
    teachers_involved: counted(teacherIds, involved.any, none('noTeachers')),
    young_teachers_supported: counted(
      young,
      involved.mentees,
      teachersUnknown > 0 ? [] : none('noYoungTeachers'),
      youngIssues,
    ),
    enterprises_mentoring: entered('enterprises_mentoring', 'enterEnterprises'),
    managers_trained: counted(managerIds, trained, none('noManagers')),
    teachers_trained: counted(teacherIds, trained, none('noTeachers')),
    mentee_satisfaction: share(
      sat.mentee.yes,
      sat.mentee.n,
      sat.mentee.n === 0 ? none('noMenteeAnswers', 'questionnaires') : [],
    ),
    mentor_satisfaction: share(
      sat.mentor.yes,
      sat.mentor.n,
      sat.mentor.n === 0 ? none('noMentorAnswers', 'questionnaires') : [],
    ),
  };
}

function documentRows(input: KpiInput, to: IsoDate): KpiDocumentRow[] {
  return KPI_DOCUMENT_KINDS.map((kind) => {
    const dated = live(input.documents)
      .filter((d) => d.kind === kind && !!d.dated_on && d.dated_on.slice(0, 10) <= to)
      .sort((a, b) => (b.dated_on ?? '').localeCompare(a.dated_on ?? ''));
    return {
      kind,
      indicator: documentIndicator(kind),
      adopted: dated.length > 0,
      document: dated[0] ?? null,
    };
  });
}

/** The KPI table of one school for the period. */
export function computeKpis(input: KpiInput, period: KpiPeriod): KpiTable {
  const { from, to } = periodRange(period);
  const counts = countShares(input, period);
  const shares = KPI_SHARE_KEYS.map((key): KpiShareRow => {
    const { numerator, denominator, issues } = counts[key];
    const set = targetOf(key, period.year, input.kpiValues, input.municipalTargets);
    const target = set?.value ?? null;
    const computable = numerator !== null && denominator !== null && denominator > 0;
    return {
      key,
      numerator,
      denominator,
      percent: computable ? Math.round((numerator / denominator) * 100) : null,
      target,
      targetSource: set?.source ?? null,
      met: computable && target !== null ? numerator * 100 >= target * denominator : null,
      isEntered: isEnteredKey(key),
      issues,
    };
  });
  return { period, from, to, documents: documentRows(input, to), shares };
}

/** The table's counts in the shape of public.school_kpis(): shares, then documents. */
export function kpiCounts(table: KpiTable): KpiCount[] {
  return [
    ...table.shares.map((s) => ({
      indicator: s.key,
      numerator: s.numerator,
      denominator: s.denominator,
    })),
    ...table.documents.map((d) => ({
      indicator: d.indicator,
      numerator: d.adopted ? 1 : 0,
      denominator: 1,
    })),
  ];
}

/** Every indicator key a kpi_values row may name. */
export const KPI_INDICATORS: readonly string[] = [
  ...KPI_SHARE_KEYS,
  ...KPI_DOCUMENT_KINDS.map(documentIndicator),
];

// ---- what the school enters ---------------------------------------------------------

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

/** Whether a year's targets are the school's to set (the seed fixes 2020–2024). */
export const isTargetEditable = (year: number) =>
  year > DEFAULT_TARGET_LAST_YEAR && year <= MAX_KPI_YEAR;
