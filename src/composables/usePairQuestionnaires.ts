import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import {
  observeAllPairQuestionnaires,
  observePairQuestionnaires,
} from '@/data/questionnaireQueries';
import { localIsoDate } from '@/domain/dates';
import {
  canFillQuestionnaire,
  canSeeQuestionnaire,
  isExitQuestionnaireMissing,
  pairQuestionnaires,
} from '@/domain/questionnaires';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

function useViewer() {
  const session = useSessionStore();
  return computed(() => ({
    isDeviceOnly: session.isDeviceOnly,
    memberships: session.memberships,
  }));
}

/**
 * A pair's questionnaires, live: each member's entry, exit and satisfaction slot, and what
 * the current user may do with them (fill their own; staff and device-only: everyone's).
 */
export function usePairQuestionnaires(pairId: MaybeRefOrGetter<string>) {
  const { data, isLoading, error } = useLiveQuery(observePairQuestionnaires, () => toValue(pairId));
  const viewer = useViewer();
  const slots = computed(() =>
    data.value ? pairQuestionnaires(data.value, localIsoDate(new Date())) : [],
  );
  const canFill = (participantId: string) => canFillQuestionnaire(viewer.value, participantId);
  const canSee = (participantId: string) => canSeeQuestionnaire(viewer.value, participantId);
  /** For the pair's next steps: only the questionnaires this user can see count. */
  const isExitMissing = computed(() =>
    isExitQuestionnaireMissing(slots.value.filter((s) => canSee(s.participantId))),
  );
  return { data, slots, isLoading, error, canFill, canSee, isExitMissing };
}

/**
 * The ids of the pairs whose exit questionnaire is due, among the questionnaires the user
 * can see: for `nextSteps(..., exitQuestionnaireMissing)` on lists of pairs.
 */
export function useExitQuestionnaireDue() {
  const { data, isLoading } = useLiveQuery(observeAllPairQuestionnaires);
  const viewer = useViewer();
  const pairIds = computed(() => {
    const today = localIsoDate(new Date());
    const due = new Set<string>();
    for (const facts of data.value ?? []) {
      const visible = pairQuestionnaires(facts, today).filter((s) =>
        canSeeQuestionnaire(viewer.value, s.participantId),
      );
      if (isExitQuestionnaireMissing(visible)) due.add(facts.pair.id);
    }
    return due;
  });
  return { pairIds, isLoading };
}
