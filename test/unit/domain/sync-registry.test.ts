// The device's IndexedDB schema and table lists follow the sync registry
// (supabase/sync-registry.json → src/domain/syncRegistry.ts): the latest Dexie version has a
// store per registry table with the registry's primary key and indexes, and the client's
// lists and scope rules are the registry's.
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '@/data/db';
import { REGISTRY_TABLES, SYNC_REGISTRY, SYNCED_TABLES } from '@/domain/syncRegistry';
import { rowScopeKeys, SCOPED_TABLES, scopesOf } from '@/domain/syncScopes';
import { SYNCED_TABLES as DOMAIN_SYNCED_TABLES } from '@/domain/types';

/** Dexie's schema of a store as the registry writes it: `id, a, [b+c], …`. */
function storeOf(db: AppDatabase, name: string): string | undefined {
  const table = db.tables.find((t) => t.name === name);
  if (!table) return undefined;
  return [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(', ');
}

const sortedIndexes = (store: string | undefined) =>
  store === undefined
    ? undefined
    : store.split(', ').slice(0, 1).concat(store.split(', ').slice(1).sort());

describe('the device follows the sync registry', () => {
  it("has a store per registry table in Dexie's latest version, with the registry's key and indexes", async () => {
    const db = new AppDatabase(`registry-${crypto.randomUUID()}`);
    await db.open();
    try {
      for (const table of REGISTRY_TABLES) {
        expect({ table, store: sortedIndexes(storeOf(db, table)) }).toEqual({
          table,
          store: sortedIndexes(SYNC_REGISTRY[table].dexie),
        });
      }
      // Every other store is device-only (never synced).
      expect(
        db.tables
          .map((t) => t.name)
          .filter((n) => !(REGISTRY_TABLES as readonly string[]).includes(n))
          .sort(),
      ).toEqual(['drafts', 'meta', 'outbox', 'quarantine']);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('takes its table lists from the registry, parents first', () => {
    expect(DOMAIN_SYNCED_TABLES).toBe(SYNCED_TABLES);
    expect(SCOPED_TABLES).toEqual(REGISTRY_TABLES);
    expect(SYNCED_TABLES).toEqual(REGISTRY_TABLES.filter((t) => SYNC_REGISTRY[t].deviceWrites));
    // A parent comes before its children: each key column naming another registry table's
    // row (pair_id → pairs, plan_id → development_plans, …) points to an earlier table.
    const parentOf: Record<string, string> = {
      school_id: 'schools',
      participant_id: 'participants',
      requested_by: 'participants',
      mentee_id: 'participants',
      programme_id: 'programmes',
      template_id: 'questionnaire_templates',
      pair_id: 'pairs',
      plan_id: 'development_plans',
      meeting_id: 'meetings',
    };
    for (const [i, table] of REGISTRY_TABLES.entries()) {
      for (const column of SYNC_REGISTRY[table].keyColumns) {
        const parent = parentOf[column];
        if (!parent) continue;
        expect({
          table,
          column,
          parentFirst: REGISTRY_TABLES.indexOf(parent as never) < i,
        }).toEqual({ table, column, parentFirst: true });
      }
    }
  });

  it("places a row in the registry's scopes", () => {
    const row = {
      id: 'c1',
      school_id: 's1',
      pair_id: 'p1',
      meeting_id: 'm1',
      participant_id: 'u1',
    };
    expect(scopesOf('meeting_confirmations', row)).toEqual([
      { kind: 'school', id: 's1' },
      { kind: 'pair', id: 'p1' },
      { kind: 'participant', id: 'u1' },
    ]);
    expect(rowScopeKeys('questionnaire_templates', { id: 't1', school_id: null })).toEqual([
      'global',
    ]);
    expect(scopesOf('participants', { id: 'u1', school_id: 's1' })).toEqual([
      { kind: 'school', id: 's1' },
      { kind: 'participant', id: 'u1' },
      { kind: 'pair_member', id: 'u1' },
    ]);
    expect(scopesOf('no_such_table', row)).toEqual([]);
  });
});
