// What a pair should do next, derived from its stage and history (mentor home screen).
// Silence kills mentoring relationships, so it is surfaced before anything else is due.
import { daysBetween } from './dates';
import { fitsForm, LIVE_PAIR_STATUSES } from './formRules';
import { cleanText, dateRangeError, isIsoDate, type FieldError } from './validation';
import {
  MENTORING_FORMS,
  type IsoDate,
  type Meeting,
  type MentoringForm,
  type Pair,
  type PairMember,
  type Participant,
  type ParticipantKind,
  type PlanTask,
} from './types';
import { byRussianName } from './collation';

export const SILENCE_DAYS = 14;

export type NextStep =
  | { key: 'organisationalNotHeld' }
  | { key: 'noPlanningMeeting' }
  | { key: 'silence'; days: number }
  | { key: 'taskOverdue'; count: number }
  | { key: 'exitQuestionnaireDue' }
  | { key: 'draftNeedsApproval' }
  | { key: 'onTrack' };

export interface PairHistory {
  pair: Pick<Pair, 'status'>;
  meetings: readonly Pick<Meeting, 'type' | 'held_on' | 'deleted_at'>[];
  tasks: readonly Pick<PlanTask, 'due_on' | 'status' | 'deleted_at'>[];
  /** True when the programme is ending or over and the exit questionnaire is not filled. */
  exitQuestionnaireMissing?: boolean;
}

export function nextSteps(
  { pair, meetings, tasks, exitQuestionnaireMissing }: PairHistory,
  today: IsoDate,
): NextStep[] {
  if (pair.status === 'completed' || pair.status === 'ended_early') {
    return exitQuestionnaireMissing ? [{ key: 'exitQuestionnaireDue' }] : [];
  }
  const steps: NextStep[] = [];
  const held = meetings.filter((m) => m.deleted_at === null && m.held_on <= today);
  if (pair.status === 'draft') steps.push({ key: 'draftNeedsApproval' });
  // After the final meeting the opening steps are no longer due (a pair that met on paper
  // before the app, or ended its year, is never told to plan its first meeting).
  const finished = held.some((m) => m.type === 'final' || m.type === 'final_group');
  if (!finished && !held.some((m) => m.type === 'organisational')) {
    steps.push({ key: 'organisationalNotHeld' });
  } else if (!finished && !held.some((m) => m.type === 'planning')) {
    steps.push({ key: 'noPlanningMeeting' });
  }
  const last = held
    .map((m) => m.held_on)
    .sort()
    .at(-1);
  if (last && daysBetween(last, today) >= SILENCE_DAYS) {
    steps.push({ key: 'silence', days: daysBetween(last, today) });
  }
  const overdue = tasks.filter(
    (t) =>
      t.deleted_at === null &&
      t.due_on !== null &&
      t.due_on < today &&
      (t.status === 'todo' || t.status === 'in_progress'),
  ).length;
  if (overdue > 0) steps.push({ key: 'taskOverdue', count: overdue });
  if (exitQuestionnaireMissing) steps.push({ key: 'exitQuestionnaireDue' });
  return steps.length > 0 ? steps : [{ key: 'onTrack' }];
}

export interface PairInput {
  form: MentoringForm;
  title?: string | null;
  role_model?: string | null;
  mentorIds: readonly string[];
  menteeIds: readonly string[];
}

export function validatePair(input: PairInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!MENTORING_FORMS.includes(input.form)) errors.push({ field: 'form', key: 'required' });
  if (input.mentorIds.length === 0) errors.push({ field: 'mentors', key: 'chooseMentor' });
  if (input.menteeIds.length === 0) errors.push({ field: 'mentees', key: 'chooseMentee' });
  if (input.mentorIds.some((id) => input.menteeIds.includes(id))) {
    errors.push({ field: 'mentees', key: 'bothSides' });
  }
  return errors;
}

/** A pair's dates as a form may set them (absent: not set by this form). */
export interface PairDates {
  started_on?: IsoDate | null;
  ended_on?: IsoDate | null;
  order_date?: IsoDate | null;
}

/** What the device knows around a pair: the school's people, pairs and members. */
export interface PairRulesContext {
  people: ReadonlyMap<
    string,
    Pick<Participant, 'id' | 'full_name' | 'kind'> & { archived_on?: IsoDate | null }
  >;
  pairs: readonly Pick<Pair, 'id' | 'form' | 'status' | 'deleted_at'>[];
  members: readonly Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[];
  today: IsoDate;
  /** The programme's first day when the pair belongs to one (dates before it are refused). */
  programmeStartsOn?: IsoDate | null;
  /** The pair being edited (never compared with itself); absent for a new pair. */
  pairId?: string | null;
}

const SIDES = ['mentor', 'mentee'] as const;
const sideField = (side: 'mentor' | 'mentee') => (side === 'mentor' ? 'mentors' : 'mentees');
const idsOf = (input: PairInput, side: 'mentor' | 'mentee') =>
  side === 'mentor' ? input.mentorIds : input.menteeIds;

/**
 * pair_members_form_kind: everyone on a side must be of a kind the form allows there
 * (FORM_ROLE_KINDS). One error per side, naming the people who do not fit; the message
 * states the form's rule (errors.formKind.<form>).
 */
export function formKindErrors(input: PairInput, people: PairRulesContext['people']): FieldError[] {
  if (!MENTORING_FORMS.includes(input.form)) return [];
  return SIDES.flatMap((side) => {
    const misfits = idsOf(input, side).flatMap((id) => {
      const person = people.get(id);
      return person && !fitsForm(input.form, side, person.kind) ? [person.full_name] : [];
    });
    return misfits.length === 0
      ? []
      : [
          {
            field: sideField(side),
            key: `formKind.${input.form}`,
            params: { names: misfits.join(', ') },
          },
        ];
  });
}

/**
 * pairs_same_people_twice: a mentor and a mentee of this pair already sit on the same sides
 * of another live (draft, approved, active) pair of the same form. Returns "mentor – mentee"
 * for each such couple.
 */
export function samePeopleTwice(input: PairInput, context: PairRulesContext): string[] {
  const live = new Set(
    context.pairs
      .filter(
        (p) =>
          p.deleted_at === null &&
          p.id !== context.pairId &&
          p.form === input.form &&
          (LIVE_PAIR_STATUSES as readonly string[]).includes(p.status),
      )
      .map((p) => p.id),
  );
  const seats = new Set(
    context.members
      .filter((m) => m.deleted_at === null && live.has(m.pair_id))
      .map((m) => `${m.pair_id}|${m.side}|${m.participant_id}`),
  );
  const name = (id: string) => context.people.get(id)?.full_name ?? id;
  const couples: string[] = [];
  for (const mentor of input.mentorIds) {
    for (const mentee of input.menteeIds) {
      const twice = [...live].some(
        (pairId) =>
          seats.has(`${pairId}|mentor|${mentor}`) && seats.has(`${pairId}|mentee|${mentee}`),
      );
      if (twice) couples.push(`${name(mentor)} – ${name(mentee)}`);
    }
  }
  return couples;
}

/** started_on, ended_on and order_date, each when set: in range, and the end not before the start. */
export function pairDateErrors(
  dates: PairDates,
  today: IsoDate,
  programmeStartsOn: IsoDate | null = null,
): FieldError[] {
  const errors = (['started_on', 'ended_on', 'order_date'] as const).flatMap((field) => {
    const day = dates[field];
    return day ? dateRangeError(field, day, today, programmeStartsOn) : [];
  });
  if (dates.started_on && dates.ended_on && dates.ended_on < dates.started_on) {
    errors.push({ field: 'ended_on', key: 'endBeforeStart' });
  }
  return errors;
}

/**
 * Every rule of a pair as the server keeps it, checked on the device against what it holds:
 * validatePair, the form's role model, no second live pair of the same people in the same
 * form, no one who left the programme, dates in range. Call with the pair's FULL new member
 * lists (a group gaining a member: its current members plus her).
 */
export function validatePairAgainst(
  input: PairInput & PairDates,
  context: PairRulesContext,
): FieldError[] {
  const errors = validatePair(input);
  if (errors.some((e) => e.field === 'form')) return errors;
  errors.push(...formKindErrors(input, context.people));
  for (const side of SIDES) {
    const archived = idsOf(input, side).flatMap((id) => {
      const person = context.people.get(id);
      return person?.archived_on ? [person.full_name] : [];
    });
    if (archived.length > 0) {
      const names = archived.join(', ');
      errors.push({ field: sideField(side), key: 'personArchived', params: { names } });
    }
  }
  const twice = samePeopleTwice(input, context);
  if (twice.length > 0) {
    errors.push({ field: 'mentees', key: 'samePeopleTwice', params: { names: twice.join('; ') } });
  }
  errors.push(...pairDateErrors(input, context.today, context.programmeStartsOn ?? null));
  return errors;
}

export interface ApprovalInput {
  order_number: string;
  order_date: IsoDate;
}

/** A pair is approved by the director's order, and only when every member has consented. */
export function validateApproval(
  input: ApprovalInput,
  membersWithoutConsent: readonly string[],
  today: IsoDate,
  programmeStartsOn: IsoDate | null = null,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!cleanText(input.order_number)) errors.push({ field: 'order_number', key: 'required' });
  if (!isIsoDate(input.order_date)) errors.push({ field: 'order_date', key: 'date' });
  else if (input.order_date > today) errors.push({ field: 'order_date', key: 'dateInFuture' });
  else errors.push(...dateRangeError('order_date', input.order_date, today, programmeStartsOn));
  if (membersWithoutConsent.length > 0) {
    errors.push({
      field: 'members',
      key: 'memberWithoutConsent',
      params: { names: membersWithoutConsent.join(', ') },
    });
  }
  return errors;
}

/**
 * A member of a pair as the device knows them: from the participant row when the device holds
 * it, else from the name the server copied into pair_members.full_name (a mentee does not
 * receive the other mentees' cards, only their names).
 */
export interface PairPerson {
  id: string;
  full_name: string;
  /** Unknown (null) when only the name is known. */
  kind: ParticipantKind | null;
}

/**
 * The pair's live members by side, in membership order. A deleted participant is left out;
 * a member known by neither a card nor a name (not yet synced) too: there is nothing to show.
 */
export function pairPeople(
  members: readonly Pick<PairMember, 'participant_id' | 'side' | 'full_name' | 'deleted_at'>[],
  cards: ReadonlyMap<string, Pick<Participant, 'id' | 'full_name' | 'kind' | 'deleted_at'>>,
): { mentors: PairPerson[]; mentees: PairPerson[] } {
  const bySide = (side: 'mentor' | 'mentee'): PairPerson[] =>
    members.flatMap((m) => {
      if (m.deleted_at !== null || m.side !== side) return [];
      const card = cards.get(m.participant_id);
      if (card) return card.deleted_at === null ? [pick(card)] : [];
      return m.full_name ? [{ id: m.participant_id, full_name: m.full_name, kind: null }] : [];
    });
  return { mentors: bySide('mentor'), mentees: bySide('mentee') };
}

const pick = (p: Pick<Participant, 'id' | 'full_name' | 'kind'>): PairPerson => ({
  id: p.id,
  full_name: p.full_name,
  kind: p.kind,
});

/* Which side of a pair a user is on. A person can mentor one pair and be mentored in another;
   staff (curator, school admin) and device-only users run every pair. */
export interface PairPeople {
  mentors: readonly Pick<Participant, 'id'>[];
  mentees: readonly Pick<Participant, 'id'>[];
}

export type PairRole = 'mentor' | 'mentee' | 'staff';

/** The user's side in one pair: their own mentor or mentee seat first, else the school's staff. */
export function pairRoleOf(
  pair: PairPeople,
  memberships: readonly { role: string; participant_id: string | null }[],
): PairRole {
  // No account (device-only mode) means no seat in any pair: the user runs them all.
  const mine = new Set(memberships.map((m) => m.participant_id).filter((id) => id !== null));
  if (pair.mentors.some((p) => mine.has(p.id))) return 'mentor';
  if (pair.mentees.some((p) => mine.has(p.id))) return 'mentee';
  return 'staff';
}

/** The end reason written on a pair that ends because a member left the programme. */
export const ARCHIVE_END_REASON = 'Участник выбыл из программы';

/** What archiving a person does to one of her live pairs (shown before, done after). */
export interface ArchiveEffect {
  pairId: string;
  form: MentoringForm;
  /** Her side in that pair. */
  side: 'mentor' | 'mentee';
  /**
   * 'end': the pair ends early (an individual pair, or a group where nobody else is left on
   * her side); 'leave': she is removed from the group, which goes on.
   */
  effect: 'end' | 'leave';
  /** The other live members' names, to recognise the pair by. */
  others: string[];
}

/**
 * Her live (draft, approved, active) pairs and what archiving her does to each, in a stable
 * order (by form, then the others' names).
 */
export function archiveEffects(
  participantId: string,
  pairs: readonly Pick<Pair, 'id' | 'form' | 'status' | 'deleted_at'>[],
  members: readonly Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[],
  names: ReadonlyMap<string, string>,
): ArchiveEffect[] {
  const liveMembers = members.filter((m) => m.deleted_at === null);
  return pairs
    .filter(
      (p) => p.deleted_at === null && (LIVE_PAIR_STATUSES as readonly string[]).includes(p.status),
    )
    .flatMap((pair) => {
      const inPair = liveMembers.filter((m) => m.pair_id === pair.id);
      const mine = inPair.find((m) => m.participant_id === participantId);
      if (!mine) return [];
      const others = inPair.filter((m) => m.participant_id !== participantId);
      const sideLeft = others.some((m) => m.side === mine.side);
      return [
        {
          pairId: pair.id,
          form: pair.form,
          side: mine.side,
          effect: sideLeft ? ('leave' as const) : ('end' as const),
          others: others
            .map((m) => names.get(m.participant_id) ?? '')
            .filter(Boolean)
            .sort((a, b) => byRussianName(a, b)),
        },
      ];
    })
    .sort(
      (a, b) =>
        a.form.localeCompare(b.form) || a.others.join().localeCompare(b.others.join(), 'ru'),
    );
}
