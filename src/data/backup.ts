// Owns the device-only backup on the database side: reading every synced table into a backup
// (live rows and tombstones), and restoring a checked backup by merging it into the device in
// ONE transaction. Loaded with import() when the user asks for a backup or a restore.
// Not in the file: the outbox (device-only mode has no server to send it to; an upload after
// a later sign-in reads the tables, data/deviceUpload.ts), drafts (half-typed forms of this
// device) and meta (this device's id, its reminder snoozes).
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  backupFileName,
  mergeAction,
  writeBackup,
  type BackupRow,
  type DeviceBackup,
  type RestorePlan,
} from '@/domain/backup';
import { localIsoDate } from '@/domain/dates';
import type { DataContext } from './context';

export { BACKUP_MAX_BYTES, backupSummary, readBackup } from '@/domain/backup';
export type { BackupRefusal, BackupSummary, DeviceBackup, RestorePlan } from '@/domain/backup';

export interface BackupFile {
  name: string;
  text: string;
}

/** Everything in the device-only database, as the file's text and name. */
export async function createDeviceBackup(
  ctx: DataContext,
  appVersion: string,
  now: Date = new Date(),
): Promise<BackupFile> {
  const { db } = ctx;
  const tables = {} as DeviceBackup['tables'];
  // One read transaction: the copy is one moment of the database, never half of a write.
  await db.transaction(
    'r',
    BACKUP_TABLES.map((t) => db.table(t)),
    async () => {
      for (const table of BACKUP_TABLES) {
        const rows = (await db.table(table).toArray()) as BackupRow[];
        // Every row is the device's local school's (the file's check relies on it).
        tables[table] = rows.map((row) => ({ ...row, school_id: ctx.schoolId }));
      }
    },
  );
  const backup: DeviceBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    mode: 'device-only',
    created_at: now.toISOString(),
    app_version: appVersion,
    school_id: ctx.schoolId,
    tables,
  };
  return { name: backupFileName(localIsoDate(now)), text: await writeBackup(backup) };
}

/** The device's rows with the backup's ids, table by table (undefined: not on the device). */
async function existingRows(ctx: DataContext, backup: DeviceBackup) {
  const found = new Map<string, (Record<string, unknown> | undefined)[]>();
  for (const table of BACKUP_TABLES) {
    const ids = backup.tables[table].map((row) => row.id);
    found.set(table, ids.length > 0 ? await ctx.db.table(table).bulkGet(ids) : []);
  }
  return found;
}

function planOf(
  backup: DeviceBackup,
  existing: Map<string, (Record<string, unknown> | undefined)[]>,
): { plan: RestorePlan; writes: Map<string, BackupRow[]> } {
  const plan: RestorePlan = { add: 0, update: 0, keep: 0 };
  const writes = new Map<string, BackupRow[]>();
  for (const table of BACKUP_TABLES) {
    const current = existing.get(table) ?? [];
    const chosen: BackupRow[] = [];
    backup.tables[table].forEach((row, i) => {
      const action = mergeAction(current[i], row);
      plan[action]++;
      if (action !== 'keep') chosen.push(row);
    });
    writes.set(table, chosen);
  }
  return { plan, writes };
}

/** What a restore would do now (rows added, rows updated, device rows kept); writes nothing. */
export async function previewRestore(ctx: DataContext, backup: DeviceBackup): Promise<RestorePlan> {
  return planOf(backup, await existingRows(ctx, backup)).plan;
}

/**
 * Merges a checked backup into the device, in one read-write transaction: a row the device
 * lacks is added, a row the file has newer replaces the device's, everything else on the
 * device stays. Rows take the device's local school (the copy may come from another device).
 * A failure anywhere aborts the transaction: the device is left exactly as it was.
 */
export async function restoreDeviceBackup(
  ctx: DataContext,
  backup: DeviceBackup,
): Promise<RestorePlan> {
  const { db } = ctx;
  return db.transaction(
    'rw',
    BACKUP_TABLES.map((t) => db.table(t)),
    async () => {
      const { plan, writes } = planOf(backup, await existingRows(ctx, backup));
      for (const table of BACKUP_TABLES) {
        const rows = writes.get(table) ?? [];
        if (rows.length === 0) continue;
        await db.table(table).bulkPut(rows.map((row) => ({ ...row, school_id: ctx.schoolId })));
      }
      return plan;
    },
  );
}
