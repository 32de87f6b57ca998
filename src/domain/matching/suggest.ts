// Ranking and "suggest for everyone": one mentee's mentors best first, and a whole assignment
// stable under the scores (deferred acceptance, mentees propose, with the mentors' free places).
import type { Uuid } from '../types';
import { coupleScore, scoreCouple } from './score';
import type { MatchingIndex, MatchMentee, Suggestion } from './types';

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
