// The municipal coordinator's reads: the municipalities she coordinates (public.coordinators,
// her own rows only) and their KPI table per school (public.municipality_kpi_table: counts,
// never people; satisfaction cells of 1–4 answers come back null). Online only: nothing of
// a municipality is kept on a device.
import type { AppSupabaseClient } from './client';
import { requestFailure, type RequestFailure } from './failure';

export interface Municipality {
  id: string;
  name: string;
  region: string | null;
}

export interface MunicipalKpiRow {
  school_id: string;
  school_name: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
}

/** Why a request failed; shown as `municipality.errors.<reason>`. */
export type MunicipalityFailure = RequestFailure;

export class MunicipalityError extends Error {
  constructor(readonly reason: MunicipalityFailure) {
    super(`municipality: ${reason}`);
    this.name = 'MunicipalityError';
  }
}

const failure = (error: { code?: string; message?: string }, status: number) =>
  new MunicipalityError(requestFailure(error, status));

/** The municipalities the signed-in user coordinates (none for everyone else). */
export async function myMunicipalities(
  client: AppSupabaseClient,
  userId: string,
): Promise<Municipality[]> {
  let answer;
  try {
    answer = await client.from('coordinators').select('municipality_id').eq('user_id', userId);
  } catch {
    throw new MunicipalityError('network');
  }
  if (answer.error) throw failure(answer.error, answer.status);
  const ids = [...new Set((answer.data ?? []).map((row) => row.municipality_id))];
  if (ids.length === 0) return [];
  // RLS shows the municipalities of her schools too: only the coordinated ones are kept.
  let named;
  try {
    named = await client.from('municipalities').select('id, name, region');
  } catch {
    throw new MunicipalityError('network');
  }
  if (named.error) throw failure(named.error, named.status);
  return (named.data ?? [])
    .filter((m) => ids.includes(m.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The KPI table of every school of the municipality for the period (a coordinator's only). */
export async function municipalKpiTable(
  client: AppSupabaseClient,
  municipalityId: string,
  from: string,
  to: string,
): Promise<MunicipalKpiRow[]> {
  let answer;
  try {
    answer = await client.rpc('municipality_kpi_table', {
      p_municipality_id: municipalityId,
      p_from: from,
      p_to: to,
    });
  } catch {
    throw new MunicipalityError('network');
  }
  if (answer.error) throw failure(answer.error, answer.status);
  return (answer.data ?? []) as MunicipalKpiRow[];
}

/**
 * Sets the municipality's targets (%) for a year, each given indicator inserted or corrected
 * in one request (public.set_municipal_kpi_targets; a coordinator's only).
 */
export async function setMunicipalTargets(
  client: AppSupabaseClient,
  municipalityId: string,
  year: number,
  targets: Record<string, number>,
): Promise<void> {
  let answer;
  try {
    answer = await client.rpc('set_municipal_kpi_targets', {
      p_municipality_id: municipalityId,
      p_year: year,
      p_targets: targets,
    });
  } catch {
    throw new MunicipalityError('network');
  }
  if (answer.error) throw failure(answer.error, answer.status);
}
