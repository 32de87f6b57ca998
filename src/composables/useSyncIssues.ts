import { computed } from 'vue';
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

export function useSyncIssues() {
  const { data, isLoading } = useLiveQuery(observeSyncIssues);
  const quarantine = computed(() => data.value?.quarantine ?? []);
  const conflicts = computed(() => data.value?.conflicts ?? []);
  const discard = useCommand(discardQuarantined);
  const retry = useCommand(retryQuarantined);
  const resolve = useCommand(resolveConflict);
  return { quarantine, conflicts, isLoading, discard, retry, resolve };
}
