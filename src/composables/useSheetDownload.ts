// Hands the browser a built sheet as .xlsx: the sheet's builder, the writer and the sheet's
// translation load only when the file is asked for. One file at a time; the page shows the
// saved file's name, or that it failed (the error is logged).
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ExportSheet } from '@/domain/exports';
import { saveFile } from './saveFile';

export function useSheetDownload() {
  const { t } = useI18n();
  const isDownloading = ref(false);
  const saved = ref<string | null>(null);
  const failed = ref(false);

  /** `build` makes the sheet and its file name (it may import its builder); null: nothing. */
  async function download(
    build: () => Promise<{ sheet: ExportSheet; fileName: string } | null>,
  ): Promise<void> {
    if (isDownloading.value) return;
    isDownloading.value = true;
    saved.value = null;
    failed.value = false;
    try {
      const [made, { workbookBlob }, { localizeSheet }] = await Promise.all([
        build(),
        import('@/exports/xlsx'),
        import('@/exports/sheetText'),
      ]);
      if (!made) return;
      saveFile(await workbookBlob(localizeSheet(made.sheet, (key) => t(key))), made.fileName);
      saved.value = made.fileName;
    } catch (e) {
      console.error(e);
      failed.value = true;
    } finally {
      isDownloading.value = false;
    }
  }

  return { download, isDownloading, saved, failed };
}
