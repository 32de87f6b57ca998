import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { localIsoDate } from '@/domain/dates';
import { nextSteps, type NextStep } from '@/domain/pairs';
import { observePair, observePairs, type PairSummary } from '@/data/queries';
import { useLiveQuery } from './useLiveQuery';

export interface PairOverview extends PairSummary {
  steps: NextStep[];
}

function withSteps(summary: PairSummary, today: string): PairOverview {
  return {
    ...summary,
    steps: nextSteps(
      { pair: summary.pair, meetings: summary.meetings, tasks: summary.tasks },
      today,
    ),
  };
}

/** Every pair of the school (or of the user) with its next steps. */
export function usePairOverviews() {
  const { data, isLoading, error } = useLiveQuery(observePairs);
  const pairs = computed(() => {
    const today = localIsoDate(new Date());
    return (data.value ?? []).map((s) => withSteps(s, today));
  });
  return { pairs, isLoading, error };
}

/** One pair with its people, meetings (newest first), private notes and next steps. */
export function usePair(pairId: MaybeRefOrGetter<string>) {
  const { data, isLoading, error } = useLiveQuery(observePair, () => toValue(pairId));
  const pair = computed(() => {
    const detail = data.value;
    if (!detail) return null;
    return { ...detail, steps: withSteps(detail, localIsoDate(new Date())).steps };
  });
  return { pair, isLoading, error };
}
