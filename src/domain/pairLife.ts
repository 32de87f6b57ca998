// A pair's life after it is formed: approval under one order, order corrections, the end,
// a new mentor after an accepted request, members joining and leaving a group, and the
// "paused" state shown while a member lacks consent. Pure rules; data/repos/pairs.ts applies
// them in its write transactions and the views show their results.
import { hasValidConsent } from './consent';
import { fitsForm, LIVE_PAIR_STATUSES } from './formRules';
import type {
  Consent,
  IsoDate,
  IsoTimestamp,
  MentoringForm,
  OrderCorrection,
  Pair,
  PairMember,
  PairStatus,
  Participant,
  ParticipantKind,
  Uuid,
} from './types';
import { cleanText, dateRangeError, isIsoDate, type FieldError } from './validation';
import { byRussianName } from './collation';

/** The end reason stored on the old pair when a mentee continues with another mentor. */
export const REPLACEMENT_END_REASON = 'Замена наставника по запросу наставляемого';
/** The end reason's length limit (the database's pairs_end_reason_length). */
export const MAX_END_REASON_LENGTH = 2000;
/** The order number's length limit (pairs_order_number_length). */
export const MAX_ORDER_NUMBER_LENGTH = 500;

export const isLiveStatus = (status: PairStatus): boolean =>
  (LIVE_PAIR_STATUSES as readonly string[]).includes(status);
/** Approved by order and not ended: what "running" means for consents, ends and members. */
export const isRunningStatus = (status: PairStatus): boolean =>
  status === 'approved' || status === 'active';
export const isEndedStatus = (status: PairStatus): boolean =>
  status === 'completed' || status === 'ended_early';

type LiveMember = Pick<PairMember, 'participant_id' | 'side' | 'deleted_at'>;
const live = <T extends { deleted_at: string | null }>(rows: readonly T[]) =>
  rows.filter((r) => r.deleted_at === null);

/**
 * «Приостановлена: нет согласия»: a running pair one of whose live members is not covered by
 * a valid consent today. Not a stored status; it lifts by itself with a new consent.
 * `isCovered` answers from the consents for staff, from participants.consent_covered_until
 * for the others; a member the viewer cannot know about must answer true (no false flag).
 */
export function isPaused(
  pair: Pick<Pair, 'status' | 'deleted_at'>,
  members: readonly LiveMember[],
  isCovered: (participantId: Uuid) => boolean,
): boolean {
  if (pair.deleted_at !== null || !isRunningStatus(pair.status)) return false;
  return live(members).some((m) => !isCovered(m.participant_id));
}

/** A member as the approval check needs her: her card and the consents the device holds. */
export interface MemberConsents {
  participant: Pick<Participant, 'id' | 'full_name' | 'is_minor'>;
  consents: readonly Consent[];
}

/** The names of the members with no valid consent on `day`, sorted as a list reads. */
export function membersWithoutConsent(members: readonly MemberConsents[], day: IsoDate): string[] {
  return members
    .filter((m) => !hasValidConsent(m.participant, m.consents, day))
    .map((m) => m.participant.full_name)
    .sort((a, b) => byRussianName(a, b));
}

export interface OrderInput {
  order_number: string;
  order_date: IsoDate;
}

/** The order's number and date: required, the date real, not ahead of today, not absurd. */
export function validateOrder(input: OrderInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  const number = cleanText(input.order_number);
  if (!number) errors.push({ field: 'order_number', key: 'required' });
  else if (number.length > MAX_ORDER_NUMBER_LENGTH) {
    errors.push({
      field: 'order_number',
      key: 'tooLong',
      params: { max: MAX_ORDER_NUMBER_LENGTH },
    });
  }
  if (!isIsoDate(input.order_date)) errors.push({ field: 'order_date', key: 'date' });
  else if (input.order_date > today) errors.push({ field: 'order_date', key: 'dateInFuture' });
  else errors.push(...dateRangeError('order_date', input.order_date, today));
  return errors;
}

/** One pair's outcome of an approval under one order. */
export type ApprovalOutcome =
  | { pairId: Uuid; outcome: 'approved' }
  | { pairId: Uuid; outcome: 'refused'; missing: string[] }
  | { pairId: Uuid; outcome: 'notDraft' };

/** Decides one pair of a batch: a draft with every member consenting is approved. */
export function approvalOutcome(
  pair: Pick<Pair, 'id' | 'status' | 'deleted_at'>,
  members: readonly MemberConsents[],
  day: IsoDate,
): ApprovalOutcome {
  if (pair.deleted_at !== null || pair.status !== 'draft') {
    return { pairId: pair.id, outcome: 'notDraft' };
  }
  const missing = membersWithoutConsent(members, day);
  return missing.length > 0
    ? { pairId: pair.id, outcome: 'refused', missing }
    : { pairId: pair.id, outcome: 'approved' };
}

/** An approval order: the pairs it approved, found by their (number, date). */
export interface ApprovalOrder<P> {
  key: string;
  number: string;
  date: IsoDate;
  pairs: P[];
}

/** What choosing a pair's programme year needs of a programme row. */
export interface ProgrammeYear {
  id: string;
  starts_on: IsoDate | null;
  ends_on: IsoDate | null;
  deleted_at: string | null;
}

/**
 * The programme year a new pair belongs to: the live programme whose dates hold `today` (an
 * open end counts as holding it), the latest-starting one when several do; none otherwise.
 */
export function currentProgramme<T extends ProgrammeYear>(
  programmes: readonly T[],
  today: IsoDate,
): T | null {
  const holding = programmes.filter(
    (p) =>
      p.deleted_at === null &&
      (p.starts_on === null || p.starts_on <= today) &&
      (p.ends_on === null || today <= p.ends_on),
  );
  return holding.sort((a, b) => (b.starts_on ?? '').localeCompare(a.starts_on ?? ''))[0] ?? null;
}

export const orderKey = (number: string, date: IsoDate) => `${date}\u0000${number}`;

/** The orders behind the pairs (deleted pairs and drafts have none), newest order first. */
export function groupOrders<
  P extends { pair: Pick<Pair, 'order_number' | 'order_date' | 'deleted_at'> },
>(items: readonly P[]): ApprovalOrder<P>[] {
  const orders = new Map<string, ApprovalOrder<P>>();
  for (const item of items) {
    const { order_number: number, order_date: date, deleted_at } = item.pair;
    if (deleted_at !== null || !number || !date) continue;
    const key = orderKey(number, date);
    const order = orders.get(key) ?? { key, number, date, pairs: [] };
    order.pairs.push(item);
    orders.set(key, order);
  }
  return [...orders.values()].sort(
    (a, b) => b.date.localeCompare(a.date) || byRussianName(a.number, b.number),
  );
}

/**
 * The pair's order history after a correction: the values BEFORE it appended, as the server's
 * trigger does (only when a non-null value changes). Unchanged values leave it as it was.
 */
export function withOrderCorrection(
  pair: Pick<Pair, 'order_number' | 'order_date' | 'order_history'>,
  next: { order_number: string; order_date: IsoDate },
  changedAt: IsoTimestamp,
  changedBy: Uuid | null,
): OrderCorrection[] {
  const history = pair.order_history ?? [];
  const changed =
    (pair.order_number !== null && pair.order_number !== next.order_number) ||
    (pair.order_date !== null && pair.order_date !== next.order_date);
  if (!changed) return history;
  return [
    ...history,
    {
      number: pair.order_number,
      date: pair.order_date,
      changed_at: changedAt,
      changed_by: changedBy,
    },
  ];
}

/** How a pair ends: completed as planned, or early with a reason. */
export type EndKind = 'completed' | 'ended_early';
export interface EndInput {
  kind: EndKind;
  ended_on: IsoDate;
  reason: string;
}

/** The earliest day a pair may end: its start, else its order, whichever is later. */
export function earliestEnd(pair: Pick<Pair, 'started_on' | 'order_date'>): IsoDate | null {
  const days = [pair.started_on, pair.order_date].filter((d): d is IsoDate => !!d).sort();
  return days.at(-1) ?? null;
}

/**
 * Ending a running pair: approved or active only (a draft is deleted instead), on a real day
 * no earlier than its start or order and not after today; early needs a reason.
 */
export function validateEnd(
  pair: Pick<Pair, 'status' | 'started_on' | 'order_date' | 'deleted_at'>,
  input: EndInput,
  today: IsoDate,
): FieldError[] {
  const errors: FieldError[] = [];
  if (pair.deleted_at !== null || !isRunningStatus(pair.status)) {
    errors.push({ field: 'kind', key: 'pairNotRunning' });
  }
  if (input.kind !== 'completed' && input.kind !== 'ended_early') {
    errors.push({ field: 'kind', key: 'required' });
  }
  if (!isIsoDate(input.ended_on)) errors.push({ field: 'ended_on', key: 'date' });
  else if (input.ended_on > today) errors.push({ field: 'ended_on', key: 'dateInFuture' });
  else {
    const earliest = earliestEnd(pair);
    if (earliest && input.ended_on < earliest) {
      errors.push({ field: 'ended_on', key: 'endBeforeStartOn', params: { date: earliest } });
    } else errors.push(...dateRangeError('ended_on', input.ended_on, today));
  }
  const reason = cleanText(input.reason);
  if (input.kind === 'ended_early' && !reason) errors.push({ field: 'reason', key: 'required' });
  if (reason && reason.length > MAX_END_REASON_LENGTH) {
    errors.push({ field: 'reason', key: 'tooLong', params: { max: MAX_END_REASON_LENGTH } });
  }
  return errors;
}

/** Why a pair cannot be edited as a draft (form, people), or null when it can. */
export function editBlockedReason(
  pair: Pick<Pair, 'status' | 'deleted_at'>,
): 'deleted' | 'approved' | 'ended' | null {
  if (pair.deleted_at !== null) return 'deleted';
  if (isEndedStatus(pair.status)) return 'ended';
  return pair.status === 'draft' ? null : 'approved';
}

/** A person as the pairing rules need her. */
export type PersonForRules = Pick<Participant, 'id' | 'full_name' | 'kind' | 'deleted_at'> & {
  archived_on?: IsoDate | null;
  is_mentor?: boolean;
  is_mentee?: boolean;
};

/**
 * The mentors a curator may choose to replace `oldMentorIds`: in the mentor base, fitting the
 * form, not archived nor deleted, not the mentors being replaced; by name.
 */
export function replacementCandidates<P extends PersonForRules>(
  form: MentoringForm,
  people: readonly P[],
  oldMentorIds: readonly Uuid[],
): P[] {
  return people
    .filter(
      (p) =>
        p.deleted_at === null &&
        !p.archived_on &&
        p.is_mentor !== false &&
        !oldMentorIds.includes(p.id) &&
        fitsForm(form, 'mentor', p.kind as ParticipantKind),
    )
    .sort((a, b) => byRussianName(a.full_name, b.full_name));
}

/** What replacing the mentor does to the old pair (the new draft pair is always created). */
export type ReplacementPlan =
  { oldPair: 'endEarly'; reason: string } | { oldPair: 'removeMentee'; menteeId: Uuid };

/**
 * The old pair is kept as history: an individual pair (or a group whose only mentee is the one
 * asking) ends early; in a group only the requesting mentee leaves it.
 */
export function replacementPlan(
  pair: Pick<Pair, 'is_group'>,
  members: readonly LiveMember[],
  menteeId: Uuid,
): ReplacementPlan {
  const mentees = live(members).filter((m) => m.side === 'mentee');
  return mentees.length > 1
    ? { oldPair: 'removeMentee', menteeId }
    : { oldPair: 'endEarly', reason: REPLACEMENT_END_REASON };
}

/** Validates the replacement: a running pair, the mentee in it, a fitting new mentor. */
export function validateReplacement(
  pair: Pick<Pair, 'status' | 'form' | 'deleted_at'>,
  members: readonly LiveMember[],
  menteeId: Uuid,
  newMentor: PersonForRules | null,
): FieldError[] {
  const errors: FieldError[] = [];
  const alive = live(members);
  if (pair.deleted_at !== null || !isLiveStatus(pair.status)) {
    errors.push({ field: 'mentor', key: 'pairNotRunning' });
  }
  if (!alive.some((m) => m.side === 'mentee' && m.participant_id === menteeId)) {
    errors.push({ field: 'mentor', key: 'rowMissing' });
  }
  if (!newMentor) {
    errors.push({ field: 'mentor', key: 'chooseMentor' });
  } else if (
    replacementCandidates(
      pair.form,
      [newMentor],
      alive.filter((m) => m.side === 'mentor').map((m) => m.participant_id),
    ).length === 0
  ) {
    errors.push({
      field: 'mentor',
      key: `formKind.${pair.form}`,
      params: { names: newMentor.full_name },
    });
  }
  return errors;
}

/**
 * Adding a member: she is alive and not archived, not already in the pair, fits the form's
 * side; an approved/active pair needs her valid consent (the server checks it too).
 */
export function validateAddMember(
  pair: Pick<Pair, 'status' | 'form' | 'deleted_at'>,
  members: readonly LiveMember[],
  person: PersonForRules,
  side: 'mentor' | 'mentee',
  hasConsent: boolean,
): FieldError[] {
  if (pair.deleted_at !== null || !isLiveStatus(pair.status)) {
    return [{ field: 'member', key: 'pairNotRunning' }];
  }
  if (person.deleted_at !== null || person.archived_on) {
    return [{ field: 'member', key: 'rowMissing' }];
  }
  if (live(members).some((m) => m.participant_id === person.id)) {
    return [{ field: 'member', key: 'alreadyMember', params: { name: person.full_name } }];
  }
  if (!fitsForm(pair.form, side, person.kind)) {
    return [{ field: 'member', key: `formKind.${pair.form}`, params: { names: person.full_name } }];
  }
  if (isRunningStatus(pair.status) && !hasConsent) {
    return [{ field: 'member', key: 'memberWithoutConsent', params: { names: person.full_name } }];
  }
  return [];
}

/** Removing a member: the pair keeps at least one mentor and one mentee. */
export function validateRemoveMember(
  pair: Pick<Pair, 'status' | 'deleted_at'>,
  members: readonly LiveMember[],
  participantId: Uuid,
): FieldError[] {
  if (pair.deleted_at !== null || !isLiveStatus(pair.status)) {
    return [{ field: 'member', key: 'pairNotRunning' }];
  }
  const alive = live(members);
  const leaving = alive.find((m) => m.participant_id === participantId);
  if (!leaving) return [{ field: 'member', key: 'rowMissing' }];
  const sameSide = alive.filter((m) => m.side === leaving.side).length;
  if (sameSide <= 1) {
    return [
      {
        field: 'member',
        key: leaving.side === 'mentor' ? 'lastMentor' : 'lastMentee',
      },
    ];
  }
  return [];
}
