// Owns deleting rows on the device without keeping what they said: the outbox records the
// delete, and the local row becomes a tombstone (domain/tombstone.ts) in the same transaction.
// Invariant: call inside writeTransaction over the row's table and the outbox.
import { tombstoneOf } from '@/domain/tombstone';
import type { SyncedTable } from '@/domain/types';
import type { AppDatabase } from './db';
import { deleteRow } from './outbox';

/** Tombstones a row (a delete other devices will receive) and erases its content here. */
export async function deleteAndErase(
  db: AppDatabase,
  table: SyncedTable,
  id: string,
): Promise<void> {
  // Nothing was deleted now (already a tombstone, perhaps the server's): leave it as it is.
  if (!(await deleteRow(db, table, id))) return;
  const row = await db.syncedTable(table).get(id);
  if (!row || typeof row.deleted_at !== 'string') return;
  await db.syncedTable(table).put(tombstoneOf(row, row.deleted_at));
}
