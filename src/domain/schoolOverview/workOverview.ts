// The numbers that wait for the consents and the pairs' work: pairs by the status shown (paused
// when a member's consent is missing), meetings this month, plans, questionnaires, satisfaction.
import { satisfactionItemId, satisfactionShare } from '../questionnaires';
import type { Uuid } from '../types';
import { WORKING_STATUSES, type OverviewPair } from './facts';
import type { SchoolIndex } from './schoolIndex';
import { grouped, metric, percentOf, type ShareMetric, type WorkOverview } from './metric';

export const SHOWN_STATUSES = [
  'draft',
  'approved',
  'active',
  'paused',
  'completed',
  'ended_early',
] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

export function shownStatus(index: SchoolIndex, pair: OverviewPair): ShownStatus {
  return index.paused.has(pair.id) ? 'paused' : pair.status;
}

/**
 * The numbers that need the consents and the pairs' work: pairs by shown status (paused
 * ones), meetings this month, plans, questionnaires, satisfaction.
 */
export function workOverview(index: SchoolIndex): WorkOverview {
  const working = index.pairs.filter((p) => WORKING_STATUSES.includes(p.status));
  let meetings = 0;
  const met: Uuid[] = [];
  for (const pair of index.pairs) {
    const n = index.meetingsOf.get(pair.id)?.heldThisMonth ?? 0;
    meetings += n;
    if (n > 0) met.push(pair.id);
  }

  let done = 0;
  let tasks = 0;
  const withTasks: Uuid[] = [];
  for (const pair of working) {
    const list = (index.tasksOf.get(pair.id) ?? []).filter((t) => t.status !== 'cancelled');
    if (list.length === 0) continue;
    withTasks.push(pair.id);
    tasks += list.length;
    done += list.filter((t) => t.status === 'done').length;
  }

  const outstanding = (kind: 'entry' | 'exit', key: string) => {
    let count = 0;
    const ids: Uuid[] = [];
    for (const [pairId, slots] of index.slotsOf) {
      const due = slots.filter((s) => s.kind === kind && s.isDue).length;
      count += due;
      if (due > 0) ids.push(pairId);
    }
    return metric(key, 'pairs', ids, count);
  };

  return {
    statuses: grouped(
      index.pairs.map((p) => [shownStatus(index, p), p.id]),
      SHOWN_STATUSES,
      (s) => `status:${s}`,
      'pairs',
    ),
    meetingsThisMonth: metric('meetings:month', 'pairs', met, meetings),
    plans: {
      ...metric('plans:progress', 'pairs', withTasks, done),
      total: tasks,
      percent: percentOf(done, tasks),
    },
    entryOutstanding: outstanding('entry', 'questionnaires:entry'),
    exitOutstanding: outstanding('exit', 'questionnaires:exit'),
    satisfaction: satisfaction(index),
  };
}

/** The satisfaction share by the KPI rule (first item ≥ 7), with its respondents' ids. */
function satisfaction(index: SchoolIndex): ShareMetric {
  const templates = new Map(index.facts.templates.map((t) => [t.id, t]));
  const share = satisfactionShare(index.facts.responses, templates);
  // The respondents satisfactionShare counted, by the same conditions.
  const ids: Uuid[] = [];
  for (const r of index.facts.responses) {
    const template = templates.get(r.template_id);
    if (!template || template.kind !== 'satisfaction') continue;
    if (r.deleted_at !== null || r.submitted_at === null) continue;
    const item = satisfactionItemId(template);
    if (item === null || typeof r.answers[item] !== 'number') continue;
    ids.push(r.participant_id);
  }
  return {
    ...metric('satisfaction', 'people', [...new Set(ids)], share.satisfied),
    total: share.total,
    percent: share.percent,
  };
}
