// Write commands for what sync could not settle alone: writes the server refused (kept in
// the quarantine with their text) and fields that lost a three-way merge (sync_conflicts).
// The user decides; nothing here drops their text without being told to.
import type { DataContext } from '../context';
import type { QuarantineEntry, ServerRow } from '../db';
import { newId, nowIso } from '../ids';
import { patchRow, writeTransaction } from '../outbox';
import type { SyncedTable } from '@/domain/types';

/** The user read the refused change and lets it go. */
export async function discardQuarantined(ctx: DataContext, mutationId: string): Promise<void> {
  await ctx.db.quarantine.delete(mutationId);
}

/**
 * Sends a refused change again (e.g. after the curator restored access). It goes out as a
 * new mutation: the server's answer to the old id is final.
 */
export async function retryQuarantined(ctx: DataContext, mutationId: string): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.quarantine, ctx.db.outbox, async () => {
    const entry: QuarantineEntry | undefined = await ctx.db.quarantine.get(mutationId);
    if (!entry) return;
    await ctx.db.outbox.add({
      mutation_id: newId(),
      table: entry.table as SyncedTable,
      row_id: entry.row_id,
      op: entry.op as 'insert' | 'patch' | 'delete',
      fields: entry.fields,
      base: entry.base,
      created_at: nowIso(),
    });
    await ctx.db.quarantine.delete(mutationId);
  });
}

/**
 * Resolves a conflict: keep the server's value, or take mine (written as a normal edit of
 * the row, so it merges and syncs like any other change).
 */
export async function resolveConflict(
  ctx: DataContext,
  conflict: ServerRow,
  resolution: 'kept_server' | 'took_client',
): Promise<void> {
  const table = conflict.table_name as SyncedTable;
  const field = conflict.field as string;
  await writeTransaction(ctx.db, ['sync_conflicts', table], async () => {
    if (resolution === 'took_client' && field !== '*') {
      await patchRow(ctx.db, table, conflict.row_id as string, { [field]: conflict.client_value });
    }
    await patchRow(ctx.db, 'sync_conflicts', conflict.id, {
      resolved_at: nowIso(),
      resolution,
    });
  });
}
