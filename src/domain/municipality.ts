// The municipal KPI table across a municipality's schools (what its coordinator reports up):
// per indicator, the schools' numerators and denominators added up where a school has both,
// the share against the year's target, and which schools could not be counted (a missing
// denominator, or satisfaction answers too few to show). Pure: the rows come from
// public.municipality_kpi_table (api/municipality.ts), one row per school and indicator with
// the definitions of domain/kpi.ts.
import {
  KPI_DOCUMENT_KINDS,
  KPI_SHARE_KEYS,
  documentIndicator,
  type KpiDocumentKind,
  type KpiShareKey,
  type TargetSource,
} from './kpi';
import { byRussianName } from './collation';

export interface MunicipalKpiInputRow {
  school_id: string;
  school_name: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
}

export interface MunicipalSchoolCell {
  schoolId: string;
  schoolName: string;
  numerator: number | null;
  denominator: number | null;
  /** Rounded whole percent; null when the school's share cannot be computed. */
  percent: number | null;
}

export interface MunicipalShareRow {
  key: KpiShareKey;
  /** Over the schools counted (both numbers known, denominator above 0). */
  numerator: number;
  denominator: number;
  percent: number | null;
  target: number | null;
  /** Who set the target: the municipality, or the seed's default; null: none. */
  targetSource: TargetSource | null;
  /** Exact comparison (not the rounded percent); null when no share or no target. */
  met: boolean | null;
  schoolsCounted: number;
  /** Schools whose cell could not be counted, by name. */
  notCounted: string[];
  bySchool: MunicipalSchoolCell[];
}

export interface MunicipalDocumentRow {
  kind: KpiDocumentKind;
  /** Schools that have adopted the document by the period's end. */
  adopted: number;
  schools: number;
  /** Schools that have not, by name. */
  missing: string[];
}

export interface MunicipalKpiTable {
  schools: { id: string; name: string }[];
  shares: MunicipalShareRow[];
  documents: MunicipalDocumentRow[];
}

const percentOf = (numerator: number | null, denominator: number | null) =>
  numerator !== null && denominator !== null && denominator > 0
    ? Math.round((numerator / denominator) * 100)
    : null;

/**
 * The municipality's table from the per-school rows. `targetOf` gives the year's target of
 * an indicator with its source (the municipality's, else the seed's), or null.
 */
export function municipalKpiTable(
  rows: readonly MunicipalKpiInputRow[],
  targetOf: (key: KpiShareKey) => { value: number; source: TargetSource } | null,
): MunicipalKpiTable {
  const schools = new Map<string, string>();
  const cells = new Map<string, MunicipalKpiInputRow>();
  for (const row of rows) {
    schools.set(row.school_id, row.school_name);
    cells.set(`${row.school_id}|${row.indicator}`, row);
  }
  const ordered = [...schools]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => byRussianName(a.name, b.name) || a.id.localeCompare(b.id));

  const shares = KPI_SHARE_KEYS.map((key): MunicipalShareRow => {
    let numerator = 0;
    let denominator = 0;
    let schoolsCounted = 0;
    const notCounted: string[] = [];
    const bySchool = ordered.map((school): MunicipalSchoolCell => {
      const cell = cells.get(`${school.id}|${key}`);
      const n = cell?.numerator ?? null;
      const d = cell?.denominator ?? null;
      if (n !== null && d !== null && d > 0) {
        numerator += n;
        denominator += d;
        schoolsCounted += 1;
      } else {
        notCounted.push(school.name);
      }
      return {
        schoolId: school.id,
        schoolName: school.name,
        numerator: n,
        denominator: d,
        percent: percentOf(n, d),
      };
    });
    const set = targetOf(key);
    const target = set?.value ?? null;
    const computable = denominator > 0;
    return {
      key,
      numerator,
      denominator,
      percent: computable ? percentOf(numerator, denominator) : null,
      target,
      targetSource: set?.source ?? null,
      met: computable && target !== null ? numerator * 100 >= target * denominator : null,
      schoolsCounted,
      notCounted,
      bySchool,
    };
  });

  const documents = KPI_DOCUMENT_KINDS.map((kind): MunicipalDocumentRow => {
    const missing = ordered
      .filter((school) => cells.get(`${school.id}|${documentIndicator(kind)}`)?.numerator !== 1)
      .map((school) => school.name);
    return { kind, adopted: ordered.length - missing.length, schools: ordered.length, missing };
  });

  return { schools: ordered, shares, documents };
}
