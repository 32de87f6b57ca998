import { onMounted, ref } from 'vue';
import { countDeviceOnlyRows, uploadDeviceOnlyRows } from '@/data/repos/deviceOnly';
import { useCommand } from './useCommand';

/**
 * Rows written in device-only mode before the first sign-in: counted once signed in, and
 * uploaded into the user's school only when the user says so.
 */
export function useDeviceUpload(isSignedIn: () => boolean) {
  const count = ref(0);
  onMounted(async () => {
    if (!isSignedIn()) return;
    count.value = await countDeviceOnlyRows();
  });
  const upload = useCommand(async (ctx) => {
    const queued = await uploadDeviceOnlyRows(ctx);
    count.value = 0;
    return queued;
  });
  return { count, upload };
}
