// Owns the device side of a sync round inside IndexedDB: reading the outbox, settling the
// server's per-mutation results, applying pulled pages with their cursors, and purging what
// the user can no longer see. Every step is one Dexie transaction and holds no network call,
// so a crash at any point leaves a state the next round can continue from.
// Invariants: an outbox entry is removed only for a result that names its mutation_id;
// a refused or orphaned write is moved to the quarantine with its fields, never dropped;
// a pulled row never overwrites a pending local change (it is rebased under it).
import {
  effectiveStatus,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type SyncScope,
} from '@/domain/syncProtocol';
import { isRowInScope, SCOPED_TABLES } from '@/domain/syncScopes';
import type { AppDatabase, QuarantineEntry, ServerRow } from './db';
import { nowIso } from './ids';
import type { OutboxEntry } from './outbox';

const CURSORS_KEY = 'sync_cursors';
const SCOPES_KEY = 'sync_scopes';
/** Set in the same transaction that stores a scope list with fewer scopes; cleared by a purge. */
const PURGE_KEY = 'sync_purge_needed';
const PUT_CHUNK = 200;

export async function readOutboxBatch(db: AppDatabase, limit: number): Promise<Mutation[]> {
  const entries = await db.outbox.orderBy('seq').limit(limit).toArray();
  return entries.map((e) => ({
    mutation_id: e.mutation_id,
    seq: e.seq ?? 0,
    table: e.table,
    row_id: e.row_id,
    op: e.op,
    fields: e.fields,
    base: e.base,
  }));
}

function quarantined(
  entry: OutboxEntry,
  reason: QuarantineEntry['reason'],
  code: string,
  message: string,
  constraint: string | null = null,
): QuarantineEntry {
  return {
    mutation_id: entry.mutation_id,
    table: entry.table,
    row_id: entry.row_id,
    op: entry.op,
    fields: entry.fields,
    base: entry.base,
    code,
    constraint,
    message,
    reason,
    quarantined_at: nowIso(),
  };
}

export interface SettleSummary {
  applied: number;
  conflicts: number;
  rejected: number;
}

/**
 * Removes the answered entries; refused ones move to the quarantine with their text.
 * `sent` (the batch as read by readOutboxBatch) lets the entries be found by their primary
 * key: an entry keeps its seq and its unique mutation_id for its whole life, so the entry
 * at a sent seq that still carries the answered mutation_id is the one that was sent (an
 * entry removed meanwhile is simply not found). Answers for ids not in `sent` are looked up
 * by mutation_id. (A secondary-index anyOf over the whole batch cost ~0.7 ms per entry on
 * fake-indexeddb.)
 */
export async function settlePushResults(
  db: AppDatabase,
  response: PushResponse,
  sent: readonly Mutation[] = [],
): Promise<SettleSummary> {
  const summary: SettleSummary = { applied: 0, conflicts: 0, rejected: 0 };
  await db.transaction('rw', db.outbox, db.quarantine, async () => {
    const ids = response.results.map((r) => r.mutation_id);
    const seqOf = new Map(sent.map((m) => [m.mutation_id, m.seq]));
    const bySeq = ids.filter((id) => seqOf.has(id));
    const byIndex = ids.filter((id) => !seqOf.has(id));
    const [found, looked] = await Promise.all([
      db.outbox.bulkGet(bySeq.map((id) => seqOf.get(id) as number)),
      byIndex.length > 0
        ? db.outbox.where('mutation_id').anyOf(byIndex).toArray()
        : Promise.resolve([] as OutboxEntry[]),
    ]);
    const entries = [
      ...found.filter((e, i): e is OutboxEntry => e !== undefined && e.mutation_id === bySeq[i]),
      ...looked,
    ];
    const byId = new Map(entries.map((e) => [e.mutation_id, e]));
    const settled: number[] = [];
    const refused: QuarantineEntry[] = [];
    for (const result of response.results) {
      const entry = byId.get(result.mutation_id);
      if (!entry) continue;
      const status = effectiveStatus(result);
      if (status === 'rejected') {
        summary.rejected++;
        refused.push(
          quarantined(
            entry,
            'rejected',
            result.code ?? 'rejected',
            result.message ?? '',
            result.constraint ?? null,
          ),
        );
      } else if (status === 'conflict') summary.conflicts++;
      else summary.applied++;
      settled.push(entry.seq as number);
    }
    await Promise.all([db.quarantine.bulkPut(refused), db.outbox.bulkDelete(settled)]);
  });
  return summary;
}

export async function readCursors(db: AppDatabase): Promise<Record<string, number>> {
  const entry = await db.meta.get(CURSORS_KEY);
  return (entry?.value as Record<string, number> | undefined) ?? {};
}

export async function readScopes(db: AppDatabase): Promise<SyncScope[]> {
  return ((await db.meta.get(SCOPES_KEY))?.value as SyncScope[] | undefined) ?? [];
}

/** Re-applies the device's pending changes on top of a fresh server row. */
function rebase(row: ServerRow, pending: readonly OutboxEntry[]): ServerRow {
  const next: ServerRow = { ...row };
  for (const entry of pending) {
    if (entry.op === 'delete') next.deleted_at ??= entry.created_at;
    else Object.assign(next, entry.fields);
  }
  return next;
}

/** Applies one pulled page and advances the cursors in the same transaction. */
export async function applyPullPage(db: AppDatabase, page: PullResponse): Promise<number> {
  const tableNames = [...new Set(page.changes.map((c) => c.table))];
  const tables = tableNames.map((name) => db.anyTable(name)).filter((t) => t !== undefined);
  let applied = 0;
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const pending = new Map<string, OutboxEntry[]>();
    for (const entry of await db.outbox.orderBy('seq').toArray()) {
      const key = `${entry.table}:${entry.row_id}`;
      const list = pending.get(key);
      if (list) list.push(entry);
      else pending.set(key, [entry]);
    }
    const byTable = new Map<string, ServerRow[]>();
    for (const change of page.changes) {
      const local = pending.get(`${change.table}:${change.row.id}`);
      const row = local ? rebase(change.row, local) : change.row;
      const list = byTable.get(change.table);
      if (list) list.push(row);
      else byTable.set(change.table, [row]);
    }
    for (const table of tables) {
      const rows = byTable.get(table.name) ?? [];
      // In chunks, so the main thread can paint between them (one big bulkPut froze the UI
      // for up to two seconds on a slow phone); still one transaction with the cursor.
      for (let i = 0; i < rows.length; i += PUT_CHUNK) {
        await table.bulkPut(rows.slice(i, i + PUT_CHUNK));
      }
      applied += rows.length;
    }
    // The server answers with the whole cursor map of the caller's current scopes. Replacing
    // (not merging) drops the cursors of lost scopes: if access comes back, those scopes are
    // pulled again from 0 and the purged rows return.
    await db.meta.put({ key: CURSORS_KEY, value: page.cursors });
    const now = new Set(page.scopes.map((s) => s.key));
    if ((await readScopes(db)).some((scope) => !now.has(scope.key))) {
      await db.meta.put({ key: PURGE_KEY, value: true });
    }
    await db.meta.put({ key: SCOPES_KEY, value: page.scopes });
  });
  return applied;
}

/**
 * Removes the rows no current scope covers (a member removed from a school or a pair), and
 * moves pending changes to them into the quarantine: the user's text stays visible.
 */
export async function purgeNeeded(db: AppDatabase): Promise<boolean> {
  return (await db.meta.get(PURGE_KEY))?.value === true;
}

export async function purgeOutOfScope(db: AppDatabase): Promise<number> {
  const tables = SCOPED_TABLES.map((name) => db.anyTable(name)).filter((t) => t !== undefined);
  let purged = 0;
  await db.transaction('rw', [...tables, db.outbox, db.quarantine, db.meta], async () => {
    const scopes = await readScopes(db);
    const keys = new Set(scopes.map((s) => s.key));
    const memberIds = new Set(scopes.filter((s) => s.kind === 'pair_member').map((s) => s.id));
    const coMembers = new Set(
      (await db.pair_members.toArray())
        .filter((m) => memberIds.has(m.id))
        .map((m) => m.participant_id),
    );
    for (const table of tables) {
      const rows = await table.toArray();
      const gone = rows.filter((row) => !isRowInScope(table.name, row, keys, coMembers));
      if (gone.length === 0) continue;
      for (const row of gone) {
        const orphans = await db.outbox
          .where('[table+row_id]')
          .equals([table.name, row.id])
          .toArray();
        for (const entry of orphans) {
          await db.quarantine.put(quarantined(entry, 'scope_lost', 'scope_lost', ''));
          await db.outbox.delete(entry.seq as number);
        }
      }
      await table.bulkDelete(gone.map((r) => r.id));
      purged += gone.length;
    }
    await db.meta.delete(PURGE_KEY);
  });
  return purged;
}

/**
 * Prepares a full resync of some schools (the server no longer has the history the device
 * needs): forgets their cursors and drops their rows that have no pending change, so the
 * next pull rebuilds them from version 0.
 */
export async function resetSchools(db: AppDatabase, schoolIds: readonly string[]): Promise<void> {
  const schools = new Set(schoolIds);
  const tables = SCOPED_TABLES.map((name) => db.anyTable(name)).filter((t) => t !== undefined);
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const pending = new Set((await db.outbox.toArray()).map((e) => `${e.table}:${e.row_id}`));
    for (const table of tables) {
      const stale = (await table.toArray()).filter(
        (row) =>
          (schools.size === 0 || schools.has(row.school_id as string)) &&
          !pending.has(`${table.name}:${row.id}`),
      );
      await table.bulkDelete(stale.map((r) => r.id));
    }
    const scopes = await readScopes(db);
    const cursors = await readCursors(db);
    for (const scope of scopes) {
      if (schools.size === 0 || (scope.school_id && schools.has(scope.school_id))) {
        delete cursors[scope.key];
      }
    }
    if (schools.size === 0) for (const key of Object.keys(cursors)) delete cursors[key];
    await db.meta.put({ key: CURSORS_KEY, value: cursors });
  });
}
