// Owns moving what was written in device-only mode (before the first sign-in) into the
// signed-in user's school: the rows are copied into the user's database with the school's
// id and queued as inserts, parents first, in one transaction; the device-only database is
// emptied only after that transaction commits. Nothing is sent without the user's consent.
import type { SyncedTable } from '@/domain/types';
import type { DataContext } from './context';
import type { AppDatabase } from './db';
import { insertRow } from './outbox';

/** Tables written in device-only mode, in the order their rows must reach the server. */
const UPLOAD_ORDER = [
  'participants',
  'participant_sensitive',
  'consents',
  'pairs',
  'pair_members',
  'development_plans',
  'plan_goals',
  'plan_tasks',
  'meetings',
  'meeting_attendances',
  'meeting_private_notes',
  'mentor_change_requests',
  'questionnaire_responses',
  // Not triage_snoozes: a "not now" of the device's own triage, not a record of the school.
] as const satisfies readonly SyncedTable[];

/** How many live rows the device-only database holds (0: nothing to offer). */
export async function deviceOnlyRowCount(device: AppDatabase): Promise<number> {
  let count = 0;
  for (const table of UPLOAD_ORDER) {
    count += await device
      .syncedTable(table)
      .filter((row) => row.deleted_at == null)
      .count();
  }
  return count;
}

/** Copies the device-only rows into the user's school; returns how many were queued. */
export async function uploadDeviceOnlyData(
  device: AppDatabase,
  target: DataContext,
): Promise<number> {
  const rows = new Map<SyncedTable, Record<string, unknown>[]>();
  for (const table of UPLOAD_ORDER) {
    rows.set(
      table,
      (await device.syncedTable(table).toArray()).filter((row) => row.deleted_at == null),
    );
  }
  let queued = 0;
  await target.db.transaction(
    'rw',
    [...UPLOAD_ORDER.map((t) => target.db.syncedTable(t)), target.db.outbox],
    async () => {
      for (const table of UPLOAD_ORDER) {
        for (const row of rows.get(table) ?? []) {
          // The local placeholder school becomes the user's school; the server stamps the rest.
          await insertRow(target.db, table, {
            ...row,
            school_id: target.schoolId,
            version: 0,
          } as never);
          queued++;
        }
      }
    },
  );
  await device.transaction(
    'rw',
    UPLOAD_ORDER.map((t) => device.syncedTable(t)),
    async () => {
      for (const table of UPLOAD_ORDER) await device.syncedTable(table).clear();
    },
  );
  return queued;
}
