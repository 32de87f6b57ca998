// Explainable matching: for each mentee without a live pair, the mentors ranked by a score made
// of named components, each with its points and a reason (an i18n key under matching.reason
// with its params), and "suggest for everyone": a whole assignment that respects every mentor's
// free places and is STABLE with respect to the same scores (deferred acceptance, mentees
// propose, Gale–Shapley with capacities; proven by test/unit/**/matching*.test.ts).
//
// What the score uses: the person's kind, class, subject, teaching experience and interests
// (participants), the staff's request about a mentee (participant_sensitive.request), and the
// intake questionnaires (domain/intake.ts): what a mentor offers, how many mentees she takes
// (her capacity; DEFAULT_MENTOR_CAPACITY when she has not said), the forms each side prefers,
// the mentee's own request and interests, and the mentors she chose after the group meeting.
// MatchingOptions override the intake (tests, what-ifs).
// Consent: a mentee whose consent to personal-data processing is missing, expired or revoked
// is still proposed (a draft pair may wait for the consent), but never silently: her
// MatchMentee carries the problem (consentProblemOf, the rule of domain/consent.ts) and every
// suggestion for her shows it.
import { isConsentValidOn } from './consent';
import { fitsForm, LIVE_PAIR_STATUSES } from './formRules';
import { DEFAULT_MENTOR_CAPACITY, keywordsOf as stemsOf, sharedWords } from './intake';
import {
  MENTORING_FORMS,
  type Consent,
  type Intake,
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
> & { archived_on?: IsoDate | null; is_minor?: boolean };

/** What matching reads of a consent row (staff devices hold them). */
export type MatchConsent = Pick<
  Consent,
  'participant_id' | 'given_by' | 'signed_on' | 'valid_until' | 'revoked_on' | 'deleted_at'
>;

/**
 * Why a mentee is not covered by a valid consent today: none recorded (or none that counts,
 * e.g. a minor's own signature), the last one ran out on `date`, or it was revoked on `date`.
 */
export interface ConsentProblem {
  kind: 'missing' | 'expired' | 'revoked';
  date: IsoDate | null;
  /** A minor: the consent must come from a parent or legal representative. */
  isMinor: boolean;
}

/** What matching reads of an intake row. */
export type MatchIntake = Pick<
  Intake,
  | 'participant_id'
  | 'role'
  | 'offers'
  | 'capacity'
  | 'forms'
  | 'request'
  | 'interests'
  | 'preferred_mentor_ids'
  | 'deleted_at'
>;

/** The school's rows matching reads (data/matchingQueries.ts). */
export interface MatchingFacts {
  participants: readonly MatchPerson[];
  sensitive: readonly Pick<ParticipantSensitive, 'participant_id' | 'request' | 'deleted_at'>[];
  pairs: readonly Pick<Pair, 'id' | 'status' | 'deleted_at'>[];
  members: readonly Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[];
  /** The intake questionnaires (none: every mentor takes the default capacity). */
  intakes?: readonly MatchIntake[];
  /** The consents (absent: not known here, no consent problem is said). */
  consents?: readonly MatchConsent[];
}

export interface MatchingOptions {
  /** Mentees a mentor takes when her intake does not say (default DEFAULT_MENTOR_CAPACITY). */
  capacity?: number;
  /** A mentee's preferred form(s), over her intake's. */
  preferredForms?: ReadonlyMap<Uuid, MentoringForm | readonly MentoringForm[]>;
  /** The mentors a mentee named after the group meeting, first choice first, over her intake's. */
  statedPreferences?: ReadonlyMap<Uuid, readonly Uuid[]>;
  /** The day consents are checked on (absent: not checked, no consent problem is said). */
  today?: IsoDate;
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
  /** Per free place left, up to FREE_PLACES places. */
  freePlace: 3,
  /** First, second, third choice the mentee named. */
  statedChoice: [30, 20, 10] as readonly number[],
} as const;
const REQUEST_WORDS = 3;
const INTEREST_WORDS = 3;
/** Free places beyond this count no more (a mentor of 30 places would outweigh everything). */
const FREE_PLACES = 3;
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
// The keywords (a crude Russian stemmer) live with the intake, which asks for the words.
export { normaliseWord, stemOf, keywordsOf as stemsOf } from './intake';

/** The grade of a class label («7Б» → 7, «10-А» → 10), or null. */
export function gradeOf(classLabel: string | null): number | null {
  const match = classLabel?.trim().match(/^(\d{1,2})/);
  return match ? Number(match[1]) : null;
}

// ------------------------------------------------------------------------ index
export interface MatchMentee {
  person: MatchPerson;
  /** The forms tried: her preferred ones when known (and fitting her kind), else every form that fits her kind. */
  forms: readonly MentoringForm[];
  /** The forms she said she prefers (intake or options); empty: none said. */
  preferredForms: ReadonlySet<MentoringForm>;
  grade: number | null;
  /** Her request: her own words (intake) and the staff's (participant_sensitive). */
  request: ReadonlyMap<string, string>;
  hasRequest: boolean;
  /** Her interests (card and intake) and subject. */
  interests: ReadonlyMap<string, string>;
  subject: ReadonlyMap<string, string>;
  /** The mentors she named, first choice first; null: none recorded. */
  stated: readonly Uuid[] | null;
  hasIntake: boolean;
  /** Not covered by a valid consent today (null: covered, or not known here). */
  consent: ConsentProblem | null;
  /**
   * Per stem number (MatchingIndex's mentor stems): REQUEST | INTEREST | SUBJECT when her
   * request, interests, subject have that stem. The bare score reads this, not the maps.
   */
  stemFlags: Uint8Array;
}

export interface MatchMentor {
  person: MatchPerson;
  /** The forms in which her kind may mentor (narrowed to those her intake names, when any fit). */
  forms: ReadonlySet<MentoringForm>;
  grade: number | null;
  /** Distinct mentees in her live (draft, approved, active) pairs. */
  load: number;
  /** The mentees she takes: her intake's capacity, else the index's default. */
  capacity: number;
  /** Whether `capacity` is hers (the intake says it) rather than the default. */
  capacityStated: boolean;
  /** capacity − load, never below 0. */
  left: number;
  /** What she offers: her intake's answer, her interests and subject. */
  offer: ReadonlyMap<string, string>;
  subject: ReadonlyMap<string, string>;
  hasIntake: boolean;
  /** The stem numbers of `offer` and `subject` (see MatchMentee.stemFlags). */
  offerStems: Int32Array;
  subjectStems: Int32Array;
}

export interface MatchingIndex {
  /** The default capacity (a mentor whose intake does not say). */
  capacity: number;
  /** Mentees without a live pair, by name. */
  mentees: MatchMentee[];
  /** Every mentor who takes part, by name (free places or not). */
  mentors: MatchMentor[];
}

const byName = new Intl.Collator('ru').compare;
const REQUEST = 1;
const INTEREST = 2;
const SUBJECT = 4;
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

/**
 * Why `person` is not covered by a valid consent on `today` (isConsentValidOn, the server's
 * rule), or null when she is. Of several lapsed consents the latest end is named.
 */
export function consentProblemOf(
  person: Pick<MatchPerson, 'id' | 'is_minor'>,
  consents: readonly MatchConsent[],
  today: IsoDate,
): ConsentProblem | null {
  const isMinor = person.is_minor ?? false;
  const own = consents.filter((c) => c.participant_id === person.id && c.deleted_at === null);
  const card = { is_minor: isMinor };
  if (own.some((c) => isConsentValidOn(c, card, today))) return null;
  // Consents that counted once (a minor's own signature never did).
  const counted = own.filter((c) => !isMinor || c.given_by === 'representative');
  const latest = (dates: (IsoDate | null)[]) =>
    dates.reduce<IsoDate | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  const ended = latest(
    counted
      .filter((c) => c.revoked_on === null && c.valid_until !== null && c.valid_until < today)
      .map((c) => c.valid_until),
  );
  if (ended) return { kind: 'expired', date: ended, isMinor };
  const revoked = latest(
    counted.filter((c) => c.revoked_on !== null && c.revoked_on <= today).map((c) => c.revoked_on),
  );
  if (revoked) return { kind: 'revoked', date: revoked, isMinor };
  return { kind: 'missing', date: null, isMinor };
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

// ------------------------------------------------------------------------ score
// Each component's points come from ONE helper below, used both by the bare score that ranks
// (coupleScore: no objects, stem numbers instead of strings, it runs for every mentee ×
// mentor) and by the explained one (scoreCouple, words); a property test keeps the two equal.

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
  mentee.preferredForms.has(form) ? POINTS.preferredForm : POINTS.fittingForm;

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

/** A stem of both subjects counts for the subject, not again as an interest. */
const subjectStem = (mentee: MatchMentee, mentor: MatchMentor) => (stem: string) =>
  mentee.subject.has(stem) && mentor.subject.has(stem);
const overlapPoints = (sameSubject: boolean, interests: number) =>
  (sameSubject ? POINTS.sameSubject : 0) +
  POINTS.interestWord * Math.min(interests, INTEREST_WORDS);

const capacityPoints = (mentor: MatchMentor) =>
  POINTS.freePlace * Math.min(mentor.left, FREE_PLACES);

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
  // The same counts as requestComponent and overlapComponent, on stem numbers.
  const flags = mentee.stemFlags;
  const subjects = mentor.subjectStems;
  let sameSubject = false;
  for (let i = 0; i < subjects.length; i++) if (flags[subjects[i]!]! & SUBJECT) sameSubject = true;
  let requested = 0;
  let interests = 0;
  const offer = mentor.offerStems;
  for (let i = 0; i < offer.length; i++) {
    const n = offer[i]!;
    const f = flags[n]!;
    if (f & REQUEST) requested++;
    // A stem of both subjects counts for the subject, not again as an interest.
    if (f & INTEREST && !(f & SUBJECT && subjects.includes(n))) interests++;
  }
  return (
    formPoints(mentee, form) +
    ROLE_MODEL_POINTS[roleModelKey(mentee, mentor, form)] +
    requestPoints(requested) +
    overlapPoints(sameSubject, interests) +
    capacityPoints(mentor) +
    preferencePoints(statedRank(mentee, mentor))
  );
}

const reason = (key: string, params: Record<string, string | number> = {}) => ({ key, params });
const list = (words: string[]) => words.join(', ');

function formComponent(mentee: MatchMentee, form: MentoringForm): ScoreComponent {
  const key = mentee.preferredForms.has(form) ? 'form.preferred' : 'form.fits';
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

/** Her free places of her capacity, saying whether the capacity is her intake's or the default. */
function capacityComponent(mentor: MatchMentor): ScoreComponent {
  const key = mentor.capacityStated ? 'capacity.leftStated' : 'capacity.left';
  return {
    name: 'capacity',
    points: capacityPoints(mentor),
    reason: reason(key, { left: mentor.left, capacity: mentor.capacity }),
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
    capacityComponent(mentor),
    preferenceComponent(mentee, mentor),
  ];
  const score = components.reduce((sum, c) => sum + c.points, 0);
  return { menteeId: mentee.person.id, mentorId: mentor.person.id, form, score, components };
}

/** One mentee's acceptable mentors, best first: their numbers in index.mentors and scores. */
interface Ranked {
  mentors: Int32Array;
  scores: Float64Array;
}

/**
 * Mentee's acceptable mentors, best first; equal scores keep the mentors' name order. Typed
 * arrays, no object per couple: this runs for every mentee × mentor.
 */
function rankedOf(index: MatchingIndex, mentee: MatchMentee, scratch: Float64Array): Ranked {
  const order: number[] = [];
  index.mentors.forEach((mentor, m) => {
    const score = coupleScore(mentee, mentor);
    if (score !== null) {
      scratch[m] = score;
      order.push(m);
    }
  });
  const mentors = Int32Array.from(order).sort((a, b) => scratch[b]! - scratch[a]! || a - b);
  return { mentors, scores: Float64Array.from(mentors, (m) => scratch[m]!) };
}

/** Mentee's acceptable mentors as [mentor number in index.mentors, score], best first. */
function rankedNumbers(index: MatchingIndex, mentee: MatchMentee): [number, number][] {
  const { mentors, scores } = rankedOf(index, mentee, new Float64Array(index.mentors.length));
  return Array.from(mentors, (m, i) => [m, scores[i]!]);
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
  return acceptance(
    ranked.map((list) => ({
      mentors: Int32Array.from(list, ([m]) => m),
      scores: Float64Array.from(list, ([, score]) => score),
    })),
    capacity,
  );
}

/** deferredAcceptance over typed lists (what suggestForEveryone builds). */
function acceptance(ranked: readonly Ranked[], capacity: readonly number[]): number[] {
  const assigned = new Array<number>(ranked.length).fill(-1);
  const next = new Array<number>(ranked.length).fill(0);
  // held[m]: the mentees mentor m holds, with the score she gives each; worst[m]: which of
  // them she values least (kept while she is full, so a refusal costs no scan).
  const held: { mentee: number; score: number }[][] = capacity.map(() => []);
  const worst = new Array<number>(capacity.length).fill(-1);
  const free: number[] = [];
  for (let e = ranked.length - 1; e >= 0; e--) free.push(e);
  // Does the mentor prefer mentee a (score sa) to mentee b (score sb)?
  const prefers = (sa: number, a: number, sb: number, b: number) => sa > sb || (sa === sb && a < b);
  const worstOf = (holding: { mentee: number; score: number }[]) => {
    let w = 0;
    for (let i = 1; i < holding.length; i++) {
      const h = holding[i]!;
      const x = holding[w]!;
      if (prefers(x.score, x.mentee, h.score, h.mentee)) w = i;
    }
    return w;
  };
  while (free.length > 0) {
    const e = free.pop()!;
    const choices = ranked[e]!;
    while (next[e]! < choices.mentors.length) {
      const at = next[e]!++;
      const m = choices.mentors[at]!;
      const score = choices.scores[at]!;
      const holding = held[m]!;
      const places = capacity[m]!;
      if (holding.length < places) {
        holding.push({ mentee: e, score });
        assigned[e] = m;
        if (holding.length === places) worst[m] = worstOf(holding);
        break;
      }
      if (places <= 0) continue; // a mentor with no place at all
      const w = holding[worst[m]!]!;
      if (prefers(score, e, w.score, w.mentee)) {
        holding[worst[m]!] = { mentee: e, score };
        worst[m] = worstOf(holding);
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
  const scratch = new Float64Array(index.mentors.length);
  const assigned = acceptance(
    index.mentees.map((mentee) => rankedOf(index, mentee, scratch)),
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
