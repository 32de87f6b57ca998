// The indicator keys of the municipal KPI table (seed 004): the eleven shares, the five
// document rows, and which shares the school enters rather than counts. Every other part of
// domain/kpi names its indicators by these lists.
import type { SchoolDocumentKind } from '../types';

export const KPI_SHARE_KEYS = [
  'students_involved',
  'preschool_involved',
  'student_mentors_15_19',
  'managers_involved',
  'teachers_involved',
  'young_teachers_supported',
  'enterprises_mentoring',
  'managers_trained',
  'teachers_trained',
  'mentee_satisfaction',
  'mentor_satisfaction',
] as const;
export type KpiShareKey = (typeof KPI_SHARE_KEYS)[number];

/** The document rows of the table, in the seed's order, by school_documents kind. */
export const KPI_DOCUMENT_KINDS = [
  'regulation',
  'programme',
  'monitoring_indicators',
  'implementation_order',
  'roadmap',
] as const satisfies readonly SchoolDocumentKind[];
export type KpiDocumentKind = (typeof KPI_DOCUMENT_KINDS)[number];
export const documentIndicator = (kind: KpiDocumentKind) => `doc_${kind}`;

/** Indicators whose numerator and denominator the school enters (not on its roll). */
export const ENTERED_KEYS = ['preschool_involved', 'enterprises_mentoring'] as const;
export const isEnteredKey = (key: string): boolean =>
  (ENTERED_KEYS as readonly string[]).includes(key);

/** Every indicator key a kpi_values row may name. */
export const KPI_INDICATORS: readonly string[] = [
  ...KPI_SHARE_KEYS,
  ...KPI_DOCUMENT_KINDS.map(documentIndicator),
];
