import { onMounted, ref } from 'vue';
import { openDataContext } from '@/data/context';
import { deviceOnlyRowCount, uploadDeviceOnlyData } from '@/data/deviceUpload';
import { useCommand } from './useCommand';

/**
 * Rows written in device-only mode before the first sign-in: counted once signed in, and
 * uploaded into the user's school only when the user says so.
 */
export function useDeviceUpload(isSignedIn: () => boolean) {
  const count = ref(0);
  onMounted(async () => {
    if (!isSignedIn()) return;
    const device = await openDataContext();
    count.value = await deviceOnlyRowCount(device.db);
    device.db.close();
  });
  const upload = useCommand(async (ctx) => {
    const device = await openDataContext();
    const queued = await uploadDeviceOnlyData(device.db, ctx);
    device.db.close();
    count.value = 0;
    return queued;
  });
  return { count, upload };
}
