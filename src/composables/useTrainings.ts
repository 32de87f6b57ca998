// A person's courses (курсовая подготовка) on her page: the list, newest first, each with its
// standing today under the school's period, and the staff's add / correct / delete commands.
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import {
  addTraining,
  deleteTraining,
  observeTrainings,
  updateTraining,
} from '@/data/repos/trainings';
import { localIsoDate } from '@/domain/dates';
import {
  DEFAULT_TRAINING_VALID_YEARS,
  sortTrainings,
  trainingCounts,
  trainingValidity,
  validCourse,
  type TrainingInput,
} from '@/domain/training';
import type { MentorTraining, ParticipantKind } from '@/domain/types';
import { useCan, useOwnParticipantIds } from './useAccess';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

export function useTrainings(
  participantId: MaybeRefOrGetter<string>,
  kind: MaybeRefOrGetter<ParticipantKind>,
) {
  const today = localIsoDate(new Date());
  const { data, isLoading, error } = useLiveQuery(observeTrainings, () => toValue(participantId));
  const validYears = computed(() => data.value?.validYears ?? DEFAULT_TRAINING_VALID_YEARS);
  const items = computed(() =>
    sortTrainings(data.value?.trainings ?? []).map((training) => ({
      training,
      validity: trainingValidity(training, toValue(kind), today, validYears.value),
    })),
  );
  const current = computed(() =>
    validCourse(data.value?.trainings ?? [], toValue(kind), today, validYears.value),
  );

  const save = useCommand(
    async (ctx, existing: MentorTraining | null, input: TrainingInput): Promise<string> => {
      if (!existing) return (await addTraining(ctx, toValue(participantId), input, today)).id;
      await updateTraining(ctx, existing.id, input, today);
      return existing.id;
    },
  );
  const remove = useCommand((ctx, id: string) => deleteTraining(ctx, id));

  return {
    items,
    current,
    validYears,
    counts: computed(() => trainingCounts(toValue(kind))),
    isLoading,
    loadFailed: computed(() => !!error.value),
    save,
    remove,
  };
}

/**
 * Whose courses the viewer may see on a card: staff anyone's (they record them), a person
 * her own, read-only (mentor_trainings_select: staff and the participant herself).
 */
export function useMayReadTrainings() {
  const can = useCan();
  const own = useOwnParticipantIds();
  return (participantId: string) => can('recordTraining') || own.value.includes(participantId);
}
