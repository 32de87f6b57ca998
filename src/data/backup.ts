// Owns the device-only backup on the database side: reading every synced table into a backup
// (live rows and tombstones) with the school settings the device keeps in meta (its documents'
// requisites and course-validity period, data/deviceSettings.ts), and restoring a checked
// backup by merging it into the device in ONE transaction. Loaded with import() when the user
// asks for a backup or a restore.
// Not in the file: the outbox (device-only mode has no server to send it to; an upload after
// a later sign-in reads the tables, data/deviceUpload.ts), drafts (half-typed forms of this
// device) and the rest of meta (this device's id, its reminder snoozes, sync bookkeeping).
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
import { deviceSettingsOf, type BackupSettings } from '@/domain/backupSettings';
import { localIsoDate } from '@/domain/dates';
import type { DataContext } from './context';
import { deviceSettingKeys } from './deviceSettings';

export { BACKUP_MAX_BYTES, backupSummary, readBackup } from '@/domain/backup';
export type { BackupRefusal, BackupSummary, DeviceBackup, RestorePlan } from '@/domain/backup';

export interface BackupFile {
  name: string;
  text: string;
}

/** The school settings this device set for its local school (meta), undefined when none. */
async function deviceSettings(ctx: DataContext): Promise<BackupSettings | undefined> {
  const keys = deviceSettingKeys(ctx.schoolId);
  const [requisites, years] = await Promise.all([
    ctx.db.meta.get(keys.requisites),
    ctx.db.meta.get(keys.trainingValidYears),
  ]);
  return deviceSettingsOf({ requisites: requisites?.value, trainingValidYears: years?.value });
}

/** Everything in the device-only database, as the file's text and name. */
export async function createDeviceBackup(
  ctx: DataContext,
  appVersion: string,
  now: Date = new Date(),
): Promise<BackupFile> {
  const { db } = ctx;
  const tables = {} as DeviceBackup['tables'];
  let settings: BackupSettings | undefined;
  // One read transaction: the copy is one moment of the database, never half of a write.
  await db.transaction('r', [...BACKUP_TABLES.map((t) => db.table(t)), db.meta], async () => {
    for (const table of BACKUP_TABLES) {
      const rows = (await db.table(table).toArray()) as BackupRow[];
      // Every row is the device's local school's (the file's check relies on it).
      tables[table] = rows.map((row) => ({ ...row, school_id: ctx.schoolId }));
    }
    settings = await deviceSettings(ctx);
  });
  const backup: DeviceBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    mode: 'device-only',
    created_at: now.toISOString(),
    app_version: appVersion,
    school_id: ctx.schoolId,
    tables,
  };
  if (settings) backup.settings = settings;
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
 * Writes the file's school settings under the device's own keys (its local school), each only
 * where the device has none set yet: the device's own settings are never overwritten. A blank
 * or invalid stored value counts as none (it sets nothing the documents or courses could use).
 */
async function restoreSettings(ctx: DataContext, settings: BackupSettings): Promise<void> {
  const keys = deviceSettingKeys(ctx.schoolId);
  const own = (await deviceSettings(ctx)) ?? {};
  if (settings.requisites && !own.requisites) {
    await ctx.db.meta.put({ key: keys.requisites, value: { ...settings.requisites } });
  }
  if (settings.training_valid_years !== undefined && own.training_valid_years === undefined) {
    await ctx.db.meta.put({ key: keys.trainingValidYears, value: settings.training_valid_years });
  }
}

/**
 * Merges a checked backup into the device, in one read-write transaction: a row the device
 * lacks is added, a row the file has newer replaces the device's, everything else on the
 * device stays. Rows take the device's local school (the copy may come from another device);
 * so do the file's school settings, each written only where the device has none of its own.
 * A failure anywhere aborts the transaction: the device is left exactly as it was.
 */
export async function restoreDeviceBackup(
  ctx: DataContext,
  backup: DeviceBackup,
): Promise<RestorePlan> {
  const { db } = ctx;
  return db.transaction('rw', [...BACKUP_TABLES.map((t) => db.table(t)), db.meta], async () => {
    const { plan, writes } = planOf(backup, await existingRows(ctx, backup));
    for (const table of BACKUP_TABLES) {
      const rows = writes.get(table) ?? [];
      if (rows.length === 0) continue;
      await db.table(table).bulkPut(rows.map((row) => ({ ...row, school_id: ctx.schoolId })));
    }
    if (backup.settings) await restoreSettings(ctx, backup.settings);
    return plan;
  });
}
