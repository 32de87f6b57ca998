import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { localIsoDate } from '@/domain/dates';
import { nextSteps, type NextStep } from '@/domain/pairs';
import { observePair, observePairs, type PairSummary } from '@/data/queries';
import { useInWorkspace } from './useAccess';
import { useLiveQuery } from './useLiveQuery';
import { useExitQuestionnaireDue, usePairQuestionnaires } from './usePairQuestionnaires';

export interface PairOverview extends PairSummary {
  steps: NextStep[];
}

function withSteps(summary: PairSummary, today: string, exitMissing: boolean): PairOverview {
  return {
    ...summary,
    steps: nextSteps(
      {
        pair: summary.pair,
        meetings: summary.meetings,
        tasks: summary.tasks,
        exitQuestionnaireMissing: exitMissing,
      },
      today,
    ),
  };
}

/** Every pair of the workspace's school (or of the user there) with its next steps. */
export function usePairOverviews() {
  const { data, isLoading, error } = useLiveQuery(observePairs);
  const { pairIds: exitDue } = useExitQuestionnaireDue();
  const inWorkspace = useInWorkspace();
  const pairs = computed(() => {
    const today = localIsoDate(new Date());
    return (data.value ?? [])
      .filter((s) => inWorkspace(s.pair))
      .map((s) => withSteps(s, today, exitDue.value.has(s.pair.id)));
  });
  return { pairs, isLoading, error };
}

/** One pair with its people, meetings (newest first) and private notes; no next steps. */
export function usePairDetail(pairId: MaybeRefOrGetter<string>) {
  const { data, isLoading, error } = useLiveQuery(observePair, () => toValue(pairId));
  return { pair: data, isLoading, error };
}

/** One pair with everything of usePairDetail and its next steps (its questionnaires too). */
export function usePair(pairId: MaybeRefOrGetter<string>) {
  const { pair: data, isLoading, error } = usePairDetail(pairId);
  const { isExitMissing } = usePairQuestionnaires(pairId);
  const pair = computed(() => {
    const detail = data.value;
    if (!detail) return null;
    const today = localIsoDate(new Date());
    return { ...detail, steps: withSteps(detail, today, isExitMissing.value).steps };
  });
  return { pair, isLoading, error };
}
