// What a pair should do next, derived from its stage and history (mentor home screen).
// Silence kills mentoring relationships, so it is surfaced before anything else is due.
import { daysBetween } from './dates';
import { cleanText, isIsoDate, type FieldError } from './validation';
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
  if (!held.some((m) => m.type === 'organisational')) {
    steps.push({ key: 'organisationalNotHeld' });
  } else if (!held.some((m) => m.type === 'planning')) {
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

export interface ApprovalInput {
  order_number: string;
  order_date: IsoDate;
}

/** A pair is approved by the director's order, and only when every member has consented. */
export function validateApproval(
  input: ApprovalInput,
  membersWithoutConsent: readonly string[],
  today: IsoDate,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!cleanText(input.order_number)) errors.push({ field: 'order_number', key: 'required' });
  if (!isIsoDate(input.order_date)) errors.push({ field: 'order_date', key: 'date' });
  else if (input.order_date > today) errors.push({ field: 'order_date', key: 'dateInFuture' });
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
