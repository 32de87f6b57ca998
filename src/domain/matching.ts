// Explainable matching: for each mentee without a live pair, the mentors ranked by a score made
// of named components, each with its points and a reason (an i18n key under matching.reason
// with its params), and "suggest for everyone": a whole assignment that respects every mentor's
// free places and is STABLE with respect to the same scores (deferred acceptance, mentees
// propose, Gale–Shapley with capacities; proven by test/unit/domain/matching*.test.ts).
//
// What the app stores today, and so what the score can use (issue 12's intake questionnaires
// are not built yet): the person's kind, class, subject, teaching experience and interests
// (participants), and the staff's request about a mentee (participant_sensitive.request, staff
// only). Not stored yet: a mentor's own capacity (everyone gets DEFAULT_MENTOR_CAPACITY), a
// mentee's preferred form (every form that fits her kind is tried) and her stated preference
// for mentors after the group meeting (the `preference` component is ready and says it is not
// recorded). Pass them in MatchingOptions once the intake stores them.
import { fitsForm, LIVE_PAIR_STATUSES } from './formRules';
import { DEFAULT_MENTOR_CAPACITY } from './triage';
import {
  MENTORING_FORMS,
  type IsoDate,
  type MentoringForm,
  type Pair,
  type PairMember,
  type Participant,
  type ParticipantSensitive,
  type Uuid,
} from './types';

export type MatchPerson = Pick<
  Participant,
  | 'id'
  | 'full_name'
  | 'kind'
  | 'class_label'
  | 'subject'
  | 'teaching_experience_years'
  | 'interests'
  | 'is_mentor'
  | 'is_mentee'
  | 'deleted_at'
> & { archived_on?: IsoDate | null };

/** The school's rows matching reads (data/matchingQueries.ts). */
export interface MatchingFacts {
  participants: readonly MatchPerson[];
  sensitive: readonly Pick<ParticipantSensitive, 'participant_id' | 'request' | 'deleted_at'>[];
  pairs: readonly Pick<Pair, 'id' | 'status' | 'deleted_at'>[];
  members: readonly Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[];
}

export interface MatchingOptions {
  /** Mentees one mentor takes at most (no per-mentor capacity is stored yet). */
  capacity?: number;
  /** A mentee's preferred form, when the intake recorded it (not stored yet). */
  preferredForms?: ReadonlyMap<Uuid, MentoringForm>;
  /** The mentors a mentee named after the group meeting, first choice first (not stored yet). */
  statedPreferences?: ReadonlyMap<Uuid, readonly Uuid[]>;
}

/** What each component may add: the numbers a curator can read back from the reasons. */
export const POINTS = {
  preferredForm: 20,
  fittingForm: 10,
  olderStudent: 10,
  sameGrade: 4,
  experiencedTeacher: 10,
  /** Per word of the request the mentor offers, up to REQUEST_WORDS words. */
  requestWord: 15,
  sameSubject: 20,
  /** Per shared interest, up to INTEREST_WORDS words. */
  interestWord: 5,
  /** Per free place left. */
  freePlace: 3,
  /** First, second, third choice the mentee named. */
  statedChoice: [30, 20, 10] as readonly number[],
} as const;
const REQUEST_WORDS = 3;
const INTEREST_WORDS = 3;
/** A mentor this many years more experienced fits «опытный педагог – молодой специалист». */
const EXPERIENCE_GAP_YEARS = 3;

export const COMPONENT_NAMES = [
  'form',
  'roleModel',
  'request',
  'overlap',
  'capacity',
  'preference',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export interface ScoreComponent {
  name: ComponentName;
  points: number;
  /** matching.reason.<key>, with its params (a `form` param is a MentoringForm key). */
  reason: { key: string; params: Record<string, string | number> };
}

/** One mentor for one mentee, with why. */
export interface Suggestion {
  menteeId: Uuid;
  mentorId: Uuid;
  form: MentoringForm;
  score: number;
  components: ScoreComponent[];
}

// ------------------------------------------------------------------------ words
/**
 * Words that say nothing about what a mentee needs or a mentor offers (function words and
 * the wording every request shares), already normalised.
 */
const STOP_WORDS = new Set(
  (
    'и в во на с со по для не к ко о об от за из у что как это а но или то же ли бы его ее их ' +
    'ему ей им при до после над под про без через очень так уже еще все всё весь мне меня я ' +
    'мы вы он она они хочу хочет хотела хотел нужно нужна нужен нужны надо помощь помочь ' +
    'помогать помогает поддержка поддержать может могу умею есть был была быть также тоже ' +
    'подготовка подготовить ученик ученика ученице ученику учитель учителя класс класса классе ' +
    'работа работы работе работать свой своя свои своих наставник наставника наставляемый ' +
    'вопрос вопросы вопросам тема темы темам'
  )
    .split(' ')
    .map((w) => w.replace(/ё/g, 'е')),
);

/** Russian endings, longest first: a crude stemmer is enough to match «математике» to «математика». */
// prettier-ignore
const ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'ах', 'ях',
  'ов', 'ев', 'ей', 'ой', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ам', 'ям', 'ом',
  'ем', 'ую', 'юю', 'ия', 'ии', 'ию', 'ью', 'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь',
];
/** Stems are compared on their first letters only: «математика» and «математический» meet. */
const STEM_LENGTH = 6;

/** Lower case, ё → е, the letters of one word. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/** The comparable stem of a normalised word: its ending cut (the stem keeps ≥ 3 letters), then its first STEM_LENGTH letters. */
export function stemOf(word: string): string {
  let stem = word;
  if (word.length >= 5) {
    const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
    if (ending) stem = word.slice(0, -ending.length);
  }
  return stem.slice(0, STEM_LENGTH);
}

/** The stems of a text, each with the first word that gave it (for the reason). */
export function stemsOf(...texts: (string | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    if (!text) continue;
    for (const raw of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      const word = normaliseWord(raw);
      if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      const stem = stemOf(word);
      if (!out.has(stem)) out.set(stem, word);
    }
  }
  return out;
}

/** How many stems of `offer` `wanted` has (not counting those `except` says). */
function countShared(
  wanted: ReadonlyMap<string, string>,
  offer: ReadonlyMap<string, string>,
  except?: (stem: string) => boolean,
): number {
  let n = 0;
  for (const stem of offer.keys()) if (wanted.has(stem) && !except?.(stem)) n++;
  return n;
}

/** The words of `offer` whose stems `wanted` has, in the offer's order. */
function sharedWords(
  wanted: ReadonlyMap<string, string>,
  offer: ReadonlyMap<string, string>,
  except?: (stem: string) => boolean,
): string[] {
  const words: string[] = [];
  for (const [stem, word] of offer) if (wanted.has(stem) && !except?.(stem)) words.push(word);
  return words;
}

/** The grade of a class label («7Б» → 7, «10-А» → 10), or null. */
export function gradeOf(classLabel: string | null): number | null {
  const match = classLabel?.trim().match(/^(\d{1,2})/);
  return match ? Number(match[1]) : null;
}

// ------------------------------------------------------------------------ index
export interface MatchMentee {
  person: MatchPerson;
  /** The forms tried: her preferred one when known, else every form that fits her kind. */
  forms: readonly MentoringForm[];
  preferredForm: MentoringForm | null;
  grade: number | null;
  request: ReadonlyMap<string, string>;
  hasRequest: boolean;
  /** Her interests and subject. */
  interests: ReadonlyMap<string, string>;
  subject: ReadonlyMap<string, string>;
  /** The mentors she named, first choice first; null: none recorded. */
  stated: readonly Uuid[] | null;
}

export interface MatchMentor {
  person: MatchPerson;
  /** The forms in which her kind may mentor. */
  forms: ReadonlySet<MentoringForm>;
  grade: number | null;
  /** Distinct mentees in her live (draft, approved, active) pairs. */
  load: number;
  /** capacity − load, never below 0. */
  left: number;
  /** What she offers: her interests and subject. */
  offer: ReadonlyMap<string, string>;
  subject: ReadonlyMap<string, string>;
}

export interface MatchingIndex {
  capacity: number;
  /** Mentees without a live pair, by name. */
  mentees: MatchMentee[];
  /** Every mentor who takes part, by name (free places or not). */
  mentors: MatchMentor[];
}

const byName = new Intl.Collator('ru').compare;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const LIVE = LIVE_PAIR_STATUSES as readonly string[];

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
  const sorted = [...people].sort((a, b) => byName(a.full_name, b.full_name) || cmp(a.id, b.id));
  const mentees = sorted
    .filter((p) => p.is_mentee && !pairedMentees.has(p.id))
    .map((person): MatchMentee => {
      const preferredForm = options.preferredForms?.get(person.id) ?? null;
      const request = requests.get(person.id) ?? null;
      const stated = options.statedPreferences?.get(person.id);
      return {
        person,
        preferredForm,
        forms: preferredForm
          ? [preferredForm]
          : MENTORING_FORMS.filter((f) => fitsForm(f, 'mentee', person.kind)),
        grade: gradeOf(person.class_label),
        request: stemsOf(request),
        hasRequest: !!request?.trim(),
        interests: stemsOf(person.interests, person.subject),
        subject: stemsOf(person.subject),
        stated: stated && stated.length > 0 ? stated : null,
      };
    });
  const mentors = sorted
    .filter((p) => p.is_mentor)
    .map((person): MatchMentor => {
      const taught = new Set<Uuid>();
      for (const pairId of pairsOfMentor.get(person.id) ?? []) {
        for (const id of menteesOf.get(pairId) ?? []) taught.add(id);
      }
      return {
        person,
        forms: new Set(MENTORING_FORMS.filter((f) => fitsForm(f, 'mentor', person.kind))),
        grade: gradeOf(person.class_label),
        load: taught.size,
        left: Math.max(0, capacity - taught.size),
        offer: stemsOf(person.interests, person.subject),
        subject: stemsOf(person.subject),
      };
    });
  return { capacity, mentees, mentors };
}

/** Mentors with at least one free place. */
export function mentorsWithFreePlaces(index: MatchingIndex): MatchMentor[] {
  return index.mentors.filter((m) => m.left > 0);
}

// ------------------------------------------------------------------------ score
// Each component's points come from ONE helper below, used both by the bare score that ranks
// (coupleScore: no objects, it runs for every mentee × mentor) and by the explained one
// (scoreCouple); a property test keeps the two equal.

/**
 * The form of a couple: the first of the mentee's forms (MENTORING_FORMS order) in which the
 * mentor fits the mentor's side; null when none (the hard constraint: never suggested).
 */
export function coupleForm(mentee: MatchMentee, mentor: MatchMentor): MentoringForm | null {
  if (mentee.person.id === mentor.person.id) return null;
  for (const form of mentee.forms) if (mentor.forms.has(form)) return form;
  return null;
}

const formPoints = (mentee: MatchMentee, form: MentoringForm) =>
  mentee.preferredForm === form ? POINTS.preferredForm : POINTS.fittingForm;

type RoleModelKey =
  | 'olderStudent'
  | 'sameGrade'
  | 'youngerStudent'
  | 'classUnknown'
  | 'experienced'
  | 'similarExperience'
  | 'experienceUnknown'
  | 'byForm';
const ROLE_MODEL_POINTS: Record<RoleModelKey, number> = {
  olderStudent: POINTS.olderStudent,
  sameGrade: POINTS.sameGrade,
  youngerStudent: 0,
  classUnknown: 0,
  experienced: POINTS.experiencedTeacher,
  similarExperience: 0,
  experienceUnknown: 0,
  byForm: 0,
};

/** «ученик – ученик»: an older pupil; «учитель – учитель»: an experienced teacher. */
function roleModelKey(mentee: MatchMentee, mentor: MatchMentor, form: MentoringForm): RoleModelKey {
  if (form === 'uchenik_uchenik') {
    if (mentee.grade === null || mentor.grade === null) return 'classUnknown';
    if (mentor.grade > mentee.grade) return 'olderStudent';
    return mentor.grade === mentee.grade ? 'sameGrade' : 'youngerStudent';
  }
  if (form === 'uchitel_uchitel') {
    const menteeYears = mentee.person.teaching_experience_years;
    const mentorYears = mentor.person.teaching_experience_years;
    if (menteeYears === null || mentorYears === null) return 'experienceUnknown';
    return mentorYears - menteeYears >= EXPERIENCE_GAP_YEARS ? 'experienced' : 'similarExperience';
  }
  return 'byForm';
}

const requestPoints = (shared: number) => POINTS.requestWord * Math.min(shared, REQUEST_WORDS);
const requestShared = (mentee: MatchMentee, mentor: MatchMentor) =>
  mentee.hasRequest ? countShared(mentee.request, mentor.offer) : 0;

/** A stem of both subjects counts for the subject, not again as an interest. */
const subjectStem = (mentee: MatchMentee, mentor: MatchMentor) => (stem: string) =>
  mentee.subject.has(stem) && mentor.subject.has(stem);
const overlapPoints = (sameSubject: boolean, interests: number) =>
  (sameSubject ? POINTS.sameSubject : 0) +
  POINTS.interestWord * Math.min(interests, INTEREST_WORDS);

const capacityPoints = (mentor: MatchMentor) => POINTS.freePlace * mentor.left;

/** The mentor's place among the mentee's stated choices (0 first), -1 not named, null none stated. */
const statedRank = (mentee: MatchMentee, mentor: MatchMentor) =>
  mentee.stated === null ? null : mentee.stated.indexOf(mentor.person.id);
const preferencePoints = (rank: number | null) =>
  rank === null || rank < 0 ? 0 : (POINTS.statedChoice[rank] ?? 0);

/** The score alone (what ranking needs), or null when the two may not be paired. */
export function coupleScore(mentee: MatchMentee, mentor: MatchMentor): number | null {
  if (mentor.left <= 0) return null;
  const form = coupleForm(mentee, mentor);
  if (!form) return null;
  const sameSubject = countShared(mentee.subject, mentor.subject) > 0;
  const interests = countShared(mentee.interests, mentor.offer, subjectStem(mentee, mentor));
  return (
    formPoints(mentee, form) +
    ROLE_MODEL_POINTS[roleModelKey(mentee, mentor, form)] +
    requestPoints(requestShared(mentee, mentor)) +
    overlapPoints(sameSubject, interests) +
    capacityPoints(mentor) +
    preferencePoints(statedRank(mentee, mentor))
  );
}

const reason = (key: string, params: Record<string, string | number> = {}) => ({ key, params });
const list = (words: string[]) => words.join(', ');

function formComponent(mentee: MatchMentee, form: MentoringForm): ScoreComponent {
  const key = mentee.preferredForm === form ? 'form.preferred' : 'form.fits';
  return { name: 'form', points: formPoints(mentee, form), reason: reason(key, { form }) };
}

function roleModelComponent(
  mentee: MatchMentee,
  mentor: MatchMentor,
  form: MentoringForm,
): ScoreComponent {
  const key = roleModelKey(mentee, mentor, form);
  const params: Record<string, string | number> =
    key === 'olderStudent' || key === 'sameGrade' || key === 'youngerStudent'
      ? { mentor: mentor.grade!, mentee: mentee.grade! }
      : key === 'experienced' || key === 'similarExperience'
        ? {
            mentor: mentor.person.teaching_experience_years!,
            mentee: mentee.person.teaching_experience_years!,
          }
        : key === 'byForm'
          ? { form }
          : {};
  return {
    name: 'roleModel',
    points: ROLE_MODEL_POINTS[key],
    reason: reason(`roleModel.${key}`, params),
  };
}

function requestComponent(mentee: MatchMentee, mentor: MatchMentor): ScoreComponent {
  const name = 'request' as const;
  if (!mentee.hasRequest) return { name, points: 0, reason: reason('request.none') };
  if (mentor.offer.size === 0) return { name, points: 0, reason: reason('request.mentorSilent') };
  const shared = sharedWords(mentee.request, mentor.offer);
  if (shared.length === 0) return { name, points: 0, reason: reason('request.noOverlap') };
  return {
    name,
    points: requestPoints(shared.length),
    reason: reason('request.matches', { words: list(shared), n: shared.length }),
  };
}

function overlapComponent(mentee: MatchMentee, mentor: MatchMentor): ScoreComponent {
  const subject = sharedWords(mentee.subject, mentor.subject);
  const interests = sharedWords(mentee.interests, mentor.offer, subjectStem(mentee, mentor));
  const points = overlapPoints(subject.length > 0, interests.length);
  const key =
    subject.length > 0 && interests.length > 0
      ? 'overlap.subjectAndInterests'
      : subject.length > 0
        ? 'overlap.sameSubject'
        : interests.length > 0
          ? 'overlap.interests'
          : 'overlap.none';
  const params: Record<string, string | number> = {};
  if (subject.length > 0) params.subject = list(subject);
  if (interests.length > 0) Object.assign(params, { words: list(interests), n: interests.length });
  return { name: 'overlap', points, reason: reason(key, params) };
}

function capacityComponent(mentor: MatchMentor, capacity: number): ScoreComponent {
  return {
    name: 'capacity',
    points: capacityPoints(mentor),
    reason: reason('capacity.left', { left: mentor.left, capacity }),
  };
}

function preferenceComponent(mentee: MatchMentee, mentor: MatchMentor): ScoreComponent {
  const rank = statedRank(mentee, mentor);
  const points = preferencePoints(rank);
  if (rank === null)
    return { name: 'preference', points, reason: reason('preference.notRecorded') };
  if (rank < 0) return { name: 'preference', points, reason: reason('preference.notNamed') };
  return { name: 'preference', points, reason: reason('preference.named', { rank: rank + 1 }) };
}

/** One mentor for one mentee with every component and why, or null when they may not be paired. */
export function scoreCouple(
  index: MatchingIndex,
  mentee: MatchMentee,
  mentor: MatchMentor,
): Suggestion | null {
  if (mentor.left <= 0) return null;
  const form = coupleForm(mentee, mentor);
  if (!form) return null;
  const components = [
    formComponent(mentee, form),
    roleModelComponent(mentee, mentor, form),
    requestComponent(mentee, mentor),
    overlapComponent(mentee, mentor),
    capacityComponent(mentor, index.capacity),
    preferenceComponent(mentee, mentor),
  ];
  const score = components.reduce((sum, c) => sum + c.points, 0);
  return { menteeId: mentee.person.id, mentorId: mentor.person.id, form, score, components };
}

/**
 * Mentee's acceptable mentors as [mentor number in index.mentors, score], best first; equal
 * scores keep the mentors' name order.
 */
function rankedNumbers(index: MatchingIndex, mentee: MatchMentee): [number, number][] {
  const out: [number, number][] = [];
  index.mentors.forEach((mentor, m) => {
    const score = coupleScore(mentee, mentor);
    if (score !== null) out.push([m, score]);
  });
  return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** The mentors a mentee may get, best first (ties: by the mentor's name), the first `limit` explained. */
export function rankMentors(
  index: MatchingIndex,
  mentee: MatchMentee,
  limit = Number.POSITIVE_INFINITY,
): Suggestion[] {
  return rankedNumbers(index, mentee)
    .slice(0, limit)
    .map(([m]) => scoreCouple(index, mentee, index.mentors[m]!)!);
}

// ------------------------------------------------------------------------ suggest for everyone
/**
 * Deferred acceptance (Gale–Shapley, mentees propose) with capacities, over any scores.
 * `ranked[e]` lists mentee e's acceptable mentors as [mentor, score], best first; a mentor's
 * order of mentees is the same score (ties: the lower mentee number first). Returns each
 * mentee's mentor (or -1).
 *
 * What always holds (the test proves it): no mentor holds more than `capacity[m]`, and there
 * is no blocking couple — a mentee e and an acceptable mentor m with e unassigned or scoring m
 * strictly above her mentor, while m has a free place or scores e strictly above one of hers.
 * Mentees' strict orders are score-then-list order, mentors' score-then-number: strict
 * preferences that refine the scores, so a matching stable for them is stable for the scores.
 */
export function deferredAcceptance(
  ranked: readonly (readonly (readonly [number, number])[])[],
  capacity: readonly number[],
): number[] {
  const assigned = new Array<number>(ranked.length).fill(-1);
  const next = new Array<number>(ranked.length).fill(0);
  // held[m]: the mentees mentor m holds, with the score she gives each.
  const held: { mentee: number; score: number }[][] = capacity.map(() => []);
  const free: number[] = [];
  for (let e = ranked.length - 1; e >= 0; e--) free.push(e);
  // Does the mentor prefer mentee a (score sa) to mentee b (score sb)?
  const prefers = (sa: number, a: number, sb: number, b: number) => sa > sb || (sa === sb && a < b);
  while (free.length > 0) {
    const e = free.pop()!;
    const choices = ranked[e]!;
    while (next[e]! < choices.length) {
      const [m, score] = choices[next[e]!++]!;
      const holding = held[m]!;
      if (holding.length < capacity[m]!) {
        holding.push({ mentee: e, score });
        assigned[e] = m;
        break;
      }
      let worst = -1;
      for (let i = 0; i < holding.length; i++) {
        const h = holding[i]!;
        const w = holding[worst] ?? null;
        if (w === null || prefers(w.score, w.mentee, h.score, h.mentee)) worst = i;
      }
      if (worst < 0) continue; // a mentor with no place at all
      const w = holding[worst]!;
      if (prefers(score, e, w.score, w.mentee)) {
        holding[worst] = { mentee: e, score };
        assigned[e] = m;
        assigned[w.mentee] = -1;
        free.push(w.mentee);
        break;
      }
    }
  }
  return assigned;
}

export const SUGGESTION_METHOD = 'deferredAcceptance' as const;

export interface Proposal {
  method: typeof SUGGESTION_METHOD;
  /** The couples proposed, in the mentees' name order, each with why. */
  assignments: Suggestion[];
  /** Mentees left without a mentor (no fitting mentor with a free place). */
  unmatched: Uuid[];
}

/**
 * "Suggest for everyone": a stable assignment of the mentees without a pair to the mentors'
 * free places under the scores of scoreCouple. Nothing is created here: the curator reviews it.
 */
export function suggestForEveryone(index: MatchingIndex): Proposal {
  const assigned = deferredAcceptance(
    index.mentees.map((mentee) => rankedNumbers(index, mentee)),
    index.mentors.map((m) => m.left),
  );
  const assignments: Suggestion[] = [];
  const unmatched: Uuid[] = [];
  index.mentees.forEach((mentee, e) => {
    const m = assigned[e]!;
    if (m < 0) unmatched.push(mentee.person.id);
    else assignments.push(scoreCouple(index, mentee, index.mentors[m]!)!);
  });
  return { method: SUGGESTION_METHOD, assignments, unmatched };
}
