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
//
// The parts, in matching/: types (the shapes), indexing (MatchingFacts → MatchingIndex),
// consentProblem, score (the components and their points), suggest (ranking and deferred
// acceptance). This file is the entry every importer uses.
export type {
  ComponentName,
  ConsentProblem,
  MatchConsent,
  MatchIntake,
  MatchingFacts,
  MatchingIndex,
  MatchingOptions,
  MatchMentee,
  MatchMentor,
  MatchPerson,
  ScoreComponent,
  Suggestion,
} from './matching/types';
export { COMPONENT_NAMES } from './matching/types';
export { consentProblemOf } from './matching/consentProblem';
export { gradeOf, indexMatching, mentorsWithFreePlaces } from './matching/indexing';
export { coupleForm, coupleScore, POINTS, scoreCouple } from './matching/score';
export {
  deferredAcceptance,
  rankMentors,
  SUGGESTION_METHOD,
  suggestForEveryone,
  type Proposal,
} from './matching/suggest';

// The keywords (a crude Russian stemmer) live with the intake, which asks for the words.
export { normaliseWord, stemOf, keywordsOf as stemsOf } from './intake';
