// The municipal coordinator's page: the municipalities she coordinates, the chosen one's KPI
// table over its schools for a year or a half-year (domain/municipality.ts), and the yearly
// targets the municipality sets. Everything is read from the server when the page opens and
// when the period changes; nothing of a municipality is kept on the device.
import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue';
import { loadSupabaseClient } from '@/api';
import type { MunicipalKpiRow, Municipality } from '@/api/municipality';
import { localIsoDate } from '@/domain/dates';
import {
  periodRange,
  targetOf as kpiTargetOf,
  type KpiPeriod,
  type KpiShareKey,
  type MunicipalTarget,
} from '@/domain/kpi';
import { municipalKpiTable } from '@/domain/municipality';
import { useSessionStore } from '@/stores/session';
import { useOnline } from './useOnline';
import { kpiYears } from './useKpis';

/** Why the page cannot show a table, or null when it can. */
export type MunicipalityBlock =
  'device_only' | 'starting' | 'signed_out' | 'offline' | 'not_coordinator' | null;

function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown })?.reason;
  return typeof reason === 'string' ? reason : 'unknown';
}

async function api() {
  const client = await loadSupabaseClient();
  if (!client) throw new Error('sync is not configured');
  return { client, calls: await import('@/api/municipality') };
}

/**
 * The municipalities the signed-in user coordinates, asked once (the home screen's card):
 * empty for everyone else, and when offline or refused (the page says why when opened).
 */
export function useCoordinatedMunicipalities() {
  const session = useSessionStore();
  const municipalities = shallowRef<Municipality[]>([]);
  onMounted(async () => {
    const userId = session.user?.id;
    if (!userId) return;
    try {
      const { client, calls } = await api();
      municipalities.value = await calls.myMunicipalities(client, userId);
    } catch {
      municipalities.value = [];
    }
  });
  return municipalities;
}

export function useMunicipality() {
  const session = useSessionStore();
  const isOnline = useOnline();
  const today = localIsoDate(new Date());
  const years = kpiYears(today);
  const period = reactive<KpiPeriod>({ year: Number(today.slice(0, 4)), half: null });

  const municipalities = shallowRef<Municipality[] | null>(null);
  const chosenId = ref<string | null>(null);
  const rows = shallowRef<MunicipalKpiRow[] | null>(null);
  const targets = shallowRef<MunicipalTarget[]>([]);
  /** The municipality whose targets `targets` holds: they span every year, read once. */
  let targetsOf: string | null = null;
  const isLoading = ref(false);
  const error = ref<string | null>(null);
  const isSaving = ref(false);
  const saveFailed = ref(false);

  const block = computed<MunicipalityBlock>(() => {
    if (session.isDeviceOnly) return 'device_only';
    if (session.status === 'starting') return 'starting';
    if (session.status !== 'signed-in') return 'signed_out';
    if (!isOnline.value && !rows.value) return 'offline';
    if (municipalities.value && municipalities.value.length === 0) return 'not_coordinator';
    return null;
  });

  const chosen = computed(() => municipalities.value?.find((m) => m.id === chosenId.value) ?? null);

  /** The municipality's target for the year, else the seed's (2020–2024), else none. */
  const targetOf = (key: KpiShareKey) => {
    const set = kpiTargetOf(key, period.year, [], targets.value);
    return set && set.source !== 'school' ? { value: set.value, source: set.source } : null;
  };

  const table = computed(() => (rows.value ? municipalKpiTable(rows.value, targetOf) : null));

  let request = 0;
  async function load(): Promise<void> {
    if (block.value === 'device_only' || block.value === 'starting') return;
    if (block.value === 'signed_out' || !session.user || !isOnline.value) return;
    const ticket = ++request;
    isLoading.value = true;
    error.value = null;
    try {
      const { client, calls } = await api();
      if (!municipalities.value) {
        const mine = await calls.myMunicipalities(client, session.user.id);
        if (ticket !== request) return;
        municipalities.value = mine;
        chosenId.value ??= mine[0]?.id ?? null;
      }
      if (!chosenId.value) return;
      const { from, to } = periodRange(period);
      const municipalityId = chosenId.value;
      const { fetchMunicipalTargets } = await import('@/api/municipalTargets');
      const [answer, set] = await Promise.all([
        calls.municipalKpiTable(client, municipalityId, from, to),
        targetsOf === municipalityId ? null : fetchMunicipalTargets(client, municipalityId),
      ]);
      if (ticket !== request) return;
      rows.value = answer;
      if (set) {
        targets.value = set;
        targetsOf = municipalityId;
      }
    } catch (e) {
      if (ticket === request) error.value = reasonOf(e);
    } finally {
      if (ticket === request) isLoading.value = false;
    }
  }

  /** Sets the year's targets; true when the server took them (then they are read again). */
  async function saveTargets(year: number, next: Record<string, number>): Promise<boolean> {
    const municipalityId = chosenId.value;
    if (!municipalityId || isSaving.value) return false;
    isSaving.value = true;
    saveFailed.value = false;
    try {
      const { client, calls } = await api();
      await calls.setMunicipalTargets(client, municipalityId, year, next);
      const { fetchMunicipalTargets } = await import('@/api/municipalTargets');
      targets.value = await fetchMunicipalTargets(client, municipalityId);
      targetsOf = municipalityId;
      return true;
    } catch {
      saveFailed.value = true;
      return false;
    } finally {
      isSaving.value = false;
    }
  }

  watch(
    [() => session.status, isOnline, chosenId, () => period.year, () => period.half],
    () => void load(),
    { immediate: true },
  );

  return {
    block,
    municipalities,
    chosenId,
    chosen,
    period,
    years,
    table,
    targets,
    isLoading,
    error,
    isSaving,
    saveFailed,
    saveTargets,
    reload: load,
  };
}
