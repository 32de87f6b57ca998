// Owns the device side of a sync round inside IndexedDB: reading the outbox, settling the
// server's per-mutation results, applying pulled pages with their cursors, and purging what
// the user can no longer see. Every step is one Dexie transaction (a pulled page is applied
// in chunks of rows, one transaction each, its cursors in the last) and holds no network
// call, so a crash at any point leaves a state the next round can continue from.
// Invariants: an outbox entry is removed only for a result that names its mutation_id;
// a refused or orphaned write is moved to the quarantine with its fields, never dropped;
// a pulled row never overwrites a pending local change (it is rebased under it); a refused
// change leaves the row as the server has it (its shadow, with the other pending changes
// rebased on top; a refused insert leaves no row), so every device converges.
import {
  effectiveStatus,
  pushablePrefix,
  type MutationResult,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type SyncScope,
} from '@/domain/syncProtocol';
import { coMemberParticipantIds, isRowInScope, SCOPED_TABLES } from '@/domain/syncScopes';
import type { AppDatabase, QuarantineEntry, ServerRow } from './db';
import { nowIso } from './ids';
import {
  readSentThrough,
  rowEntries,
  SENT_THROUGH_KEY,
  shadowKey,
  type OutboxEntry,
} from './outbox';

const CURSORS_KEY = 'sync_cursors';
const SCOPES_KEY = 'sync_scopes';
/** Set in the same transaction that stores a scope list with fewer scopes; cleared by a purge. */
const PURGE_KEY = 'sync_purge_needed';

export async function readOutboxBatch(db: AppDatabase, limit: number): Promise<Mutation[]> {
  const entries = await db.outbox.orderBy('seq').limit(limit).toArray();
  return entries.map(toMutation);
}

/**
 * The next batch to send (a pushable prefix of the outbox), marked as sent in the same
 * transaction that reads it: from here on a new edit never merges into these entries, since
 * the server may store them under their mutation ids whether or not the answer comes back.
 */
export async function takeOutboxBatch(db: AppDatabase, limit: number): Promise<Mutation[]> {
  return db.transaction('rw', db.outbox, db.meta, async () => {
    const batch = pushablePrefix(await readOutboxBatch(db, limit));
    const last = batch.at(-1);
    if (last && last.seq > (await readSentThrough(db))) {
      await db.meta.put({ key: SENT_THROUGH_KEY, value: last.seq });
    }
    return batch;
  });
}

function toMutation(e: OutboxEntry): Mutation {
  return {
    mutation_id: e.mutation_id,
    seq: e.seq ?? 0,
    table: e.table,
    row_id: e.row_id,
    op: e.op,
    fields: e.fields,
    base: e.base,
  };
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

/** What the answers of one batch did to one row. */
interface RowOutcome {
  table: string;
  rowId: string;
  /** The server's version as the device knows it, with the changes it accepted. */
  shadow: ServerRow | undefined;
  /** A change was refused or lost a merge: the row must show the server's version again. */
  restore: boolean;
  /** The server refused the row's insert: it has no version of the row. */
  insertRefused: boolean;
  /**
   * The server already had every value of an accepted patch: it wrote nothing, so no new
   * version comes back through the pull, and the row takes the server's own columns
   * (updated_at) from the shadow now.
   */
  unchanged: boolean;
  /** The answered entries, to undo their fields where no shadow is known. */
  answered: OutboxEntry[];
}

/** The shadow after the server accepted `fields` of `entry` (only those it names). */
function accepted(
  shadow: ServerRow | undefined,
  entry: OutboxEntry,
  fields: readonly string[],
): ServerRow | undefined {
  if (entry.op === 'insert') return { id: entry.row_id, ...entry.fields, deleted_at: null };
  if (!shadow) return undefined;
  if (entry.op === 'delete') return { ...shadow, deleted_at: shadow.deleted_at ?? nowIso() };
  const next: ServerRow = { ...shadow };
  for (const key of fields) if (key in entry.fields) next[key] = entry.fields[key];
  return next;
}

/** Folds one answer into its row's outcome. */
function settleRow(outcome: RowOutcome, entry: OutboxEntry, result: MutationResult): void {
  outcome.answered.push(entry);
  const status = effectiveStatus(result);
  if (status === 'applied') {
    outcome.shadow = accepted(outcome.shadow, entry, Object.keys(entry.fields));
    if (entry.op === 'patch' && result.applied?.length === 0) outcome.unchanged = true;
  } else if (status === 'conflict') {
    // The server kept its value of the conflicting fields (stored as a sync_conflicts row
    // the user resolves) and applied the others; `applied` names them.
    outcome.shadow = accepted(outcome.shadow, entry, result.applied ?? []);
    outcome.restore = true;
  } else {
    outcome.restore = true;
    if (entry.op === 'insert') outcome.insertRefused = true;
  }
}

/**
 * Puts a row back to what the server has: its shadow with the row's other pending changes
 * rebased on top. Without a shadow (an entry written before shadows existed) the answered
 * fields go back to their base values. A refused insert leaves no row.
 */
async function restoreRow(db: AppDatabase, outcome: RowOutcome, pending: OutboxEntry[]) {
  const table = db.anyTable(outcome.table);
  if (!table) return;
  if (outcome.insertRefused) {
    await table.delete(outcome.rowId);
    return;
  }
  if (outcome.shadow) {
    await table.put(rebase(outcome.shadow, pending));
    return;
  }
  if (!outcome.restore) return;
  const local = await table.get(outcome.rowId);
  if (!local) return;
  const undone: ServerRow = { ...local };
  for (const entry of outcome.answered) {
    if (entry.op === 'delete') undone.deleted_at = null;
    else Object.assign(undone, entry.base);
  }
  await table.put(rebase(undone, pending));
}

/**
 * Removes the answered entries; refused ones move to the quarantine with their text, and
 * their rows go back to the server's version (a conflict's fields too: the user's value is
 * in the conflict row). `sent` (the batch as read by takeOutboxBatch) lets the entries be
 * found by their primary key: an entry keeps its seq and its unique mutation_id for its
 * whole life, so the entry at a sent seq that still carries the answered mutation_id is the
 * one that was sent (an entry removed meanwhile is simply not found). Answers for ids not in
 * `sent` are looked up by mutation_id. (A secondary-index anyOf over the whole batch cost
 * ~0.7 ms per entry on fake-indexeddb.)
 */
export async function settlePushResults(
  db: AppDatabase,
  response: PushResponse,
  sent: readonly Mutation[] = [],
): Promise<SettleSummary> {
  const summary: SettleSummary = { applied: 0, conflicts: 0, rejected: 0 };
  const seqOf = new Map(sent.map((m) => [m.mutation_id, m.seq]));
  const ids = response.results.map((r) => r.mutation_id);
  const bySeq = ids.filter((id) => seqOf.has(id));
  const byIndex = ids.filter((id) => !seqOf.has(id));
  // The rows' tables are known from the batch; an answer outside it may touch any table.
  const names = byIndex.length > 0 ? SCOPED_TABLES : [...new Set(sent.map((m) => m.table))];
  const tables = names.map((name) => db.anyTable(name)).filter((t) => t !== undefined);
  await db.transaction('rw', [...tables, db.outbox, db.quarantine, db.meta], async () => {
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
    // Only rows with a pending patch or delete have a shadow; inserts are the bulk case.
    const keys = [...new Set(entries.map((e) => shadowKey(e.table, e.row_id)))];
    const shadows = await db.meta.bulkGet(keys);
    const shadowOf = new Map(keys.map((key, i) => [key, shadows[i]?.value as ServerRow]));
    const rows = new Map<string, RowOutcome>();
    const settled: number[] = [];
    const refused: QuarantineEntry[] = [];
    for (const result of response.results) {
      const entry = byId.get(result.mutation_id);
      if (!entry) continue;
      const key = shadowKey(entry.table, entry.row_id);
      let outcome = rows.get(key);
      if (!outcome) {
        outcome = {
          table: entry.table,
          rowId: entry.row_id,
          shadow: shadowOf.get(key),
          restore: false,
          insertRefused: false,
          unchanged: false,
          answered: [],
        };
        rows.set(key, outcome);
      }
      settleRow(outcome, entry, result);
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
      } else if (status === 'conflict') {
        summary.conflicts++;
        // An edit of a row deleted elsewhere: the server keeps no text of a deleted row (not
        // even in the conflict), so the user's text stays here, in the quarantine.
        if (result.code === 'row_deleted') {
          refused.push(quarantined(entry, 'rejected', 'row_deleted', result.message ?? ''));
        }
      } else summary.applied++;
      settled.push(entry.seq as number);
    }
    await Promise.all([db.quarantine.bulkPut(refused), db.outbox.bulkDelete(settled)]);
    await Promise.all(
      [...rows].map(async ([key, outcome]) => {
        // A row that never had a shadow and needs no repair (an accepted insert) is done.
        if (!outcome.restore && !shadowOf.get(key)) return;
        const pending = await rowEntries(db, outcome.table, outcome.rowId);
        if (outcome.restore || outcome.unchanged) await restoreRow(db, outcome, pending);
        if (pending.length === 0 || !outcome.shadow || outcome.insertRefused) {
          await db.meta.delete(key);
        } else {
          await db.meta.put({ key, value: outcome.shadow });
        }
      }),
    );
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

/**
 * Rows of a pulled page per IndexedDB transaction. Each row costs the main thread a
 * structured clone per put (~0.25 ms at 4x CPU throttling in Chromium for a meeting), so 100
 * rows keep a task near 30 ms on a slow phone, within the 50 ms the UI can stay unresponsive.
 */
export const PULL_CHUNK_ROWS = 200;
const PULL_SLICE_ROWS = 25;

/** Lets the event loop run (input, rendering, the app's own writes) between two chunks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Applies one pulled page in chunks of PULL_CHUNK_ROWS rows, one transaction each, with a
 * yield to the event loop between them; the cursors advance only in the last chunk's
 * transaction. A crash or a full disk between chunks keeps the rows of the chunks already
 * applied and the old cursors, so the next pull fetches the page again and re-applies them:
 * a pulled row is the server's current version, and applying it twice changes nothing. Each
 * chunk reads the outbox afresh, so an edit the user makes between chunks is rebased too.
 */
export async function applyPullPage(db: AppDatabase, page: PullResponse): Promise<number> {
  const { changes } = page;
  let applied = 0;
  let start = 0;
  do {
    if (start > 0) await yieldToEventLoop();
    const chunk = changes.slice(start, start + PULL_CHUNK_ROWS);
    start += PULL_CHUNK_ROWS;
    applied += await applyPullChunk(db, chunk, start >= changes.length ? page : null);
  } while (start < changes.length);
  return applied;
}

/**
 * Stores some rows of a page under the device's pending changes (rebased, with their shadows)
 * in one transaction; with `last` (the page) also its cursors and scopes.
 */
async function applyPullChunk(
  db: AppDatabase,
  changes: PullResponse['changes'],
  last: PullResponse | null,
): Promise<number> {
  const tableNames = [...new Set(changes.map((c) => c.table))];
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
    const shadows: { key: string; value: ServerRow }[] = [];
    for (const change of changes) {
      const local = pending.get(`${change.table}:${change.row.id}`);
      // The pulled row is the server's newest version: the shadow a refusal goes back to.
      if (local) shadows.push({ key: shadowKey(change.table, change.row.id), value: change.row });
      const row = local ? rebase(change.row, local) : change.row;
      const list = byTable.get(change.table);
      if (list) list.push(row);
      else byTable.set(change.table, [row]);
    }
    if (shadows.length > 0) await db.meta.bulkPut(shadows);
    for (const table of tables) {
      const rows = byTable.get(table.name) ?? [];
      // Slices awaited one after another: each slice's puts run in their own task.
      for (let i = 0; i < rows.length; i += PULL_SLICE_ROWS) {
        await table.bulkPut(rows.slice(i, i + PULL_SLICE_ROWS));
      }
      applied += rows.length;
    }
    if (!last) return;
    // The server answers with the whole cursor map of the caller's current scopes. Replacing
    // (not merging) drops the cursors of lost scopes: if access comes back, those scopes are
    // pulled again from 0 and the purged rows return.
    await db.meta.put({ key: CURSORS_KEY, value: last.cursors });
    const now = new Set(last.scopes.map((s) => s.key));
    if ((await readScopes(db)).some((scope) => !now.has(scope.key))) {
      await db.meta.put({ key: PURGE_KEY, value: true });
    }
    await db.meta.put({ key: SCOPES_KEY, value: last.scopes });
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
    // A pair_member scope's id is the co-member's participant id (its key names the
    // pair_members row): those cards stay.
    const coMembers = coMemberParticipantIds(scopes);
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
        // The row leaves the device; if access returns, the pull brings the server's version.
        if (orphans.length > 0) await db.meta.delete(shadowKey(table.name, row.id));
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
