// The rules every pair and every dated entry must keep, in ONE place for the app; the server
// keeps the same rules in SQL (supabase/schemas, private.form_role_kinds and the date checks)
// and test/db/rules-equal-forms.test.ts proves the two agree on the same cases.
import { addDays } from './dates';
import type { IsoDate, MentoringForm, ParticipantKind } from './types';

/**
 * Who may sit on each side of a form («учитель – учитель» needs two teachers; a student never
 * mentors a teacher). Data, not code: a new form is one more entry here and in SQL.
 */
export const FORM_ROLE_KINDS: Record<
  MentoringForm,
  { mentor: readonly ParticipantKind[]; mentee: readonly ParticipantKind[] }
> = {
  uchenik_uchenik: { mentor: ['student'], mentee: ['student'] },
  uchitel_uchitel: { mentor: ['teacher'], mentee: ['teacher'] },
  uchitel_uchenik: { mentor: ['teacher'], mentee: ['student'] },
  // A university or college student (recorded as a graduate of the school, or other).
  student_uchenik: { mentor: ['graduate', 'other'], mentee: ['student'] },
  rabotodatel_uchenik: { mentor: ['employer_staff', 'parent', 'other'], mentee: ['student'] },
  rabotodatel_student: {
    mentor: ['employer_staff', 'parent', 'other'],
    mentee: ['graduate', 'other'],
  },
};

export function fitsForm(
  form: MentoringForm,
  side: 'mentor' | 'mentee',
  kind: ParticipantKind,
): boolean {
  return FORM_ROLE_KINDS[form][side].includes(kind);
}

/**
 * The earliest date anything of the programme may carry: the target model exists since the
 * Ministry's directive Р-145 of 25.12.2019. A pair in a programme year starts no earlier than
 * that year.
 */
export const EARLIEST_PROGRAMME_DATE: IsoDate = '2020-01-01';
/** How far ahead a date may lie: a year and a day (a typo like 2062 is refused). */
export const MAX_DAYS_AHEAD = 366;

export type DateSanity = 'ok' | 'tooEarly' | 'tooFarAhead';

/** Is `date` inside [max(EARLIEST, programme start), today + MAX_DAYS_AHEAD]? */
export function dateSanity(
  date: IsoDate,
  today: IsoDate,
  programmeStartsOn: IsoDate | null = null,
): DateSanity {
  const earliest =
    programmeStartsOn && programmeStartsOn > EARLIEST_PROGRAMME_DATE
      ? programmeStartsOn
      : EARLIEST_PROGRAMME_DATE;
  if (date < earliest) return 'tooEarly';
  if (date > addDays(today, MAX_DAYS_AHEAD)) return 'tooFarAhead';
  return 'ok';
}

/** Statuses in which a pair still counts as running (a second one of the same people is refused). */
export const LIVE_PAIR_STATUSES = ['draft', 'approved', 'active'] as const;
