// The targets the school's municipality sets (public.municipal_kpi_targets), for the KPI
// table: fetched through the API gateway whenever the school's device is signed in and
// online, kept on the device (data/kpiQueries.ts) so the table uses them offline too. The
// table itself reads what is kept (observeKpiInput); this only refreshes it and says when.
import { computed, ref, watch } from 'vue';
import { loadSupabaseClient } from '@/api';
import type { AppSupabaseClient } from '@/api';
import type { MunicipalTargetsFailure } from '@/api/municipalTargets';
import { appDataContext, type DataContext } from '@/data/context';
import {
  keepMunicipalTargets,
  observeMunicipalTargetsState,
  schoolMunicipalityId,
} from '@/data/kpiQueries';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';
import { useOnline } from './useOnline';

/**
 * Fetches the targets of the school's municipality (as its synced row names it) and keeps
 * them on the device, replacing what was kept. Returns how many; null when the device holds
 * no school row (device-only, or before the first pull). Throws MunicipalTargetsError.
 */
export async function refreshMunicipalTargets(
  ctx: DataContext,
  client: AppSupabaseClient,
  schoolId: string,
  now: Date = new Date(),
): Promise<number | null> {
  const municipalityId = await schoolMunicipalityId(ctx, schoolId);
  if (!municipalityId) return null;
  const { fetchMunicipalTargets } = await import('@/api/municipalTargets');
  const targets = await fetchMunicipalTargets(client, municipalityId);
  await keepMunicipalTargets(ctx, schoolId, {
    municipalityId,
    fetchedAt: now.toISOString(),
    targets,
  });
  return targets.length;
}

export function useMunicipalTargets(schoolId: () => string | null) {
  const session = useSessionStore();
  const isOnline = useOnline();
  const state = useLiveQuery(observeMunicipalTargetsState, schoolId);
  const municipalityId = computed(() => state.data.value?.municipalityId ?? null);
  const failure = ref<MunicipalTargetsFailure | null>(null);
  const isFetching = ref(false);

  let attempt = 0;
  async function refresh(): Promise<void> {
    const school = schoolId();
    const municipality = municipalityId.value;
    if (!school || !municipality || !isOnline.value || session.status !== 'signed-in') return;
    const client = await loadSupabaseClient();
    if (!client) return;
    const ticket = ++attempt;
    isFetching.value = true;
    try {
      await refreshMunicipalTargets(await appDataContext(), client, school);
      if (ticket !== attempt) return;
      failure.value = null;
    } catch (error) {
      if (ticket === attempt) {
        const reason = (error as { reason?: unknown }).reason;
        failure.value =
          typeof reason === 'string' ? (reason as MunicipalTargetsFailure) : 'unknown';
      }
    } finally {
      if (ticket === attempt) isFetching.value = false;
    }
  }

  watch([() => schoolId(), municipalityId, isOnline, () => session.status], () => void refresh(), {
    immediate: true,
  });

  return {
    /** When the kept targets were fetched (ISO); null: never (the seed's defaults apply). */
    fetchedAt: computed(() => state.data.value?.fetchedAt ?? null),
    /** Whether the device can fetch now (signed in to a school, online). */
    canFetch: computed(
      () => isOnline.value && session.status === 'signed-in' && schoolId() !== null,
    ),
    isFetching,
    failure,
  };
}
