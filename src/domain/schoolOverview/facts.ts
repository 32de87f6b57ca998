// The school's rows as the overview reads them (one school; tombstones may be included): the
// narrow shapes of each table, the two steps they arrive in (people and pairs, then consents and
// the pairs' work), each pair's meeting facts, and which pair statuses count as live or working.
import type { RoadmapTriageFacts } from '../triage';
import { LIVE_PAIR_STATUSES } from '../formRules';
import type { MentorChangeRequest } from '../mentorChange';
import type { QuestionnaireResponse, QuestionnaireTemplate } from '../questionnaires';
import type {
  Consent,
  Intake,
  IsoDate,
  Meeting,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
  PlanTask,
  TriageSnooze,
  Uuid,
} from '../types';

/** What the overview needs of a pair's meetings: precomputed per pair from its index ranges. */
export interface PairMeetingFacts {
  pairId: Uuid;
  /** The latest meeting held on or before today (tombstones left out). */
  lastHeldOn: IsoDate | null;
  organisationalHeld: boolean;
  /** A final (or final group) meeting has been held: the programme is ending for the pair. */
  finalHeld: boolean;
  /** Meetings held from the 1st of this month up to today. */
  heldThisMonth: number;
}

/** The facts of one pair's meetings (the reference rule; the data layer reads them by index). */
export function meetingFactsOf(
  pairId: Uuid,
  meetings: readonly Pick<Meeting, 'type' | 'held_on' | 'deleted_at'>[],
  today: IsoDate,
): PairMeetingFacts {
  const monthStart = `${today.slice(0, 7)}-01`;
  const facts: PairMeetingFacts = {
    pairId,
    lastHeldOn: null,
    organisationalHeld: false,
    finalHeld: false,
    heldThisMonth: 0,
  };
  for (const m of meetings) {
    if (m.deleted_at !== null || m.held_on > today) continue;
    if (facts.lastHeldOn === null || m.held_on > facts.lastHeldOn) facts.lastHeldOn = m.held_on;
    if (m.type === 'organisational') facts.organisationalHeld = true;
    if (m.type === 'final' || m.type === 'final_group') facts.finalHeld = true;
    if (m.held_on >= monthStart) facts.heldThisMonth += 1;
  }
  return facts;
}

export type OverviewParticipant = Pick<
  Participant,
  | 'id'
  | 'kind'
  | 'full_name'
  | 'is_mentor'
  | 'is_mentee'
  | 'is_minor'
  | 'deleted_at'
  | 'archived_on'
  | 'class_label'
>;
export type OverviewPair = Pick<
  Pair,
  | 'id'
  | 'school_id'
  | 'form'
  | 'status'
  | 'is_group'
  | 'title'
  | 'programme_id'
  | 'started_on'
  | 'order_date'
  | 'ended_on'
  | 'deleted_at'
  | 'created_at'
>;
export type OverviewMember = Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>;
export type OverviewConsent = Pick<
  Consent,
  'participant_id' | 'deleted_at' | 'revoked_on' | 'signed_on' | 'valid_until' | 'given_by'
>;
export type OverviewTask = Pick<PlanTask, 'pair_id' | 'status' | 'due_on' | 'deleted_at'>;
export type OverviewRequest = Pick<
  MentorChangeRequest,
  'id' | 'pair_id' | 'requested_by' | 'status' | 'deleted_at' | 'created_at'
>;
export type OverviewSnooze = Pick<
  TriageSnooze,
  'id' | 'item_key' | 'snoozed_until' | 'reason' | 'deleted_at'
>;

/** The school's pairs (the first, smallest read of the home: the pairs by form). */
export interface PairsFacts {
  today: IsoDate;
  pairs: readonly OverviewPair[];
}

/** The school's people and the pairs' members. */
export interface PeopleRows {
  participants: readonly OverviewParticipant[];
  sensitive: readonly Pick<ParticipantSensitive, 'participant_id' | 'categories' | 'deleted_at'>[];
  members: readonly OverviewMember[];
}

/** The school's people and pairs as the device holds them (tombstones may be included). */
export interface PeopleFacts extends PairsFacts, PeopleRows {}

/**
 * The rest, read after the people and pairs: the consents (which pairs are paused) and the
 * pairs' work — meeting facts per pair, plans, questionnaires, requests, snoozes.
 */
export interface WorkFacts {
  consents: readonly OverviewConsent[];
  meetings: readonly PairMeetingFacts[];
  tasks: readonly OverviewTask[];
  templates: readonly QuestionnaireTemplate[];
  responses: readonly QuestionnaireResponse[];
  /** The end of each programme year the device knows, by programme id. */
  programmeEnds: ReadonlyMap<Uuid, IsoDate>;
  requests: readonly OverviewRequest[];
  snoozes: readonly OverviewSnooze[];
  /** The programme years' roadmaps (overdue tasks; the final stage opens exit questionnaires). */
  roadmapTasks?: RoadmapTriageFacts['roadmapTasks'];
  roadmapProgrammes?: RoadmapTriageFacts['roadmapProgrammes'];
  /** The intakes: a mentor's stated capacity (mentor over capacity). */
  intakes?: readonly Pick<Intake, 'participant_id' | 'role' | 'capacity' | 'deleted_at'>[];
}

/** The school's rows as the device holds them (one school; tombstones may be included). */
export interface SchoolFacts extends PeopleFacts, WorkFacts {}

/** Pairs that run (may be approved or work): the same "live" as the duplicate-pair rule. */
export const LIVE_STATUSES: readonly Pair['status'][] = LIVE_PAIR_STATUSES;
/** Pairs in mentoring: approved by order and not over (coverage, plans, pause). */
export const WORKING_STATUSES: readonly Pair['status'][] = ['approved', 'active'];
