// What a number of the overview is (a Metric: a count and the ids of the people or pairs behind
// it, so every number opens its list), the shape of the whole overview and which of its numbers
// wait for the pairs' work, and the small builders the people's and the work's numbers share.
import { byRussianName } from '../collation';
import type { Uuid } from '../types';
import { push } from './schoolIndex';

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

export const metric = (key: string, of: Metric['of'], ids: Uuid[], count = ids.length): Metric => ({
  key,
  of,
  ids,
  count,
});
export const percentOf = (part: number, total: number) =>
  total === 0 ? null : Math.round((part / total) * 100);

export function grouped<K extends string>(
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
