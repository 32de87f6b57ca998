// The overview's numbers as the cards show them: label, value and what it is out of, in the
// user's language. Kept out of the component so the template stays a plain loop.
import {
  WORK_METRIC_KEYS,
  type Metric,
  type PeopleOverview,
  type ShareMetric,
  type WorkOverview,
} from '@/domain/schoolOverview';

export interface OverviewRow {
  metric: Metric;
  label: string;
  value?: string;
  detail?: string;
}

/** A number still being counted (the pairs' work is read after the people): no link yet. */
export interface PendingRow {
  pending: string;
  label: string;
}

export interface OverviewSectionRows {
  id: 'people' | 'kinds' | 'categories' | 'coverage' | 'forms' | 'statuses' | 'work';
  rows: (OverviewRow | PendingRow)[];
}

interface Formatters {
  t: (key: string, named?: Record<string, unknown>, plural?: number) => string;
  n: (value: number, format: string) => string;
  label: (key: string) => string;
}

/**
 * The sections of the school at a glance. `work` null: the pairs' work is still being read,
 * its section lists its numbers as pending.
 */
export function overviewSections(
  o: PeopleOverview,
  work: WorkOverview | null,
  f: Formatters,
): OverviewSectionRows[] {
  const { t, n, label } = f;
  const plain = (metric: Metric): OverviewRow => ({ metric, label: label(metric.key) });
  const percent = (m: ShareMetric) => (m.percent === null ? '—' : n(m.percent / 100, 'percent'));
  const coverage = (m: ShareMetric): OverviewRow => ({
    metric: m,
    label: label(m.key),
    value: percent(m),
    detail: t('overview.values.coverage', { covered: m.ids.length, total: m.total }),
  });
  const sections: OverviewSectionRows[] = [
    { id: 'people', rows: [plain(o.mentors), plain(o.mentees)] },
    { id: 'kinds', rows: o.kinds.map(plain) },
    { id: 'categories', rows: o.categories.map(plain) },
    { id: 'coverage', rows: [coverage(o.coverageStudents), coverage(o.coverageTeachers)] },
    { id: 'forms', rows: o.forms.map(plain) },
    {
      id: 'statuses',
      // Paused pairs need the consents, read with the pairs' work.
      rows: work ? work.statuses.map(plain) : [{ pending: 'statuses', label: '' }],
    },
    {
      id: 'work',
      rows: work
        ? workRows(work, f)
        : WORK_METRIC_KEYS.map((key) => ({ pending: key, label: label(key) })),
    },
  ];
  return sections.filter((s) => s.rows.length > 0);
}

function workRows(o: WorkOverview, f: Formatters): OverviewRow[] {
  const { t, n, label } = f;
  const percent = (m: ShareMetric) => (m.percent === null ? '—' : n(m.percent / 100, 'percent'));
  const inPairs = (m: Metric): OverviewRow => ({
    metric: m,
    label: label(m.key),
    detail: t('overview.values.inPairs', { n: m.ids.length }, m.ids.length),
  });
  return [
    inPairs(o.meetingsThisMonth),
    {
      metric: o.plans,
      label: label(o.plans.key),
      value: percent(o.plans),
      detail:
        o.plans.total === 0
          ? t('overview.values.noTasks')
          : t('overview.values.plans', { done: o.plans.count, total: o.plans.total }),
    },
    inPairs(o.entryOutstanding),
    inPairs(o.exitOutstanding),
    {
      metric: o.satisfaction,
      label: label(o.satisfaction.key),
      value: percent(o.satisfaction),
      detail:
        o.satisfaction.total === 0
          ? t('overview.values.noAnswers')
          : t('overview.values.satisfaction', {
              satisfied: o.satisfaction.count,
              total: o.satisfaction.total,
            }),
    },
  ];
}
