// The coordinator's .xlsx of the municipal KPI table on screen: made from the table she sees
// (no second request), so the file and the page never differ; its builder loads on demand.
import type { KpiPeriod } from '@/domain/kpi';
import type { MunicipalKpiTable } from '@/domain/municipality';
import { useSheetDownload } from './useSheetDownload';

export function useMunicipalDownload(
  table: () => MunicipalKpiTable | null,
  period: () => KpiPeriod,
) {
  const file = useSheetDownload();
  const download = () =>
    file.download(async () => {
      const current = table();
      if (!current) return null;
      const chosen = { ...period() };
      const { municipalKpiSheet, municipalKpiFileName } = await import('@/domain/municipalExport');
      return {
        sheet: municipalKpiSheet(current, chosen),
        fileName: municipalKpiFileName(chosen),
      };
    });
  return { ...file, download };
}
