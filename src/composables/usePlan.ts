import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { observePairPlan } from '@/data/planQueries';
import { localIsoDate } from '@/domain/dates';
import { nextDueTask, overdueTasks, planProgress } from '@/domain/plans';
import { useLiveQuery } from './useLiveQuery';

/** A pair's development plan, live: goals with tasks, progress, overdue and next tasks. */
export function usePlan(pairId: MaybeRefOrGetter<string>) {
  const { data, isLoading, error } = useLiveQuery(observePairPlan, () => toValue(pairId));
  const today = localIsoDate(new Date());
  const tasks = computed(() => data.value?.tasks ?? []);
  return {
    data,
    isLoading,
    error,
    today,
    progress: computed(() => planProgress(tasks.value)),
    overdueCount: computed(() => overdueTasks(tasks.value, today).length),
    nextTask: computed(() => nextDueTask(tasks.value)),
  };
}

export type { GoalWithTasks, PairPlan } from '@/data/planQueries';
