import { computed } from 'vue';
import type { QuarantineEntry } from '@/data/db';
import { observeSyncIssues } from '@/data/queries';
import { discardQuarantined, resolveConflict, retryQuarantined } from '@/data/repos/syncIssues';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's own words in a change: its text values, not ids, flags or numbers. */
export function writtenText(values: unknown, depth = 0): string[] {
  if (typeof values === 'string') {
    // A conflict's bare value is shown whatever it is (a date too); inside a change, dates
    // and ids are not the user's words.
    const machine = UUID.test(values) || (depth > 0 && /^\d{4}-\d{2}-\d{2}/.test(values));
    return machine ? [] : [values];
  }
  if (values === null || typeof values !== 'object' || depth > 3) return [];
  // Nested too: a questionnaire's open answers live inside its `answers` object.
  return Object.values(values as Record<string, unknown>).flatMap((v) => writtenText(v, depth + 1));
}

/**
 * The i18n keys that may explain a refusal, most specific first: the rule the server named
 * (a constraint such as consent_required, or a message such as plan_mentee_fields_only,
 * row_not_visible, row_too_large, batch_too_large), a sync reason code (too_large), then the
 * SQLSTATE. The screen shows the first one it has a text for.
 */
export function refusalKeys(
  entry: Pick<QuarantineEntry, 'code' | 'constraint' | 'message' | 'reason'>,
): string[] {
  if (entry.reason === 'scope_lost') return ['syncIssues.reasons.scope_lost'];
  return [
    entry.constraint ? `syncIssues.rules.${entry.constraint}` : '',
    entry.message ? `syncIssues.rules.${entry.message}` : '',
    `syncIssues.rules.${entry.code}`,
    `syncIssues.reasons.${entry.code}`,
  ].filter((key) => key !== '' && !/\s/.test(key));
}

export type { QuarantineEntry };

export function useSyncIssues() {
  const { data, isLoading } = useLiveQuery(observeSyncIssues);
  const quarantine = computed(() => data.value?.quarantine ?? []);
  const conflicts = computed(() => data.value?.conflicts ?? []);
  const discard = useCommand(discardQuarantined);
  const retry = useCommand(retryQuarantined);
  const resolve = useCommand(resolveConflict);
  return { quarantine, conflicts, isLoading, discard, retry, resolve };
}
