// Which scopes a row belongs to. The rules come from the sync registry
// (supabase/sync-registry.json → syncRegistry.ts), the same source as the server's
// private.sync_scope_rules; test/db/rules-equal-scopes.test.ts runs both over the seed. A
// device keeps a row while at least one of its scopes is among the caller's current scopes.
import { REGISTRY_TABLES, SYNC_REGISTRY, type ScopeKind } from './syncRegistry';

type Rule = readonly [kind: ScopeKind, column: string];

function rulesOf(table: string): readonly Rule[] {
  return Object.hasOwn(SYNC_REGISTRY, table)
    ? SYNC_REGISTRY[table as keyof typeof SYNC_REGISTRY].scopes
    : [];
}

/** Every table the server syncs to the device, parents first. */
export const SCOPED_TABLES: readonly string[] = REGISTRY_TABLES;

/** A scope a row belongs to: its kind and id (null for `global`). */
export interface RowScope {
  kind: ScopeKind;
  id: string | null;
}

/**
 * The scopes a row belongs to, by the registry's rules: `<kind>:<row[column]>`, and `global`
 * when the rule's column (school_id) is null. For `pair_member` the id is a participant id.
 */
export function scopesOf(table: string, row: Record<string, unknown>): RowScope[] {
  const scopes: RowScope[] = [];
  for (const [kind, column] of rulesOf(table)) {
    const value = row[column];
    if (kind === 'global') {
      if (value === null || value === undefined) scopes.push({ kind, id: null });
    } else if (typeof value === 'string') {
      scopes.push({ kind, id: value });
    }
  }
  return scopes;
}

/**
 * The scope keys a row can be reached by. `pair_member` scopes are keyed by a membership row
 * the device may not hold, so a participant reachable only that way is matched by id through
 * `pairMemberParticipants` (participant ids of co-members, from the current scope list).
 */
export function rowScopeKeys(table: string, row: Record<string, unknown>): string[] {
  return scopesOf(table, row)
    .filter((s) => s.kind !== 'pair_member')
    .map((s) => (s.kind === 'global' ? 'global' : `${s.kind}:${s.id}`));
}

/** Whether a row is still covered by the caller's scopes. */
export function isRowInScope(
  table: string,
  row: Record<string, unknown>,
  scopeKeys: ReadonlySet<string>,
  coMemberParticipantIds: ReadonlySet<string>,
): boolean {
  return scopesOf(table, row).some((s) =>
    s.kind === 'pair_member'
      ? coMemberParticipantIds.has(s.id as string)
      : scopeKeys.has(s.kind === 'global' ? 'global' : `${s.kind}:${s.id}`),
  );
}

/**
 * The co-members' participant ids of a scope list as sync_pull returns it: a `pair_member`
 * scope is keyed by the pair_members row, and its `id` is the co-member's participant id.
 */
export function coMemberParticipantIds(
  scopes: readonly { kind: string; id: string | null }[],
): Set<string> {
  return new Set(
    scopes.filter((s) => s.kind === 'pair_member' && s.id !== null).map((s) => s.id as string),
  );
}
