// One rule, two implementations: which scopes a row belongs to. The server applies
// private.sync_scope_rules in sync_pull (SQL), the device applies src/domain/syncScopes.ts
// when it purges rows no scope covers (TypeScript). Both come from the sync registry; this
// test runs both over the seed and compares:
//  1. per row: the scopes the SQL rules give (the join sync_pull makes: row.<column> = scope
//     id, `global` when school_id is null) equal scopesOf(row);
//  2. per seeded person: the rows sync_pull delivers are exactly the rows she may read (RLS)
//     that the device keeps by isRowInScope with the scope list of the same pull, so a
//     device never purges a row the server just sent, nor keeps one the server would not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_TABLES } from '@/domain/syncRegistry';
import { coMemberParticipantIds, isRowInScope, scopesOf } from '@/domain/syncScopes';
import { createTestDb, type Claims, type Sql, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import type { PullResponse } from '../factories/sync';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

type Row = Record<string, unknown> & { id: string };

async function allRows(sql: Sql): Promise<{ table: string; row: Row }[]> {
  const out: { table: string; row: Row }[] = [];
  for (const table of REGISTRY_TABLES) {
    const { rows } = await sql.query<{ row: Row }>(
      `select to_jsonb(r) as row from public.${table} r`,
    );
    out.push(...rows.map(({ row }) => ({ table, row })));
  }
  return out;
}

const IDENT = /^[a-z_]+$/;

describe('scope rules: private.sync_scope_rules (SQL) = syncScopes.ts (TypeScript)', () => {
  it('places every seeded row in the same scopes', async () => {
    const { rows: rules } = await db.query<{
      table_name: string;
      scope_kind: string;
      column_name: string;
    }>('select table_name, scope_kind, column_name from private.sync_scope_rules');
    const branches = rules.map((r) => {
      expect([r.table_name, r.column_name].every((x) => IDENT.test(x))).toBe(true);
      return r.scope_kind === 'global'
        ? `select '${r.table_name}' as tbl, r.id::text, 'global' as kind, null::text as scope_id
           from public.${r.table_name} r where r.school_id is null`
        : `select '${r.table_name}' as tbl, r.id::text, '${r.scope_kind}' as kind, r.${r.column_name}::text as scope_id
           from public.${r.table_name} r where r.${r.column_name} is not null`;
    });
    const { rows: sqlScopes } = await db.query<{
      tbl: string;
      id: string;
      kind: string;
      scope_id: string | null;
    }>(branches.join(' union all '));
    const server = sqlScopes.map((s) => `${s.tbl} ${s.id} ${s.kind}:${s.scope_id ?? ''}`).sort();

    const rows = await allRows(db);
    const client = rows
      .flatMap(({ table, row }) =>
        scopesOf(table, row).map((s) => `${table} ${row.id} ${s.kind}:${s.id ?? ''}`),
      )
      .sort();

    // The seed exercises every kind of rule.
    expect(new Set(sqlScopes.map((s) => s.kind))).toEqual(
      new Set(['school', 'member', 'global', 'pair', 'participant', 'pair_member']),
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(client).toEqual(server);
  });

  const people = Object.entries(actors).filter(([, claims]) => claims.role === 'authenticated');

  it.each(people)(
    'delivers to %s exactly the readable rows the device keeps',
    async (_name, claims) => {
      const { changes, scopes } = await pullEverything(claims);
      const delivered = changes.map((c) => `${c.table} ${c.row.id}`).sort();
      // Everyone with a school membership receives rows (the municipal coordinator and an
      // unredeemed account have no school scope).
      if (claims !== actors.anonymous_unredeemed && claims !== actors.coordinator) {
        expect(delivered.length).toBeGreaterThan(0);
      }

      const keys = new Set(scopes.map((s) => s.key));
      const coMembers = coMemberParticipantIds(scopes);
      const readable = await db.asUserRolledBack(claims, (sql) => allRows(sql));
      const kept = readable
        .filter(({ table, row }) => isRowInScope(table, row, keys, coMembers))
        .map(({ table, row }) => `${table} ${row.id}`)
        .sort();

      // Every delivered row stays on the device (none is purged right after the pull) ...
      const keptSet = new Set(kept);
      expect(delivered.filter((r) => !keptSet.has(r))).toEqual([]);
      // ... and every readable row the device would keep is delivered.
      expect(kept).toEqual(delivered);
    },
  );

  it('keeps a mentee her mentor card only through the pair_member scope', async () => {
    const { changes, scopes } = await pullEverything(actors.mentee);
    const keys = new Set(scopes.map((s) => s.key));
    const cards = changes.filter((c) => c.table === 'participants');
    const throughPairMember = cards.filter(
      (c) => !isRowInScope('participants', c.row, keys, new Set()),
    );
    expect(throughPairMember.length).toBeGreaterThan(0);
    for (const c of throughPairMember) {
      expect(isRowInScope('participants', c.row, keys, coMemberParticipantIds(scopes))).toBe(true);
    }
  });
});

async function pullEverything(claims: Claims): Promise<{
  changes: PullResponse['changes'];
  scopes: PullResponse['scopes'];
}> {
  let cursors: Record<string, number> = {};
  const changes: PullResponse['changes'] = [];
  for (let page = 0; page < 50; page++) {
    const response = await db.asUserRolledBack(claims, async (sql) => {
      const { rows } = await sql.query<{ r: PullResponse }>(
        'select public.sync_pull($1::jsonb, 10000) as r',
        [JSON.stringify(cursors)],
      );
      return rows[0]!.r;
    });
    expect(response.resync_required).toBe(false);
    changes.push(...response.changes);
    cursors = response.cursors;
    if (!response.has_more) return { changes, scopes: response.scopes };
  }
  throw new Error('sync_pull did not finish in 50 pages');
}
