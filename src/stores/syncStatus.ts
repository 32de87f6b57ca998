// What the sync badge shows. The sync engine reports through events and the database through
// counts; this store only turns them into a state the header can render. No table data here.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { backendConfig } from '@/api/config';
import { syncBadge } from '@/domain/syncBadge';
import type { SyncCounts } from '@/data/queries';
import type { SyncEvent } from '@/sync/events';

export const useSyncStatusStore = defineStore('syncStatus', () => {
  const signedIn = ref(false);
  const online = ref(globalThis.navigator?.onLine ?? true);
  const syncing = ref(false);
  const pending = ref(0);
  const issues = ref(0);
  const needsSignIn = ref(false);
  const storageFull = ref(false);
  const lastSyncedAt = ref<string | null>(null);

  const badge = computed(() =>
    syncBadge({
      mode: backendConfig.mode,
      signedIn: signedIn.value,
      online: online.value,
      syncing: syncing.value,
      pending: pending.value,
      issues: issues.value,
      needsSignIn: needsSignIn.value,
      storageFull: storageFull.value,
    }),
  );
  /** Kept for the header's data-state attribute. */
  const state = computed(() => badge.value.state);

  function onEvent(event: SyncEvent): void {
    if (event.type === 'phase') syncing.value = event.phase !== 'idle';
    if (event.type === 'round-complete') {
      lastSyncedAt.value = event.at;
      needsSignIn.value = false;
      storageFull.value = false;
    }
    if (event.type === 'round-failed') {
      needsSignIn.value = event.reason === 'auth';
      storageFull.value = event.reason === 'storage_full';
    }
  }

  function onCounts(counts: SyncCounts): void {
    pending.value = counts.pending;
    issues.value = counts.issues;
  }

  function setOnline(value: boolean): void {
    online.value = value;
  }

  function setSignedIn(value: boolean): void {
    signedIn.value = value;
    if (!value) {
      pending.value = 0;
      issues.value = 0;
      needsSignIn.value = false;
      storageFull.value = false;
    }
  }

  return { badge, state, lastSyncedAt, onEvent, onCounts, setOnline, setSignedIn };
});
