// The device-only backup as Settings uses it: save the device's data to a file; read a file,
// check it whole, show what it holds, and merge it in only after the user confirms. The
// backup code (data/backup.ts, domain/backup.ts) loads with import() on the first press.
import { computed, shallowRef } from 'vue';
import { appDataContext } from '@/data/appContext';
import type { BackupRefusal, BackupSummary, DeviceBackup, RestorePlan } from '@/data/backup';
import { saveFile } from './saveFile';

export type BackupState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; name: string }
  | { kind: 'reading' }
  | { kind: 'refused'; reason: BackupRefusal }
  | { kind: 'preview'; summary: BackupSummary; plan: RestorePlan; backup: DeviceBackup }
  | { kind: 'restoring' }
  | { kind: 'restored'; plan: RestorePlan }
  | { kind: 'failed' };

const loadBackup = () => import('@/data/backup');

/** Hands the text to the browser as a download. */
function downloadText(name: string, text: string): void {
  saveFile(new Blob([text], { type: 'application/json' }), name);
}

export function useBackup(appVersion: string) {
  const state = shallowRef<BackupState>({ kind: 'idle' });
  /** Saving, reading or restoring: the buttons wait (a double tap must not run twice). */
  const isBusy = computed(() => ['saving', 'reading', 'restoring'].includes(state.value.kind));

  async function save(): Promise<void> {
    if (isBusy.value) return;
    state.value = { kind: 'saving' };
    try {
      const [{ createDeviceBackup }, ctx] = await Promise.all([loadBackup(), appDataContext()]);
      const file = await createDeviceBackup(ctx, appVersion);
      downloadText(file.name, file.text);
      state.value = { kind: 'saved', name: file.name };
    } catch (error) {
      console.error(error);
      state.value = { kind: 'failed' };
    }
  }

  /** Reads and checks the whole file; nothing is written until `confirm`. */
  async function choose(file: File): Promise<void> {
    if (isBusy.value) return;
    state.value = { kind: 'reading' };
    try {
      const [backupModule, ctx] = await Promise.all([loadBackup(), appDataContext()]);
      if (file.size > backupModule.BACKUP_MAX_BYTES) {
        state.value = { kind: 'refused', reason: 'foreign' };
        return;
      }
      let text: string;
      try {
        text = await file.text();
      } catch {
        state.value = { kind: 'refused', reason: 'damaged' };
        return;
      }
      const reading = await backupModule.readBackup(text);
      if (!reading.ok) {
        state.value = { kind: 'refused', reason: reading.reason };
        return;
      }
      const plan = await backupModule.previewRestore(ctx, reading.backup);
      const summary = backupModule.backupSummary(reading.backup);
      state.value = { kind: 'preview', summary, plan, backup: reading.backup };
    } catch (error) {
      console.error(error);
      state.value = { kind: 'failed' };
    }
  }

  async function confirm(): Promise<void> {
    const current = state.value;
    if (current.kind !== 'preview') return;
    state.value = { kind: 'restoring' };
    try {
      const [{ restoreDeviceBackup }, ctx] = await Promise.all([loadBackup(), appDataContext()]);
      state.value = { kind: 'restored', plan: await restoreDeviceBackup(ctx, current.backup) };
    } catch (error) {
      console.error(error);
      state.value = { kind: 'failed' };
    }
  }

  function cancel(): void {
    if (state.value.kind === 'preview') state.value = { kind: 'idle' };
  }

  return { state, isBusy, save, choose, confirm, cancel };
}
