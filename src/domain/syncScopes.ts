// Which scopes a row belongs to, mirroring private.sync_scope_rules on the server. A device
// keeps a row while at least one of its scopes is among the caller's current scopes.

type Rule = readonly [kind: string, column: string];

const SCOPE_RULES: Record<string, readonly Rule[]> = {
  schools: [
    ['school', 'id'],
    ['member', 'id'],
  ],
  programmes: [
    ['school', 'school_id'],
    ['member', 'school_id'],
  ],
  questionnaire_templates: [
    ['school', 'school_id'],
    ['member', 'school_id'],
    ['global', 'school_id'],
  ],
  memberships: [
    ['school', 'school_id'],
    ['member', 'school_id'],
    ['participant', 'participant_id'],
  ],
  sync_conflicts: [
    ['school', 'school_id'],
    ['member', 'school_id'],
  ],
  pairs: [
    ['school', 'school_id'],
    ['pair', 'id'],
  ],
  pair_members: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  mentor_change_requests: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
    ['participant', 'requested_by'],
  ],
  development_plans: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  plan_goals: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  plan_tasks: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  meetings: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  meeting_private_notes: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
  ],
  questionnaire_responses: [
    ['school', 'school_id'],
    ['pair', 'pair_id'],
    ['participant', 'participant_id'],
  ],
  participants: [
    ['school', 'school_id'],
    ['participant', 'id'],
    ['pair_member', 'id'],
  ],
  consents: [
    ['school', 'school_id'],
    ['participant', 'participant_id'],
  ],
  mentor_trainings: [
    ['school', 'school_id'],
    ['participant', 'participant_id'],
  ],
  participant_sensitive: [
    ['school', 'school_id'],
    ['participant', 'participant_id'],
    ['pair_member', 'participant_id'],
  ],
  roadmap_tasks: [['school', 'school_id']],
};

export const SCOPED_TABLES = Object.keys(SCOPE_RULES);

/**
 * The scope keys a row can be reached by. `pair_member` scopes are keyed by a membership row
 * the device may not hold, so a participant reachable only that way is matched by id through
 * `pairMemberParticipants` (participant ids of co-members, from the current scope list).
 */
export function rowScopeKeys(table: string, row: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [kind, column] of SCOPE_RULES[table] ?? []) {
    const value = row[column];
    if (kind === 'global') {
      if (value === null || value === undefined) keys.push('global');
    } else if (kind !== 'pair_member' && typeof value === 'string') {
      keys.push(`${kind}:${value}`);
    }
  }
  return keys;
}

/** Whether a row is still covered by the caller's scopes. */
export function isRowInScope(
  table: string,
  row: Record<string, unknown>,
  scopeKeys: ReadonlySet<string>,
  coMemberParticipantIds: ReadonlySet<string>,
): boolean {
  if (rowScopeKeys(table, row).some((key) => scopeKeys.has(key))) return true;
  const rules = SCOPE_RULES[table] ?? [];
  return rules.some(
    ([kind, column]) =>
      kind === 'pair_member' &&
      typeof row[column] === 'string' &&
      coMemberParticipantIds.has(row[column] as string),
  );
}
