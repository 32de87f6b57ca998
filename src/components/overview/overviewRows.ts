// The overview's numbers as the cards show them: label, value and what it is out of, in the
// user's language. Kept out of the component so the template stays a plain loop.
import type { Glance } from '@/composables/useSchoolOverview';
import {
  WORK_METRIC_KEYS,
  type Metric,
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

/** A section's numbers still being counted: one per known key, or one for a group. */
const pending = (label: (key: string) => string, keys: readonly string[], group: string) =>
  keys.length === 0
    ? [{ pending: group, label: '' }]
    : keys.map((key) => ({ pending: key, label: label(key) }));

/**
 * The sections of the school at a glance, as far as they are read (Glance): the pairs by form
 * first, then the people's numbers, then the statuses (paused needs the consents) and the
 * pairs' work; a part not read yet lists its numbers as pending.
 */
export function overviewSections(g: Glance, f: Formatters): OverviewSectionRows[] {
  const { t, n, label } = f;
  const plain = (metric: Metric): OverviewRow => ({ metric, label: label(metric.key) });
  const percent = (m: ShareMetric) => (m.percent === null ? '—' : n(m.percent / 100, 'percent'));
  const coverage = (m: ShareMetric): OverviewRow => ({
    metric: m,
    label: label(m.key),
    value: percent(m),
    detail: t('overview.values.coverage', { covered: m.ids.length, total: m.total }),
  });
  const o = g.people;
  const work = g.work;
  const sections: OverviewSectionRows[] = [
    {
      id: 'people',
      rows: o ? [plain(o.mentors), plain(o.mentees)] : pending(label, ['mentors', 'mentees'], ''),
    },
    { id: 'kinds', rows: o ? o.kinds.map(plain) : pending(label, [], 'kinds') },
    { id: 'categories', rows: o ? o.categories.map(plain) : pending(label, [], 'categories') },
    {
      id: 'coverage',
      rows: o
        ? [coverage(o.coverageStudents), coverage(o.coverageTeachers)]
        : pending(label, ['coverage:students', 'coverage:teachers'], ''),
    },
    { id: 'forms', rows: g.forms.map(plain) },
    // Paused pairs need the consents, read with the pairs' work.
    { id: 'statuses', rows: work ? work.statuses.map(plain) : pending(label, [], 'statuses') },
    {
      id: 'work',
      rows: work ? workRows(work, f) : pending(label, WORK_METRIC_KEYS, ''),
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
