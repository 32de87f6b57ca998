// The KPI targets a municipality sets for its schools (public.municipal_kpi_targets): read by
// the staff of its schools and its coordinators (RLS), written by its coordinators only. A
// school device fetches them when online and keeps them for offline use (data/kpiQueries.ts).
import type { AppSupabaseClient } from './client';
import { requestFailure, type RequestFailure } from './failure';

export interface FetchedMunicipalTarget {
  indicator: string;
  year: number;
  value: number;
}

/** Why the targets could not be fetched. */
export type MunicipalTargetsFailure = RequestFailure;

export class MunicipalTargetsError extends Error {
  constructor(readonly reason: MunicipalTargetsFailure) {
    super(`municipal targets: ${reason}`);
    this.name = 'MunicipalTargetsError';
  }
}

/**
 * Every target of the municipality. One read is complete: the table holds at most 11
 * indicators × 81 years (its check constraints), under PostgREST's max-rows of 1,000.
 * An empty answer is an answer (no targets, or none the caller may read).
 */
export async function fetchMunicipalTargets(
  client: AppSupabaseClient,
  municipalityId: string,
): Promise<FetchedMunicipalTarget[]> {
  let answer;
  try {
    answer = await client
      .from('municipal_kpi_targets')
      .select('indicator,year,value')
      .eq('municipality_id', municipalityId);
  } catch {
    throw new MunicipalTargetsError('network');
  }
  const { data, error, status } = answer;
  if (error) throw new MunicipalTargetsError(requestFailure(error, status));
  return (data ?? []).map((row) => ({
    indicator: String(row.indicator),
    year: Number(row.year),
    value: Number(row.value),
  }));
}
