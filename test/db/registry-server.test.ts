// The server's sync registry is the one in supabase/sync-registry.json: private.sync_tables,
// private.sync_scope_rules and the per-column grants of the migrated database equal what
// the registry says (via src/domain/syncRegistry.ts, which `npm run registry:check` keeps
// equal to the JSON), and every column of every synced table is classified there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MANAGED_COLUMNS,
  REGISTRY_TABLES,
  SYNC_REGISTRY,
  type RegistryTable,
} from '@/domain/syncRegistry';
import { createTestDb, type TestDb } from '../support/db';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

/** Public tables with sync columns that are deliberately not synced to devices. */
const NOT_SYNCED: string[] = [];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the server registry equals supabase/sync-registry.json', () => {
  it('private.sync_tables: the same tables, insert and patch columns, and deletes', async () => {
    const { rows } = await db.query<{
      table_name: string;
      insert_columns: string[];
      patch_columns: string[];
      can_delete: boolean;
    }>('select * from private.sync_tables order by table_name');
    expect(rows.map((r) => r.table_name)).toEqual(sorted(REGISTRY_TABLES));
    for (const row of rows) {
      const entry = SYNC_REGISTRY[row.table_name as RegistryTable];
      expect({ table: row.table_name, ...row }).toEqual({
        table: row.table_name,
        table_name: row.table_name,
        insert_columns: [...entry.insertColumns],
        patch_columns: [...entry.patchColumns],
        can_delete: entry.canDelete,
      });
    }
  });

  it('private.sync_scope_rules: the same (table, kind, column) rules', async () => {
    const { rows } = await db.query<{ rule: string }>(
      `select table_name || ' ' || scope_kind || ' ' || column_name as rule
       from private.sync_scope_rules`,
    );
    const registry = REGISTRY_TABLES.flatMap((t) =>
      SYNC_REGISTRY[t].scopes.map(([kind, column]) => `${t} ${kind} ${column}`),
    );
    expect(sorted(rows.map((r) => r.rule))).toEqual(sorted(registry));
  });

  it('classifies every column of every synced table, in table order', async () => {
    const { rows } = await db.query<{ table_name: string; columns: string[] }>(
      `select c.relname as table_name,
              array_agg(a.attname::text order by a.attnum) as columns
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       where c.relname = any ($1) and c.relkind = 'r'
       group by c.relname`,
      [REGISTRY_TABLES],
    );
    expect(sorted(rows.map((r) => r.table_name))).toEqual(sorted(REGISTRY_TABLES));
    for (const { table_name, columns } of rows) {
      const listed = Object.keys(SYNC_REGISTRY[table_name as RegistryTable].columns);
      const managed: readonly string[] = MANAGED_COLUMNS;
      expect({ table: table_name, columns: columns.filter((c) => !managed.includes(c)) }).toEqual({
        table: table_name,
        columns: listed,
      });
      expect({
        table: table_name,
        managed: sorted(columns.filter((c) => managed.includes(c))),
      }).toEqual({ table: table_name, managed: sorted(MANAGED_COLUMNS) });
    }
  });

  it('syncs every public table that carries a sync version, or says why not', async () => {
    const { rows } = await db.query<{ table_name: string }>(
      `select c.relname as table_name
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'version' and not a.attisdropped
       where c.relkind = 'r'`,
    );
    expect(sorted(rows.map((r) => r.table_name))).toEqual(
      sorted([...REGISTRY_TABLES, ...NOT_SYNCED]),
    );
  });

  it('grants `authenticated` exactly the registry columns: insert id + insert columns, update patch columns (+ deleted_at for tombstones)', async () => {
    const { rows } = await db.query<{
      table_name: string;
      privilege_type: string;
      columns: string[];
    }>(
      `select table_name::text, privilege_type::text,
              array_agg(column_name::text order by column_name) as columns
       from information_schema.column_privileges
       where grantee = 'authenticated' and table_schema = 'public'
         and privilege_type in ('INSERT', 'UPDATE') and table_name = any ($1)
       group by 1, 2`,
      [REGISTRY_TABLES],
    );
    const granted = new Map(rows.map((r) => [`${r.table_name} ${r.privilege_type}`, r.columns]));
    for (const table of REGISTRY_TABLES) {
      const entry = SYNC_REGISTRY[table];
      const insert = entry.insertColumns.length > 0 ? ['id', ...entry.insertColumns] : [];
      const update = [...entry.patchColumns, ...(entry.canDelete ? ['deleted_at'] : [])];
      expect({ table, insert: granted.get(`${table} INSERT`) ?? [] }).toEqual({
        table,
        insert: sorted(insert),
      });
      expect({ table, update: granted.get(`${table} UPDATE`) ?? [] }).toEqual({
        table,
        update: sorted(update),
      });
    }
  });
});
