import { computed, reactive, toValue, type MaybeRefOrGetter } from 'vue';
import { observePair } from '@/data/queries';
import { approvePair } from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import type { ApprovalInput } from '@/domain/pairs';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

/** Approval of a draft pair by the director's order («Об утверждении наставнических пар»). */
export function usePairApproval(pairId: MaybeRefOrGetter<string>) {
  const today = localIsoDate(new Date());
  const { data } = useLiveQuery(
    (ctx, id: string) => observePair(ctx, id),
    () => toValue(pairId),
  );
  const pair = computed(() => data.value?.pair ?? null);
  const form = reactive<ApprovalInput>({ order_number: '', order_date: today });

  const command = useCommand((ctx, id: string, input: ApprovalInput) =>
    approvePair(ctx, id, input, today),
  );

  return {
    pair,
    form,
    today,
    isDraft: computed(() => pair.value?.status === 'draft'),
    approve: () => command.run(toValue(pairId), { ...form }),
    errorFor: command.errorFor,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}
