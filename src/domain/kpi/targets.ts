// The yearly targets a share is held against (the school's, else the municipality's, else the
// seed's), and the years the table and its targets may cover.
import type { KpiValue } from '../types';
import type { KpiShareKey } from './indicators';
import type { MunicipalTarget, TargetSource } from './types';

/**
 * The seed's targets, %, for 2020…2024: the default. A municipality's target
 * (municipal_kpi_targets) wins over it, and the school's own (kpi_values) over both.
 */
export const DEFAULT_TARGETS: Record<KpiShareKey, readonly number[]> = {
  students_involved: [10, 20, 40, 60, 70],
  preschool_involved: [10, 20, 40, 60, 70],
  student_mentors_15_19: [2, 4, 6, 8, 10],
  managers_involved: [5, 10, 12, 15, 20],
  teachers_involved: [10, 20, 25, 30, 35],
  young_teachers_supported: [10, 20, 40, 60, 70],
  enterprises_mentoring: [2, 10, 15, 25, 30],
  managers_trained: [5, 10, 12, 15, 20],
  teachers_trained: [10, 20, 25, 30, 35],
  mentee_satisfaction: [50, 60, 70, 80, 85],
  mentor_satisfaction: [50, 60, 70, 80, 85],
};
export const DEFAULT_TARGET_FIRST_YEAR = 2020;
export const DEFAULT_TARGET_LAST_YEAR = 2024;
export const MIN_KPI_YEAR = 2020;
export const MAX_KPI_YEAR = 2100;

/**
 * The year's target and where it comes from: the school's own (kpi_values), else the
 * municipality's (municipal_kpi_targets), else the seed's for 2020–2024, else none.
 */
export function targetOf(
  key: KpiShareKey,
  year: number,
  values: readonly KpiValue[],
  municipal: readonly MunicipalTarget[] = [],
): { value: number; source: TargetSource } | null {
  const own = values.find(
    (v) => v.deleted_at === null && v.indicator === key && v.year === year && v.kind === 'target',
  );
  if (own) return { value: Number(own.value), source: 'school' };
  const set = municipal.find((m) => m.indicator === key && m.year === year);
  if (set) return { value: Number(set.value), source: 'municipality' };
  const fallback = DEFAULT_TARGETS[key][year - DEFAULT_TARGET_FIRST_YEAR];
  return fallback === undefined ? null : { value: fallback, source: 'default' };
}

/** The year's target value alone (see targetOf). */
export function targetFor(
  key: KpiShareKey,
  year: number,
  values: readonly KpiValue[],
  municipal: readonly MunicipalTarget[] = [],
): number | null {
  return targetOf(key, year, values, municipal)?.value ?? null;
}

/** Whether a year's targets are the school's to set (the seed fixes 2020–2024). */
export const isTargetEditable = (year: number) =>
  year > DEFAULT_TARGET_LAST_YEAR && year <= MAX_KPI_YEAR;
