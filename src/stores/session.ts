// Who is using the app and how it reaches the server. In device-only mode there is no
// account: everything stays in this device's IndexedDB.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { backendConfig } from '@/api/config';

export const useSessionStore = defineStore('session', () => {
  const mode = computed(() => backendConfig.mode);
  const serverUrl = computed(() => (backendConfig.mode === 'sync' ? backendConfig.url : null));
  const isDeviceOnly = computed(() => backendConfig.mode === 'device-only');
  return { mode, serverUrl, isDeviceOnly };
});
