// The exports page: each spreadsheet with its row count, live, and the download that builds
// the sheet, translates it and writes the .xlsx (the writer loads only then).
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { observeExportRows } from '@/data/exportQueries';
import { localIsoDate } from '@/domain/dates';
import {
  EXPORT_KINDS,
  buildExport,
  exportFileName,
  exportRowCount,
  type ExportFacts,
  type ExportKind,
} from '@/domain/exports';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';
import { saveFile } from './saveFile';

export function useExports() {
  const session = useSessionStore();
  const { t, locale } = useI18n();
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const { data, isLoading, error } = useLiveQuery(observeExportRows, schoolId);

  const facts = (): ExportFacts | null =>
    data.value ? { ...data.value, today: localIsoDate(new Date()), locale: locale.value } : null;

  const items = computed(() => {
    const current = facts();
    if (!current) return null;
    return EXPORT_KINDS.map((kind) => ({ kind, rows: exportRowCount(kind, current) }));
  });

  const busy = ref<ExportKind | null>(null);
  const saved = ref<string | null>(null);
  const failed = ref<ExportKind | null>(null);

  async function download(kind: ExportKind) {
    const current = facts();
    if (!current || busy.value) return;
    busy.value = kind;
    saved.value = null;
    failed.value = null;
    try {
      const [{ workbookBlob }, { localizeSheet }] = await Promise.all([
        import('@/exports/xlsx'),
        import('@/exports/sheetText'),
      ]);
      const sheet = localizeSheet(buildExport(kind, current), (key) => t(key));
      const fileName = exportFileName(kind, current.today);
      saveFile(await workbookBlob(sheet), fileName);
      saved.value = fileName;
    } catch (e) {
      console.error(e);
      failed.value = kind;
    } finally {
      busy.value = null;
    }
  }

  return { items, isLoading, error, busy, saved, failed, download };
}
