// A tombstone carries no personal data (DOMAIN.md): when a row is deleted on the device, the
// local row keeps only what sync needs to deliver and place the deletion. The server erases
// its copy the same way; tombstones it sends are stored as they come.
import type { IsoTimestamp } from './types';

/** The key and scope/parent columns (immutable on the server) and the sync columns. */
const TOMBSTONE_COLUMNS = [
  'id',
  'school_id',
  'pair_id',
  'participant_id',
  'meeting_id',
  'plan_id',
  'mentee_id',
  'template_id',
  'requested_by',
  'programme_id',
  'side',
  'version',
] as const;

/** The row as a tombstone: those columns and `deleted_at`, nothing the user wrote. */
export function tombstoneOf(
  row: object & { id: string },
  deletedAt: IsoTimestamp,
): Record<string, unknown> & { id: string } {
  const kept: Record<string, unknown> = {};
  for (const column of TOMBSTONE_COLUMNS) {
    if (column in row) kept[column] = (row as Record<string, unknown>)[column];
  }
  return { ...kept, id: row.id, deleted_at: deletedAt };
}
