// Owns the outbox: every local write to a synced table is recorded here, in the same
// IndexedDB transaction as the row itself, so a crash can never keep one without the other.
// Unsent edits of one row merge into one entry (a questionnaire filled item by item is one
// mutation, not eight), and the server's version of a row with pending changes is kept as
// its shadow, so a refused change can put the row back (data/syncStore.ts).
// Invariants: entries are appended with increasing `seq` and removed only by the sync engine
// after the server has answered for exactly that entry, or by a merge in the same transaction
// as the write that made them redundant; an entry at or below the sent mark (SENT_THROUGH_KEY)
// may have reached the server, whose answer to its mutation id is final, so it never changes;
// a row has a shadow exactly while it has pending entries and the server has a version of it.
import { SYNC_REGISTRY } from '@/domain/syncRegistry';
import type { SyncedRow, SyncedTable } from '@/domain/types';
import { tombstoneOf } from '@/domain/tombstone';
import type { AppDatabase, ServerRow } from './db';
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

/**
 * Meta key: the highest outbox seq ever handed to sync_push (written in the transaction that
 * reads the batch, before the request). Entries at or below it are frozen.
 */
export const SENT_THROUGH_KEY = 'outbox_sent_through';

/** Meta key of a row's shadow: the server's version of a row with pending changes. */
export const shadowKey = (table: string, id: string) => `shadow:${table}:${id}`;

/**
 * Tables whose values other rows' server checks read (consents and members for a pair's
 * approval, a participant's age for a consent, a template for its answers). An edit of such
 * a row merges into an earlier entry only when nothing was queued after that entry, so the
 * server sees every change in the order the user made it. Other tables are leaves: their
 * merged edit may travel at the earlier entry's place.
 */
const ORDER_SENSITIVE = new Set<string>([
  'schools',
  'memberships',
  'programmes',
  'participants',
  'participant_sensitive',
  'consents',
  'pairs',
  'pair_members',
  'questionnaire_templates',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A change that points at another row (a task moved to a new goal) keeps its own place. */
function pointsAtRow(fields: Record<string, unknown>): boolean {
  return Object.values(fields).some((value) => typeof value === 'string' && UUID.test(value));
}

export async function readSentThrough(db: AppDatabase): Promise<number> {
  const value = (await db.meta.get(SENT_THROUGH_KEY))?.value;
  return typeof value === 'number' ? value : 0;
}

/** The row's pending entries, oldest first. */
export function rowEntries(db: AppDatabase, table: string, id: string): Promise<OutboxEntry[]> {
  return db.outbox.where('[table+row_id]').equals([table, id]).sortBy('seq');
}

async function isLastEntry(db: AppDatabase, entry: OutboxEntry): Promise<boolean> {
  return (await db.outbox.orderBy('seq').last())?.seq === entry.seq;
}

/**
 * Whether the row's unsent insert may be forgotten: no later entry names the row (a child
 * inserted under it), and for an order-sensitive table no other row's change came after it.
 */
async function mayForgetInsert(
  db: AppDatabase,
  table: string,
  seq: number,
  id: string,
): Promise<boolean> {
  const strict = ORDER_SENSITIVE.has(table);
  const later = await db.outbox
    .where('seq')
    .above(seq)
    .filter((e) => e.row_id !== id && (strict || Object.values(e.fields).includes(id)))
    .first();
  return later === undefined;
}

/**
 * The entry a new change of this row may merge into: the row's last entry, not yet sent, an
 * insert or a patch, at a place where the change may travel (see ORDER_SENSITIVE).
 */
async function mergeTarget(
  db: AppDatabase,
  table: string,
  entries: readonly OutboxEntry[],
  fields: Record<string, unknown>,
): Promise<OutboxEntry | null> {
  const last = entries.at(-1);
  if (!last || last.op === 'delete' || (last.seq ?? 0) <= (await readSentThrough(db))) return null;
  if (pointsAtRow(fields)) return null;
  if (ORDER_SENSITIVE.has(table) && !(await isLastEntry(db, last))) return null;
  return last;
}

/** Remembers the server's version of a row before its first pending change. */
async function keepShadow(
  db: AppDatabase,
  table: string,
  entries: readonly OutboxEntry[],
  current: ServerRow,
): Promise<void> {
  // With no pending entry the device's row is the server's as last pulled or acknowledged.
  if (entries.length === 0)
    await db.meta.put({ key: shadowKey(table, current.id), value: current });
}

/** What a client may send of a row: never the sync columns, nor what the table's server owns. */
function clientFields(table: SyncedTable, row: Record<string, unknown>): Record<string, unknown> {
  const serverOwned: readonly string[] = SYNC_REGISTRY[table].serverOwnedColumns;
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !SERVER_COLUMNS.has(key) && !serverOwned.includes(key)),
  );
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
      fields: clientFields(table, row as unknown as Record<string, unknown>),
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
  for (const [key, value] of Object.entries(clientFields(table, fields))) {
    if (key === 'id' || key === 'school_id') continue;
    if (!sameValue(current[key], value)) {
      changed[key] = value;
      base[key] = current[key] ?? null;
    }
  }
  if (Object.keys(changed).length === 0) return false;
  const entries = await rowEntries(db, table, id);
  await keepShadow(db, table, entries, current);
  await db.syncedTable(table).update(id, { ...changed, updated_at: nowIso() });
  const target = await mergeTarget(db, table, entries, changed);
  if (!target) {
    await db.outbox.add({
      mutation_id: newId(),
      table,
      row_id: id,
      op: 'patch',
      fields: changed,
      base,
      created_at: nowIso(),
    });
  } else if (target.op === 'insert') {
    await db.outbox.put({ ...target, fields: { ...target.fields, ...changed } });
  } else {
    await db.outbox.put(mergedPatch(target, changed, base));
  }
  return true;
}

/**
 * Merges a patch into an unsent patch of the same row: the later value of each field, and the
 * earliest base (what the server had before the user's first edit of it). A field edited back
 * to its base is still sent: the server may have changed meanwhile (a pulled rebase), and
 * only the three-way merge there can tell.
 */
function mergedPatch(
  target: OutboxEntry,
  changed: Record<string, unknown>,
  base: Record<string, unknown>,
): OutboxEntry {
  return {
    ...target,
    fields: { ...target.fields, ...changed },
    base: { ...base, ...target.base },
  };
}

/**
 * Soft-deletes a row (a tombstone other devices will receive) and records the delete. A row
 * whose insert was never sent is forgotten with its entries: the server never hears of it
 * (unless a later entry, such as a child's insert, still names it). Its content is erased but
 * a local tombstone stays, so that restoring an older backup (device-only mode, where nothing
 * is ever sent) does not bring the deleted row back: the newer tombstone wins the merge.
 * Returns false when there was nothing to delete (no such row, or already a tombstone).
 */
export async function deleteRow(db: AppDatabase, table: SyncedTable, id: string): Promise<boolean> {
  const current = await db.syncedTable(table).get(id);
  if (!current || current.deleted_at) return false;
  const entries = await rowEntries(db, table, id);
  const first = entries[0];
  if (
    first?.op === 'insert' &&
    (first.seq ?? 0) > (await readSentThrough(db)) &&
    (await mayForgetInsert(db, table, first.seq as number, id))
  ) {
    await db.outbox.bulkDelete(entries.map((e) => e.seq as number));
    await db.syncedTable(table).put(tombstoneOf(current, nowIso()));
    return true;
  }
  await keepShadow(db, table, entries, current);
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
  return true;
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
 * Runs a write command: `work` runs in one read-write transaction over the synced tables,
 * the outbox and the meta table (the sent mark and the shadows). The first successful write
 * asks the browser to keep the data.
 */
export async function writeTransaction<T>(
  db: AppDatabase,
  tables: SyncedTable[],
  work: () => Promise<T>,
): Promise<T> {
  const result = await db.transaction(
    'rw',
    [...tables.map((t) => db.syncedTable(t)), db.outbox, db.meta],
    // An async scope: Dexie keeps the transaction across the native awaits of patchRow and
    // deleteRow only when the scope itself is an async function (a plain `() => patchRow()`
    // committed early).
    async () => await work(),
  );
  void requestPersistentStorage();
  return result;
}

export function pendingCount(db: AppDatabase): Promise<number> {
  return db.outbox.count();
}
