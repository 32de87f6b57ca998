// The municipal KPI table as a spreadsheet (what the coordinator hands up to the region): for
// each indicator the municipality's total over the schools counted, against the year's target,
// then each school's own numbers; the documents with how many schools adopted each. Counts and
// school names only, like the page (domain/municipality.ts): never a person. Pure; loaded with
// the .xlsx writer when the file is asked for.
import {
  EXPORT_FILE_STEMS,
  KPI_VALUE_COLUMNS,
  label,
  num,
  text,
  yesNo,
  type ExportCell,
  type ExportSheet,
} from './exports';
import type { KpiPeriod } from './kpi';
import type { MunicipalKpiTable } from './municipality';

/** `pokazateli-municipalitet-2026.xlsx`, `…-2026-1.xlsx` for a half-year. */
export const municipalKpiFileName = (period: KpiPeriod) =>
  `${EXPORT_FILE_STEMS.kpi}-municipalitet-${period.year}${period.half ? `-${period.half}` : ''}.xlsx`;

const COLUMNS: [string, number][] = [
  ['indicator', 60],
  ['school', 36],
  ...KPI_VALUE_COLUMNS,
  ['missing', 50],
];

const names = (schools: readonly string[]) => text(schools.join(', '));

/**
 * The period first; then the documents (schools that adopted each, of all, and those that
 * have not); then per indicator a total row («Все школы») with the target, whose target it is
 * and whether it is met, the schools left out named, followed by one row per school.
 */
export function municipalKpiSheet(table: MunicipalKpiTable, period: KpiPeriod): ExportSheet {
  const width = COLUMNS.length;
  const row = (cells: ExportCell[]): ExportCell[] => [
    ...cells,
    ...Array<ExportCell>(width - cells.length).fill(null),
  ];
  const periodKey = period.half
    ? `exports.kpi.period.half${period.half}`
    : 'exports.kpi.period.year';
  const all = label('exports.municipalKpi.allSchools');
  return {
    kind: 'municipalKpi',
    columns: COLUMNS.map(([key, w]) => ({
      header: `exports.columns.municipalKpi.${key}`,
      width: w,
    })),
    rows: [
      row([label(periodKey), num(period.year)]),
      row([label('exports.kpi.sections.documents')]),
      ...table.documents.map((d) =>
        row([
          label(`exports.kpi.documents.${d.kind}`),
          all,
          num(d.adopted),
          num(d.schools),
          null,
          null,
          null,
          d.schools > 0 ? yesNo(d.adopted === d.schools) : null,
          names(d.missing),
        ]),
      ),
      row([label('exports.kpi.sections.shares')]),
      ...table.shares.flatMap((s) => [
        row([
          label(`exports.kpi.indicators.${s.key}`),
          all,
          num(s.schoolsCounted > 0 ? s.numerator : null),
          num(s.schoolsCounted > 0 ? s.denominator : null),
          num(s.percent),
          num(s.target),
          s.targetSource ? label(`exports.kpi.targetSources.${s.targetSource}`) : null,
          s.met === null ? null : yesNo(s.met),
          names(s.notCounted),
        ]),
        ...s.bySchool.map((cell) =>
          row([
            label(`exports.kpi.indicators.${s.key}`),
            text(cell.schoolName),
            num(cell.numerator),
            num(cell.denominator),
            num(cell.percent),
          ]),
        ),
      ]),
    ],
    notes: [
      'exports.notes.municipalTotals',
      'exports.notes.municipalTargets',
      'exports.notes.kpiDefinitions',
      'exports.notes.kpiTraining',
    ],
  };
}
