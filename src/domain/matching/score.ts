// The score of a couple (mentee, mentor): the hard constraint (a form both fit), then six
// named components — form, role model, request, overlap, free places, stated choice — each with
// its points and a reason (an i18n key under matching.reason with its params).
import { sharedWords } from '../intake';
import type { MentoringForm } from '../types';
import {
  INTEREST,
  REQUEST,
  SUBJECT,
  type MatchingIndex,
  type MatchMentee,
  type MatchMentor,
  type ScoreComponent,
  type Suggestion,
} from './types';

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
