import { computed } from 'vue';
import { observeSyncIssues } from '@/data/queries';
import { discardQuarantined, resolveConflict, retryQuarantined } from '@/data/repos/syncIssues';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's own words in a change: its text values, not ids, flags or numbers. */
export function writtenText(values: unknown): string[] {
  if (typeof values === 'string') return UUID.test(values) ? [] : [values];
  if (values === null || typeof values !== 'object') return [];
  return Object.values(values as Record<string, unknown>).flatMap((v) =>
    typeof v === 'string' && !UUID.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v) ? [v] : [],
  );
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
