// The matching index: from the school's rows (MatchingFacts) and the options, the mentees
// without a live pair and every mentor taking part, each with her forms, grade, stems (request,
// offer, interests, subject), stated choices, consent problem and, for a mentor, her load,
// capacity and free places; the stems numbered so that ranking compares integers.
import { fitsForm, LIVE_PAIR_STATUSES } from '../formRules';
import { DEFAULT_MENTOR_CAPACITY, keywordsOf as stemsOf } from '../intake';
import { MENTORING_FORMS, type MentoringForm, type Uuid } from '../types';
import { consentProblemOf } from './consentProblem';
import {
  INTEREST,
  REQUEST,
  SUBJECT,
  type MatchConsent,
  type MatchIntake,
  type MatchingFacts,
  type MatchingIndex,
  type MatchingOptions,
  type MatchMentee,
  type MatchMentor,
} from './types';

/** The grade of a class label («7Б» → 7, «10-А» → 10), or null. */
export function gradeOf(classLabel: string | null): number | null {
  const match = classLabel?.trim().match(/^(\d{1,2})/);
  return match ? Number(match[1]) : null;
}

const byName = new Intl.Collator('ru').compare;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const LIVE = LIVE_PAIR_STATUSES as readonly string[];

/** The live intakes by participant, one per role. */
function intakesByRole(intakes: readonly MatchIntake[] = []) {
  const mentor = new Map<Uuid, MatchIntake>();
  const mentee = new Map<Uuid, MatchIntake>();
  for (const row of intakes) {
    if (row.deleted_at !== null) continue;
    (row.role === 'mentor' ? mentor : mentee).set(row.participant_id, row);
  }
  return { mentor, mentee };
}

/** `wanted` narrowed to the forms that fit (all fitting ones when none of `wanted` fits). */
function narrowForms(
  fitting: readonly MentoringForm[],
  wanted: readonly MentoringForm[],
): MentoringForm[] {
  const narrowed = fitting.filter((f) => wanted.includes(f));
  return narrowed.length > 0 ? narrowed : [...fitting];
}

export function indexMatching(facts: MatchingFacts, options: MatchingOptions = {}): MatchingIndex {
  const capacity = options.capacity ?? DEFAULT_MENTOR_CAPACITY;
  const people = facts.participants.filter((p) => p.deleted_at === null && !p.archived_on);
  const livePairs = new Set(
    facts.pairs.filter((p) => p.deleted_at === null && LIVE.includes(p.status)).map((p) => p.id),
  );
  const menteesOf = new Map<Uuid, Set<Uuid>>();
  const pairsOfMentor = new Map<Uuid, Uuid[]>();
  const pairedMentees = new Set<Uuid>();
  for (const m of facts.members) {
    if (m.deleted_at !== null || !livePairs.has(m.pair_id)) continue;
    if (m.side === 'mentee') {
      pairedMentees.add(m.participant_id);
      const set = menteesOf.get(m.pair_id) ?? new Set<Uuid>();
      set.add(m.participant_id);
      menteesOf.set(m.pair_id, set);
    } else {
      const list = pairsOfMentor.get(m.participant_id) ?? [];
      list.push(m.pair_id);
      pairsOfMentor.set(m.participant_id, list);
    }
  }
  const requests = new Map<Uuid, string>();
  for (const s of facts.sensitive) {
    if (s.deleted_at === null && s.request) requests.set(s.participant_id, s.request);
  }
  const intakes = intakesByRole(facts.intakes);
  const today = options.today;
  let consentsOf: Map<Uuid, MatchConsent[]> | null = null;
  if (facts.consents && today) {
    consentsOf = new Map();
    for (const c of facts.consents) {
      const list = consentsOf.get(c.participant_id) ?? [];
      list.push(c);
      consentsOf.set(c.participant_id, list);
    }
  }
  const sorted = [...people].sort((a, b) => byName(a.full_name, b.full_name) || cmp(a.id, b.id));
  const mentees = sorted
    .filter((p) => p.is_mentee && !pairedMentees.has(p.id))
    .map((person): MatchMentee => {
      const intake = intakes.mentee.get(person.id) ?? null;
      const fitting = MENTORING_FORMS.filter((f) => fitsForm(f, 'mentee', person.kind));
      const option = options.preferredForms?.get(person.id);
      const said: readonly MentoringForm[] =
        option === undefined
          ? (intake?.forms ?? [])
          : typeof option === 'string'
            ? [option]
            : option;
      const preferredForms = new Set(fitting.filter((f) => said.includes(f)));
      const staffRequest = requests.get(person.id) ?? null;
      const stated = options.statedPreferences?.get(person.id) ?? intake?.preferred_mentor_ids;
      return {
        person,
        preferredForms,
        forms: preferredForms.size > 0 ? [...preferredForms] : fitting,
        grade: gradeOf(person.class_label),
        request: stemsOf(intake?.request, staffRequest),
        hasRequest: !!intake?.request?.trim() || !!staffRequest?.trim(),
        interests: stemsOf(person.interests, intake?.interests, person.subject),
        subject: stemsOf(person.subject),
        stated: stated && stated.length > 0 ? stated : null,
        hasIntake: intake !== null,
        consent:
          consentsOf && today
            ? consentProblemOf(person, consentsOf.get(person.id) ?? [], today)
            : null,
        stemFlags: NO_FLAGS,
      };
    });
  const mentors = sorted
    .filter((p) => p.is_mentor)
    .map((person): MatchMentor => {
      const intake = intakes.mentor.get(person.id) ?? null;
      const taught = new Set<Uuid>();
      for (const pairId of pairsOfMentor.get(person.id) ?? []) {
        for (const id of menteesOf.get(pairId) ?? []) taught.add(id);
      }
      const fitting = MENTORING_FORMS.filter((f) => fitsForm(f, 'mentor', person.kind));
      const own = intake?.capacity ?? null;
      const mine = own ?? capacity;
      return {
        person,
        forms: new Set(narrowForms(fitting, intake?.forms ?? [])),
        grade: gradeOf(person.class_label),
        load: taught.size,
        capacity: mine,
        capacityStated: own !== null,
        left: Math.max(0, mine - taught.size),
        offer: stemsOf(intake?.offers, person.interests, intake?.interests, person.subject),
        subject: stemsOf(person.subject),
        hasIntake: intake !== null,
        offerStems: NO_STEMS,
        subjectStems: NO_STEMS,
      };
    });
  numberStems(mentees, mentors);
  return { capacity, mentees, mentors };
}

const NO_FLAGS = new Uint8Array(0);
const NO_STEMS = new Int32Array(0);

/**
 * Numbers the mentors' stems and marks each mentee's (ranking compares small integers, not
 * strings: 500 mentees × 150 mentors). A stem no mentor has cannot score and gets no number.
 */
function numberStems(mentees: MatchMentee[], mentors: MatchMentor[]): void {
  const numbers = new Map<string, number>();
  const numbered = (stems: ReadonlyMap<string, string>) =>
    Int32Array.from(stems.keys(), (stem) => {
      let n = numbers.get(stem);
      if (n === undefined) numbers.set(stem, (n = numbers.size));
      return n;
    });
  for (const mentor of mentors) {
    mentor.offerStems = numbered(mentor.offer);
    mentor.subjectStems = numbered(mentor.subject);
  }
  for (const mentee of mentees) {
    const flags = new Uint8Array(numbers.size);
    const mark = (stems: ReadonlyMap<string, string>, flag: number) => {
      for (const stem of stems.keys()) {
        const n = numbers.get(stem);
        if (n !== undefined) flags[n]! |= flag;
      }
    };
    if (mentee.hasRequest) mark(mentee.request, REQUEST);
    mark(mentee.interests, INTEREST);
    mark(mentee.subject, SUBJECT);
    mentee.stemFlags = flags;
  }
}

/** Mentors with at least one free place. */
export function mentorsWithFreePlaces(index: MatchingIndex): MatchMentor[] {
  return index.mentors.filter((m) => m.left > 0);
}
