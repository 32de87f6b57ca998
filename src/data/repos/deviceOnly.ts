// Owns the commands on the device-only database seen from a signed-in user: how many rows it
// holds, and moving them into the user's school (data/deviceUpload.ts does the copying). The
// device database is opened and closed here, so no screen holds a Dexie handle.
import { openDataContext, type DataContext } from '../context';
import { deviceOnlyRowCount, uploadDeviceOnlyData } from '../deviceUpload';

/** Live rows written in device-only mode before the first sign-in (0: nothing to offer). */
export async function countDeviceOnlyRows(): Promise<number> {
  const device = await openDataContext();
  try {
    return await deviceOnlyRowCount(device.db);
  } finally {
    device.db.close();
  }
}

/** Copies those rows into the user's school and queues them; returns how many were queued. */
export async function uploadDeviceOnlyRows(ctx: DataContext): Promise<number> {
  const device = await openDataContext();
  try {
    return await uploadDeviceOnlyData(device.db, ctx);
  } finally {
    device.db.close();
  }
}
