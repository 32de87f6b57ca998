// The school at a glance (the curator's and the school admin's home): numbers over the
// school's rows, each carrying the ids of the people or pairs behind it, so every number opens
// its list. Pure and linear in the rows: fed by a few bulk reads (data/overviewQueries.ts) and
// shared with the triage (domain/triage.ts) through one index built once per change.
// Built in two steps so the home can show its first numbers before the slower reads finish:
// the people and pairs (indexPeople, peopleOverview), then the consents and the pairs' work —
// meetings, plans, questionnaires, requests, snoozes (withWork, workOverview, and the triage).
// This entry joins the two steps into the whole overview and finds the metric a list route
// names; the parts live in schoolOverview/ (facts, schoolIndex, metric, peopleOverview,
// workOverview) and are re-exported here, so importers keep one path.
import { peopleOverview } from './schoolOverview/peopleOverview';
import { workOverview } from './schoolOverview/workOverview';
import type { Metric, SchoolOverview } from './schoolOverview/metric';
import type { SchoolIndex } from './schoolOverview/schoolIndex';

export {
  LIVE_STATUSES,
  WORKING_STATUSES,
  meetingFactsOf,
  type OverviewConsent,
  type OverviewMember,
  type OverviewPair,
  type OverviewParticipant,
  type OverviewRequest,
  type OverviewSnooze,
  type OverviewTask,
  type PairMeetingFacts,
  type PairsFacts,
  type PeopleFacts,
  type PeopleRows,
  type SchoolFacts,
  type WorkFacts,
} from './schoolOverview/facts';
export {
  indexConsents,
  indexPeople,
  indexSchool,
  pairSubject,
  withWork,
  type ConsentIndex,
  type PairSides,
  type PeopleIndex,
  type SchoolIndex,
} from './schoolOverview/schoolIndex';
export {
  WORK_METRICS,
  WORK_METRIC_KEYS,
  type Metric,
  type PeopleOverview,
  type SchoolOverview,
  type ShareMetric,
  type WorkOverview,
} from './schoolOverview/metric';
export { formsOverview, peopleOverview } from './schoolOverview/peopleOverview';
export {
  SHOWN_STATUSES,
  shownStatus,
  workOverview,
  type ShownStatus,
} from './schoolOverview/workOverview';

export function schoolOverview(index: SchoolIndex): SchoolOverview {
  return { ...peopleOverview(index), ...workOverview(index) };
}

/** Every metric of the overview, for the list behind a number (route overview-list). */
export function overviewMetrics(overview: SchoolOverview): Metric[] {
  return [
    overview.mentors,
    overview.mentees,
    ...overview.kinds,
    ...overview.categories,
    ...overview.forms,
    ...overview.statuses,
    overview.coverageStudents,
    overview.coverageTeachers,
    overview.meetingsThisMonth,
    overview.plans,
    overview.entryOutstanding,
    overview.exitOutstanding,
    overview.satisfaction,
  ];
}

/** The metric a list route names, or null (an unknown key, or a group that is now empty). */
export function findMetric(overview: SchoolOverview, key: string): Metric | null {
  return overviewMetrics(overview).find((m) => m.key === key) ?? null;
}
