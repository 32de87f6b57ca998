// Owns the outbox: every local write to a synced table is recorded here, in the same
// IndexedDB transaction as the row itself, so a crash can never keep one without the other.
// Invariant: entries are appended with increasing `seq` and removed only by the sync engine
// after the server has answered for exactly that entry.
import type { SyncedRow, SyncedTable } from '@/domain/types';
import type { AppDatabase } from './db';
import { newId, nowIso } from './ids';
import { requestPersistentStorage } from './persistence';

export type MutationOp = 'insert' | 'patch' | 'delete';

export interface OutboxEntry {
  seq?: number;
  mutation_id: string;
  table: SyncedTable;
  row_id: string;
  op: MutationOp;
  /** Changed fields and their new values (the whole row for an insert). */
  fields: Record<string, unknown>;
  /** The previous values of the changed fields, for the server's three-way merge. */
  base: Record<string, unknown>;
  created_at: string;
}

/** Columns the server owns (and the id, sent as row_id): never sent as client changes. */
const SERVER_COLUMNS = new Set([
  'id',
  'version',
  'created_at',
  'updated_at',
  'created_by',
  'deleted_at',
  // participants.user_id links an account, set only by redeem_invite on the server.
  'user_id',
]);

function clientFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !SERVER_COLUMNS.has(key)));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

type AnyRow = Record<string, unknown> & { id: string };

/** Inserts a row and its outbox entry. Call inside a transaction that includes both tables. */
export async function insertRow<T extends SyncedRow>(
  db: AppDatabase,
  table: SyncedTable,
  row: T,
): Promise<T> {
  // Both requests are issued at once: one IndexedDB round trip instead of two (the
  // transaction still commits or aborts them together).
  await Promise.all([
    db.syncedTable(table).add(row as unknown as AnyRow),
    db.outbox.add({
      mutation_id: newId(),
      table,
      row_id: row.id,
      op: 'insert',
      fields: clientFields(row as unknown as Record<string, unknown>),
      base: {},
      created_at: nowIso(),
    }),
  ]);
  return row;
}

/**
 * Applies the fields that really change and records them with their previous values.
 * Returns false when nothing changed (no outbox entry is written).
 */
export async function patchRow(
  db: AppDatabase,
  table: SyncedTable,
  id: string,
  fields: Record<string, unknown>,
): Promise<boolean> {
  const current = await db.syncedTable(table).get(id);
  if (!current || current.deleted_at) throw new RowMissingError(table, id);
  const changed: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(clientFields(fields))) {
    if (key === 'id' || key === 'school_id') continue;
    if (!sameValue(current[key], value)) {
      changed[key] = value;
      base[key] = current[key] ?? null;
    }
  }
  if (Object.keys(changed).length === 0) return false;
  await db.syncedTable(table).update(id, { ...changed, updated_at: nowIso() });
  await db.outbox.add({
    mutation_id: newId(),
    table,
    row_id: id,
    op: 'patch',
    fields: changed,
    base,
    created_at: nowIso(),
  });
  return true;
}

/** Soft-deletes a row (a tombstone other devices will receive) and records the delete. */
export async function deleteRow(db: AppDatabase, table: SyncedTable, id: string): Promise<void> {
  const current = await db.syncedTable(table).get(id);
  if (!current || current.deleted_at) return;
  await db.syncedTable(table).update(id, { deleted_at: nowIso() });
  await db.outbox.add({
    mutation_id: newId(),
    table,
    row_id: id,
    op: 'delete',
    fields: {},
    base: {},
    created_at: nowIso(),
  });
}

export class RowMissingError extends Error {
  readonly reason = 'row_missing';
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} ${id} does not exist on this device`);
    this.name = 'RowMissingError';
  }
}

/**
 * Runs a write command: `work` runs in one read-write transaction over the synced tables
 * and the outbox. The first successful write asks the browser to keep the data.
 */
export async function writeTransaction<T>(
  db: AppDatabase,
  tables: SyncedTable[],
  work: () => Promise<T>,
): Promise<T> {
  const result = await db.transaction(
    'rw',
    [...tables.map((t) => db.syncedTable(t)), db.outbox],
    work,
  );
  void requestPersistentStorage();
  return result;
}

export function pendingCount(db: AppDatabase): Promise<number> {
  return db.outbox.count();
}
