// The shapes matching works on: the rows it reads (MatchingFacts, with the consent and intake
// columns it needs), the options that override the intake, the index built from them (each
// mentee and mentor with her stems, forms and free places), and a scored suggestion with its
// named components. Shared by every part of matching; imports nothing of them.
import type {
  Consent,
  Intake,
  IsoDate,
  MentoringForm,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
  Uuid,
} from '../types';

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

// The bits of MatchMentee.stemFlags.
export const REQUEST = 1;
export const INTEREST = 2;
export const SUBJECT = 4;
