// What the sync badge shows. The sync engine reports through events; this store only turns
// them into a state the header can render. It never holds table data.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { backendConfig } from '@/api/config';

export type SyncState = 'device-only' | 'signed-out';

export const useSyncStatusStore = defineStore('syncStatus', () => {
  const state = ref<SyncState>(backendConfig.mode === 'device-only' ? 'device-only' : 'signed-out');
  return { state };
});
