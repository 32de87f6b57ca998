// The KPI table page: the chosen period (a year or a half-year), the table computed live from
// the device's rows (domain/kpi.ts), the commands that record a document and set the year's
// values, and the .xlsx download (the writer loads only then).
import { computed, reactive, watch } from 'vue';
import { observeKpiInput } from '@/data/kpiQueries';
import { setKpiValues } from '@/data/repos/kpiValues';
import { recordSchoolDocument } from '@/data/repos/schoolDocuments';
import { setValidYears } from '@/data/repos/trainings';
import { localIsoDate } from '@/domain/dates';
import { kpiFileName, kpiSheet } from '@/domain/exports';
import { MIN_KPI_YEAR, computeKpis, type KpiPeriod } from '@/domain/kpi';
import { useSessionStore } from '@/stores/session';
import { useCommand } from './useCommand';
import { useSheetDownload } from './useSheetDownload';
import { useLiveQuery } from './useLiveQuery';

/** The years a curator can look at: from the seed's first up to next year. */
export function kpiYears(today: string): number[] {
  const last = Number(today.slice(0, 4)) + 1;
  return Array.from({ length: last - MIN_KPI_YEAR + 1 }, (_, i) => last - i);
}

export function useKpis() {
  // bench/kpi.mjs times the page from here to the table on screen (kpi:ready).
  performance.mark('kpi:start');
  const session = useSessionStore();
  const today = localIsoDate(new Date());
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const { data, isLoading, error } = useLiveQuery(observeKpiInput, schoolId);

  const period = reactive<KpiPeriod>({ year: Number(today.slice(0, 4)), half: null });
  const table = computed(() =>
    data.value ? computeKpis(data.value, { year: period.year, half: period.half }) : null,
  );

  const stopReady = watch(
    table,
    (current) => {
      if (!current) return;
      performance.mark('kpi:ready');
      stopReady();
    },
    { flush: 'post' },
  );

  const values = useCommand(setKpiValues);
  const documents = useCommand(
    (ctx, input: Parameters<typeof recordSchoolDocument>[1], id: string | null) =>
      recordSchoolDocument(ctx, input, today, id),
  );

  const validity = useCommand((ctx, text: string) => setValidYears(ctx, schoolId(), text));

  const file = useSheetDownload();
  const download = () =>
    file.download(async () => {
      const current = table.value;
      return current ? { sheet: kpiSheet(current), fileName: kpiFileName(current.period) } : null;
    });

  return {
    today,
    years: kpiYears(today),
    period,
    table,
    kpiValues: computed(() => data.value?.kpiValues ?? []),
    validYears: computed(() => data.value?.trainingValidYears ?? null),
    isLoading,
    error,
    values,
    documents,
    validity,
    download,
    isDownloading: file.isDownloading,
    saved: file.saved,
    downloadFailed: file.failed,
  };
}
