// The KPI table (seed 004) as a sheet: its file name, its columns (shared with the municipal
// table, domain/municipalExport.ts), the sheet of a computed table and the exports page's one.
import { computeKpis, type KpiInput, type KpiPeriod, type KpiTable } from '../kpi';
import { label, num, text, yesNo } from './cells';
import { EXPORT_FILE_STEMS, type ExportCell, type ExportFacts, type ExportSheet } from './types';

/** The KPI table's file: `pokazateli-2026.xlsx`, `pokazateli-2026-1.xlsx` for a half-year. */
export const kpiFileName = (period: KpiPeriod) =>
  `${EXPORT_FILE_STEMS.kpi}-${period.year}${period.half ? `-${period.half}` : ''}.xlsx`;

/** The columns of a share's numbers, also the municipal table's (domain/municipalExport.ts). */
export const KPI_VALUE_COLUMNS: [string, number][] = [
  ['numerator', 12],
  ['denominator', 12],
  ['percent', 12],
  ['target', 14],
  ['targetSource', 18],
  ['met', 12],
];
const KPI_COLUMNS: [string, number][] = [['indicator', 70], ...KPI_VALUE_COLUMNS, ['toFill', 50]];

/**
 * The table as the municipality asks for it: the five documents (да/нет, with the number and
 * date), then the eleven shares with numerator, denominator, %, target, whose target it is (the
 * school's, the municipality's or the seed's) and whether it is met;
 * a cell that cannot be counted stays empty and says what to fill in. The period is the
 * sheet's first row.
 */
export function kpiSheet(table: KpiTable): ExportSheet {
  const empty = (n: number): ExportCell[] => Array<ExportCell>(n).fill(null);
  const section = (key: string): ExportCell[] => [label(key), ...empty(KPI_COLUMNS.length - 1)];
  const periodKey = table.period.half
    ? `exports.kpi.period.half${table.period.half}`
    : 'exports.kpi.period.year';
  return {
    kind: 'kpi',
    columns: KPI_COLUMNS.map(([key, width]) => ({ header: `exports.columns.kpi.${key}`, width })),
    rows: [
      [label(periodKey), num(table.period.year), ...empty(KPI_COLUMNS.length - 2)],
      section('exports.kpi.sections.documents'),
      ...table.documents.map((d): ExportCell[] => [
        label(`exports.kpi.documents.${d.kind}`),
        null,
        null,
        yesNo(d.adopted),
        null,
        null,
        null,
        d.document
          ? text(
              [d.document.number ? `№ ${d.document.number}` : null, d.document.note]
                .filter(Boolean)
                .join(', '),
            )
          : label('exports.kpi.toFill.document'),
      ]),
      section('exports.kpi.sections.shares'),
      ...table.shares.map((s): ExportCell[] => [
        label(`exports.kpi.indicators.${s.key}`),
        num(s.numerator),
        num(s.denominator),
        num(s.percent),
        num(s.target),
        s.targetSource ? label(`exports.kpi.targetSources.${s.targetSource}`) : null,
        s.met === null ? null : yesNo(s.met),
        s.issues.length > 0
          ? { type: 'labels', keys: s.issues.map((i) => `exports.kpi.toFill.${i.key}`) }
          : null,
      ]),
    ],
    notes: [
      'exports.notes.kpiDefinitions',
      'exports.notes.kpiTargets',
      'exports.notes.kpiTraining',
    ],
  };
}

/** The KPI sheet of the exports page: the current calendar year. */
export function kpiOfFacts(facts: ExportFacts): ExportSheet {
  const input: KpiInput = {
    participants: facts.participants,
    pairs: facts.pairs,
    members: facts.members,
    templates: facts.templates,
    responses: facts.responses,
    trainings: facts.kpi?.trainings ?? [],
    documents: facts.kpi?.documents ?? [],
    kpiValues: facts.kpi?.kpiValues ?? [],
    municipalTargets: facts.kpi?.municipalTargets ?? [],
    trainingValidYears: facts.kpi?.trainingValidYears ?? null,
  };
  return kpiSheet(computeKpis(input, { year: Number(facts.today.slice(0, 4)), half: null }));
}
