// The municipal KPI table (seed 004, «Показатели мониторинга эффективности реализации Целевой
// модели наставничества»): eleven shares and five yes/no document rows for one school and one
// calendar year or half-year. Pure: the school's live rows in, the table out.
// ONE definition of each indicator: supabase/schemas/830_school_kpis.sql computes the same
// numerators and denominators (public.school_kpis), test/db/kpi-equal.test.ts runs both on the
// same data. Change a rule here and there together.
// The definitions themselves are written next to the code that counts them: kpi/counts.ts.
// This file puts the counts together with their targets (computeKpis) and re-exports the parts.
import { KPI_SHARE_KEYS, isEnteredKey } from './kpi/indicators';
import { countShares, documentRows, periodRange } from './kpi/counts';
import { targetOf } from './kpi/targets';
import type { KpiCount, KpiInput, KpiPeriod, KpiShareRow, KpiTable } from './kpi/types';

export {
  ENTERED_KEYS,
  KPI_DOCUMENT_KINDS,
  KPI_INDICATORS,
  KPI_SHARE_KEYS,
  documentIndicator,
  isEnteredKey,
  type KpiDocumentKind,
  type KpiShareKey,
} from './kpi/indicators';
export type {
  KpiCount,
  KpiDocumentRow,
  KpiInput,
  KpiIssue,
  KpiPeriod,
  KpiShareRow,
  KpiTable,
  MunicipalTarget,
  TargetSource,
} from './kpi/types';
export {
  DEFAULT_TARGETS,
  DEFAULT_TARGET_FIRST_YEAR,
  DEFAULT_TARGET_LAST_YEAR,
  MAX_KPI_YEAR,
  MIN_KPI_YEAR,
  isTargetEditable,
  targetFor,
  targetOf,
} from './kpi/targets';
export { ageOn, isValidTraining, periodRange } from './kpi/counts';
export {
  MAX_DOCUMENT_NOTE_LENGTH,
  MAX_DOCUMENT_NUMBER_LENGTH,
  parseKpiNumber,
  validateKpiValues,
  validateSchoolDocument,
  type KpiValueInput,
  type SchoolDocumentInput,
} from './kpi/entered';

/** The KPI table of one school for the period. */
export function computeKpis(input: KpiInput, period: KpiPeriod): KpiTable {
  const { from, to } = periodRange(period);
  const counts = countShares(input, period);
  const shares = KPI_SHARE_KEYS.map((key): KpiShareRow => {
    const { numerator, denominator, issues } = counts[key];
    const set = targetOf(key, period.year, input.kpiValues, input.municipalTargets);
    const target = set?.value ?? null;
    const computable = numerator !== null && denominator !== null && denominator > 0;
    return {
      key,
      numerator,
      denominator,
      percent: computable ? Math.round((numerator / denominator) * 100) : null,
      target,
      targetSource: set?.source ?? null,
      met: computable && target !== null ? numerator * 100 >= target * denominator : null,
      isEntered: isEnteredKey(key),
      issues,
    };
  });
  return { period, from, to, documents: documentRows(input, to), shares };
}

/** The table's counts in the shape of public.school_kpis(): shares, then documents. */
export function kpiCounts(table: KpiTable): KpiCount[] {
  return [
    ...table.shares.map((s) => ({
      indicator: s.key,
      numerator: s.numerator,
      denominator: s.denominator,
    })),
    ...table.documents.map((d) => ({
      indicator: d.indicator,
      numerator: d.adopted ? 1 : 0,
      denominator: 1,
    })),
  ];
}
