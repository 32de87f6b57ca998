// The school at a glance (the curator's and the school admin's home): numbers over the
// school's rows, each carrying the ids of the people or pairs behind it, so every number opens
// its list. Pure and linear in the rows: fed by a few bulk reads (data/overviewQueries.ts) and
// shared with the triage (domain/triage.ts) through one index built once per change.
// Built in two steps so the home can show its first numbers before the slower reads finish:
// the people and pairs (indexPeople, peopleOverview), then the consents and the pairs' work —
// meetings, plans, questionnaires, requests, snoozes (withWork, workOverview, and the triage).
import { isConsentValidOn } from './consent';
import { FINAL_STAGE } from './roadmap';
import type { RoadmapTriageFacts } from './triage';
import { LIVE_PAIR_STATUSES } from './formRules';
import { isPaused } from './pairLife';
import type { MentorChangeRequest } from './mentorChange';
import {
  pairQuestionnaires,
  satisfactionItemId,
  satisfactionShare,
  type QuestionnaireResponse,
  type QuestionnaireSlot,
  type QuestionnaireTemplate,
} from './questionnaires';
import {
  MENTORING_FORMS,
  PARTICIPANT_KINDS,
  type Consent,
  type Intake,
  type IsoDate,
  type Meeting,
  type Pair,
  type PairMember,
  type Participant,
  type ParticipantSensitive,
  type PlanTask,
  type TriageSnooze,
  type Uuid,
} from './types';
import { byRussianName } from './collation';

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

export interface PairSides {
  mentors: Uuid[];
  mentees: Uuid[];
}

/** What the people and pairs alone tell: the first numbers of the home. */
export interface PeopleIndex {
  today: IsoDate;
  /** People taking part: not deleted, not archived. */
  people: Map<Uuid, OverviewParticipant>;
  /** Every live card, archived ones included (names of members who left). */
  cards: Map<Uuid, OverviewParticipant>;
  /** Not deleted pairs. */
  pairs: OverviewPair[];
  pairById: Map<Uuid, OverviewPair>;
  /** The pair is approved or active (in mentoring). */
  isWorking: (pairId: Uuid) => boolean;
  sidesOf: Map<Uuid, PairSides>;
  /** The live (draft/approved/active) pairs of each person, with her side. */
  livePairsOf: Map<Uuid, { pairId: Uuid; side: 'mentor' | 'mentee' }[]>;
  facts: PeopleFacts;
}

/** Everything both the overview and the triage look up, built once per change of the rows. */
export interface SchoolIndex extends PeopleIndex {
  consentsOf: Map<Uuid, OverviewConsent[]>;
  /** Covered by a valid consent today (the rule of domain/consent.ts). */
  coveredToday: Set<Uuid>;
  /** Approved/active pairs shown as paused: a member is not covered by a valid consent. */
  paused: Set<Uuid>;
  meetingsOf: Map<Uuid, PairMeetingFacts>;
  tasksOf: Map<Uuid, OverviewTask[]>;
  /** Each pair's questionnaire slots (entry, exit, satisfaction per member). */
  slotsOf: Map<Uuid, QuestionnaireSlot[]>;
  facts: SchoolFacts;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Archived people left the programme (participants.archived_on set). */
const takesPart = (p: OverviewParticipant) => p.deleted_at === null && !p.archived_on;

export function indexSchool(facts: SchoolFacts): SchoolIndex {
  return withWork(indexPeople(facts), facts);
}

export function indexPeople(facts: PeopleFacts): PeopleIndex {
  const { today } = facts;
  const cards = new Map<Uuid, OverviewParticipant>();
  const people = new Map<Uuid, OverviewParticipant>();
  for (const p of facts.participants) {
    if (p.deleted_at !== null) continue;
    cards.set(p.id, p);
    if (takesPart(p)) people.set(p.id, p);
  }
  const pairs = facts.pairs.filter((p) => p.deleted_at === null);
  const pairById = new Map(pairs.map((p) => [p.id, p]));
  const sidesOf = new Map<Uuid, PairSides>(pairs.map((p) => [p.id, { mentors: [], mentees: [] }]));
  const livePairsOf = new Map<Uuid, { pairId: Uuid; side: 'mentor' | 'mentee' }[]>();
  for (const m of facts.members) {
    const sides = sidesOf.get(m.pair_id);
    if (m.deleted_at !== null || !sides || !cards.has(m.participant_id)) continue;
    (m.side === 'mentor' ? sides.mentors : sides.mentees).push(m.participant_id);
    const pair = pairById.get(m.pair_id);
    if (pair && LIVE_STATUSES.includes(pair.status)) {
      push(livePairsOf, m.participant_id, { pairId: m.pair_id, side: m.side });
    }
  }
  return {
    today,
    people,
    cards,
    pairs,
    pairById,
    isWorking: (id) => {
      const status = pairById.get(id)?.status;
      return status !== undefined && WORKING_STATUSES.includes(status);
    },
    sidesOf,
    livePairsOf,
    facts,
  };
}

/** What the consents tell of the people and pairs (part of withWork, a step of its own). */
export interface ConsentIndex {
  consentsOf: Map<Uuid, OverviewConsent[]>;
  coveredToday: Set<Uuid>;
  paused: Set<Uuid>;
}

export function indexConsents(
  index: PeopleIndex,
  consents: readonly OverviewConsent[],
): ConsentIndex {
  const { today, cards } = index;
  const consentsOf = new Map<Uuid, OverviewConsent[]>();
  for (const c of consents) if (c.deleted_at === null) push(consentsOf, c.participant_id, c);
  const coveredToday = new Set<Uuid>();
  for (const [id, list] of consentsOf) {
    const card = cards.get(id);
    if (card && list.some((c) => isConsentValidOn(c, card, today))) coveredToday.add(id);
  }
  // Paused (pairLife.isPaused): a member the device has no card of decides nothing.
  const paused = new Set<Uuid>();
  const membersOf = new Map<Uuid, OverviewMember[]>();
  for (const m of index.facts.members) if (m.deleted_at === null) push(membersOf, m.pair_id, m);
  const isCovered = (id: Uuid) => !cards.has(id) || coveredToday.has(id);
  for (const pair of index.pairs) {
    if (isPaused(pair, membersOf.get(pair.id) ?? [], isCovered)) paused.add(pair.id);
  }
  return { consentsOf, coveredToday, paused };
}

/**
 * The people's index completed with the consents and the pairs' work (a new index; `index` is
 * not changed). `consents`: indexConsents(index, work.consents) when already made.
 */
export function withWork(
  index: PeopleIndex,
  work: WorkFacts,
  consents: ConsentIndex = indexConsents(index, work.consents),
): SchoolIndex {
  const facts: SchoolFacts = { ...index.facts, ...work };
  const { consentsOf, coveredToday, paused } = consents;
  const meetingsOf = new Map(work.meetings.map((m) => [m.pairId, m]));
  const tasksOf = new Map<Uuid, OverviewTask[]>();
  for (const t of work.tasks) if (t.deleted_at === null) push(tasksOf, t.pair_id, t);
  const slotsOf = questionnaireSlots(facts, index.pairs, index.sidesOf, index.cards, meetingsOf);
  return { ...index, consentsOf, coveredToday, paused, meetingsOf, tasksOf, slotsOf, facts };
}

function questionnaireSlots(
  facts: SchoolFacts,
  pairs: readonly OverviewPair[],
  sidesOf: Map<Uuid, PairSides>,
  cards: Map<Uuid, OverviewParticipant>,
  meetingsOf: Map<Uuid, PairMeetingFacts>,
): Map<Uuid, QuestionnaireSlot[]> {
  const responsesOf = new Map<Uuid, QuestionnaireResponse[]>();
  for (const r of facts.responses) {
    if (r.deleted_at === null && r.pair_id !== null) push(responsesOf, r.pair_id, r);
  }
  const out = new Map<Uuid, QuestionnaireSlot[]>();
  for (const pair of pairs) {
    if (pair.status === 'draft') continue; // nothing opens before the order
    const sides = sidesOf.get(pair.id)!;
    const member = (side: 'mentor' | 'mentee') => (id: Uuid) => ({
      participant: { id, kind: cards.get(id)!.kind },
      side,
    });
    const final = meetingsOf.get(pair.id)?.finalHeld;
    out.set(
      pair.id,
      pairQuestionnaires(
        {
          pair,
          members: [...sides.mentors.map(member('mentor')), ...sides.mentees.map(member('mentee'))],
          templates: facts.templates,
          responses: responsesOf.get(pair.id) ?? [],
          // Only "a final meeting was held" matters here (isProgrammeEnding).
          meetings: final ? [{ type: 'final', held_on: facts.today, deleted_at: null }] : [],
          programmeEndsOn: pair.programme_id
            ? (facts.programmeEnds.get(pair.programme_id) ?? null)
            : null,
          programmeAtFinalStage:
            !!pair.programme_id &&
            (facts.roadmapProgrammes ?? []).some(
              (p) => p.id === pair.programme_id && p.current_stage >= FINAL_STAGE,
            ),
        },
        facts.today,
      ),
    );
  }
  return out;
}

// ------------------------------------------------------------------------------- overview

/** A number of the overview and what is behind it: people or pairs, by id. */
export interface Metric {
  /** The route parameter of its list (overview-list /school/:metric). */
  key: string;
  of: 'people' | 'pairs';
  ids: Uuid[];
  /** What the number counts when it is not the list's length (e.g. questionnaires). */
  count: number;
}

export interface ShareMetric extends Metric {
  /** The denominator: people of the base (coverage) or respondents / tasks. */
  total: number;
  /** Rounded percent; null when the denominator is 0. */
  percent: number | null;
}

/** The numbers of the pairs' work: read and computed after the people's (WorkFacts). */
export const WORK_METRICS = [
  'statuses',
  'meetingsThisMonth',
  'plans',
  'entryOutstanding',
  'exitOutstanding',
  'satisfaction',
] as const;
/** The keys (routes) of the pairs' work numbers (statuses are a group: no key of their own). */
export const WORK_METRIC_KEYS = [
  'meetings:month',
  'plans:progress',
  'questionnaires:entry',
  'questionnaires:exit',
  'satisfaction',
] as const;
export type WorkOverview = Pick<SchoolOverview, (typeof WORK_METRICS)[number]>;
export type PeopleOverview = Omit<SchoolOverview, (typeof WORK_METRICS)[number]>;

export interface SchoolOverview {
  mentors: Metric;
  mentees: Metric;
  /** Participants by kind (only kinds that occur). */
  kinds: Metric[];
  /** Participants by sensitive category (staff's need-to-know record), most frequent first. */
  categories: Metric[];
  /** Live (draft/approved/active) pairs by form (only forms that occur). */
  forms: Metric[];
  /** Not deleted pairs by the status shown: approved/active with a consent gap count as paused. */
  statuses: Metric[];
  /** Students and teachers of the bases in an approved or active pair (against the bases). */
  coverageStudents: ShareMetric;
  coverageTeachers: ShareMetric;
  /** Pairs that met this month; count = meetings held this month. */
  meetingsThisMonth: Metric;
  /** Plan tasks of approved/active pairs: done / all (cancelled ones not counted). */
  plans: ShareMetric;
  /** Entry and exit questionnaires due and not submitted; ids = their pairs. */
  entryOutstanding: Metric;
  exitOutstanding: Metric;
  /** satisfactionShare() of questionnaires.ts; ids = the respondents. */
  satisfaction: ShareMetric;
}

export const SHOWN_STATUSES = [
  'draft',
  'approved',
  'active',
  'paused',
  'completed',
  'ended_early',
] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

export function shownStatus(index: SchoolIndex, pair: OverviewPair): ShownStatus {
  return index.paused.has(pair.id) ? 'paused' : pair.status;
}

const metric = (key: string, of: Metric['of'], ids: Uuid[], count = ids.length): Metric => ({
  key,
  of,
  ids,
  count,
});
const percentOf = (part: number, total: number) =>
  total === 0 ? null : Math.round((part / total) * 100);

function coverage(index: PeopleIndex, kind: 'student' | 'teacher', key: string): ShareMetric {
  let total = 0;
  const ids: Uuid[] = [];
  for (const p of index.people.values()) {
    if (p.kind !== kind) continue;
    total += 1;
    const pairs = index.livePairsOf.get(p.id) ?? [];
    if (pairs.some((l) => index.isWorking(l.pairId))) ids.push(p.id);
  }
  return { ...metric(key, 'people', ids), total, percent: percentOf(ids.length, total) };
}

function grouped<K extends string>(
  entries: Iterable<[K, Uuid]>,
  order: readonly K[] | null,
  keyOf: (k: K) => string,
  of: Metric['of'],
): Metric[] {
  const groups = new Map<K, Uuid[]>();
  for (const [k, id] of entries) push(groups, k, id);
  const keys = order
    ? order.filter((k) => groups.has(k))
    : [...groups.keys()].sort(
        (a, b) => groups.get(b)!.length - groups.get(a)!.length || byRussianName(a, b),
      );
  return keys.map((k) => metric(keyOf(k), of, groups.get(k)!));
}

export function schoolOverview(index: SchoolIndex): SchoolOverview {
  return { ...peopleOverview(index), ...workOverview(index) };
}

/** Live (draft/approved/active) pairs by form: from the pairs alone (tombstones left out). */
export function formsOverview(pairs: readonly OverviewPair[]): Metric[] {
  const livePairs = pairs.filter((p) => p.deleted_at === null && LIVE_STATUSES.includes(p.status));
  return grouped(
    livePairs.map((p) => [p.form, p.id]),
    MENTORING_FORMS,
    (f) => `form:${f}`,
    'pairs',
  );
}

/** The numbers of the people and the pairs (no consent, meeting, plan or questionnaire yet). */
export function peopleOverview(index: PeopleIndex): PeopleOverview {
  const people = [...index.people.values()];
  const live = new Set(people.map((p) => p.id));
  const sensitive = index.facts.sensitive.filter(
    (s) => s.deleted_at === null && live.has(s.participant_id),
  );
  return {
    mentors: metric(
      'mentors',
      'people',
      people.filter((p) => p.is_mentor).map((p) => p.id),
    ),
    mentees: metric(
      'mentees',
      'people',
      people.filter((p) => p.is_mentee).map((p) => p.id),
    ),
    kinds: grouped(
      people.map((p) => [p.kind, p.id]),
      PARTICIPANT_KINDS,
      (k) => `kind:${k}`,
      'people',
    ),
    categories: grouped(
      sensitive.flatMap((s) =>
        [...new Set(s.categories)].map((c) => [c, s.participant_id] as [string, Uuid]),
      ),
      null,
      (c) => `category:${c}`,
      'people',
    ),
    forms: formsOverview(index.pairs),
    coverageStudents: coverage(index, 'student', 'coverage:students'),
    coverageTeachers: coverage(index, 'teacher', 'coverage:teachers'),
  };
}

/**
 * The numbers that need the consents and the pairs' work: pairs by shown status (paused
 * ones), meetings this month, plans, questionnaires, satisfaction.
 */
export function workOverview(index: SchoolIndex): WorkOverview {
  const working = index.pairs.filter((p) => WORKING_STATUSES.includes(p.status));
  let meetings = 0;
  const met: Uuid[] = [];
  for (const pair of index.pairs) {
    const n = index.meetingsOf.get(pair.id)?.heldThisMonth ?? 0;
    meetings += n;
    if (n > 0) met.push(pair.id);
  }

  let done = 0;
  let tasks = 0;
  const withTasks: Uuid[] = [];
  for (const pair of working) {
    const list = (index.tasksOf.get(pair.id) ?? []).filter((t) => t.status !== 'cancelled');
    if (list.length === 0) continue;
    withTasks.push(pair.id);
    tasks += list.length;
    done += list.filter((t) => t.status === 'done').length;
  }

  const outstanding = (kind: 'entry' | 'exit', key: string) => {
    let count = 0;
    const ids: Uuid[] = [];
    for (const [pairId, slots] of index.slotsOf) {
      const due = slots.filter((s) => s.kind === kind && s.isDue).length;
      count += due;
      if (due > 0) ids.push(pairId);
    }
    return metric(key, 'pairs', ids, count);
  };

  return {
    statuses: grouped(
      index.pairs.map((p) => [shownStatus(index, p), p.id]),
      SHOWN_STATUSES,
      (s) => `status:${s}`,
      'pairs',
    ),
    meetingsThisMonth: metric('meetings:month', 'pairs', met, meetings),
    plans: {
      ...metric('plans:progress', 'pairs', withTasks, done),
      total: tasks,
      percent: percentOf(done, tasks),
    },
    entryOutstanding: outstanding('entry', 'questionnaires:entry'),
    exitOutstanding: outstanding('exit', 'questionnaires:exit'),
    satisfaction: satisfaction(index),
  };
}

/** The satisfaction share by the KPI rule (first item ≥ 7), with its respondents' ids. */
function satisfaction(index: SchoolIndex): ShareMetric {
  const templates = new Map(index.facts.templates.map((t) => [t.id, t]));
  const share = satisfactionShare(index.facts.responses, templates);
  // The respondents satisfactionShare counted, by the same conditions.
  const ids: Uuid[] = [];
  for (const r of index.facts.responses) {
    const template = templates.get(r.template_id);
    if (!template || template.kind !== 'satisfaction') continue;
    if (r.deleted_at !== null || r.submitted_at === null) continue;
    const item = satisfactionItemId(template);
    if (item === null || typeof r.answers[item] !== 'number') continue;
    ids.push(r.participant_id);
  }
  return {
    ...metric('satisfaction', 'people', [...new Set(ids)], share.satisfied),
    total: share.total,
    percent: share.percent,
  };
}

/** Every metric of the overview, for the list behind a number (route overview-list). */
export function overviewMetrics(overview: SchoolOverview): Metric[] {
  return [
    overview.mentors,
    overview.mentees,
    ...overview.kinds,
    ...overview.categories,
    ...overview.forms,
    ...overview.statuses,
    overview.coverageStudents,
    overview.coverageTeachers,
    overview.meetingsThisMonth,
    overview.plans,
    overview.entryOutstanding,
    overview.exitOutstanding,
    overview.satisfaction,
  ];
}

/** The metric a list route names, or null (an unknown key, or a group that is now empty). */
export function findMetric(overview: SchoolOverview, key: string): Metric | null {
  return overviewMetrics(overview).find((m) => m.key === key) ?? null;
}

/** The names of a pair: mentors → mentees, as on the pair cards. */
export function pairSubject(index: PeopleIndex, pairId: Uuid): string {
  const sides = index.sidesOf.get(pairId);
  if (!sides) return '';
  const names = (ids: Uuid[]) => ids.map((id) => index.cards.get(id)?.full_name ?? '').join(', ');
  return `${names(sides.mentors)} → ${names(sides.mentees)}`;
}
