// The index both the overview and the triage look up, built once per change of the rows: the
// people and pairs first (indexPeople), then completed with the consents (which pairs are
// paused) and the pairs' work (withWork). Also the names of a pair, read from that index.
import { isConsentValidOn } from '../consent';
import { FINAL_STAGE } from '../roadmap';
import { isPaused } from '../pairLife';
import {
  pairQuestionnaires,
  type QuestionnaireResponse,
  type QuestionnaireSlot,
} from '../questionnaires';
import type { IsoDate, Uuid } from '../types';
import {
  LIVE_STATUSES,
  WORKING_STATUSES,
  type OverviewConsent,
  type OverviewMember,
  type OverviewPair,
  type OverviewParticipant,
  type OverviewTask,
  type PairMeetingFacts,
  type PeopleFacts,
  type SchoolFacts,
  type WorkFacts,
} from './facts';

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

/** Appends to the list under `key` (the grouping of every index and metric here). */
export const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
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

/** The names of a pair: mentors → mentees, as on the pair cards. */
export function pairSubject(index: PeopleIndex, pairId: Uuid): string {
  const sides = index.sidesOf.get(pairId);
  if (!sides) return '';
  const names = (ids: Uuid[]) => ids.map((id) => index.cards.get(id)?.full_name ?? '').join(', ');
  return `${names(sides.mentors)} → ${names(sides.mentees)}`;
}
