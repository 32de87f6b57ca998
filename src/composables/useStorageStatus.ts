import { onMounted, ref } from 'vue';

export type StorageStatus = 'persisted' | 'not-persisted' | 'unknown';

/** Whether the browser has promised not to evict this app's data under storage pressure. */
export function useStorageStatus() {
  const status = ref<StorageStatus>('unknown');
  onMounted(async () => {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persisted) return;
    try {
      status.value = (await storage.persisted()) ? 'persisted' : 'not-persisted';
    } catch {
      status.value = 'unknown';
    }
  });
  return { status };
}
