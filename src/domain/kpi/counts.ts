// The numerators and denominators of the KPI table, from the school's live rows: who is on the
// roll, involved, young, trained, satisfied, and which documents are adopted. Pure.
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
import { isSatisfied, satisfactionItemId } from '../questionnaires';
import type { IsoDate, KpiValue, MentorTraining, Participant, Uuid } from '../types';
import { trainingValidity, validYearsOf } from '../training';
import { KPI_DOCUMENT_KINDS, documentIndicator, type KpiShareKey } from './indicators';
import type { KpiDocumentRow, KpiInput, KpiIssue, KpiPeriod } from './types';

/** The seed's bands: students 15–19, young teachers under 35 in their first three years. */
const BANDS = { studentFrom: 15, studentTo: 19, youngTeacherUnder: 35, firstYears: 3 } as const;

export function periodRange(period: KpiPeriod): { from: IsoDate; to: IsoDate } {
  const y = String(period.year).padStart(4, '0');
  if (period.half === 1) return { from: `${y}-01-01`, to: `${y}-06-30` };
  if (period.half === 2) return { from: `${y}-07-01`, to: `${y}-12-31` };
  return { from: `${y}-01-01`, to: `${y}-12-31` };
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
export function countShares(input: KpiInput, period: KpiPeriod): Record<KpiShareKey, Counted> {
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

export function documentRows(input: KpiInput, to: IsoDate): KpiDocumentRow[] {
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
