// The first numbers of the home, from the people and the pairs alone (no consent, meeting, plan
// or questionnaire yet): mentors, mentees, kinds, categories, pairs by form, coverage.
import { MENTORING_FORMS, PARTICIPANT_KINDS, type Uuid } from '../types';
import { LIVE_STATUSES, type OverviewPair } from './facts';
import type { PeopleIndex } from './schoolIndex';
import {
  grouped,
  metric,
  percentOf,
  type Metric,
  type PeopleOverview,
  type ShareMetric,
} from './metric';

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
