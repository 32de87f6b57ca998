import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import {
  archiveParticipant,
  observeArchiveEffects,
  unarchiveParticipant,
} from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { useCan } from './useAccess';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

/**
 * A person leaves the programme (staff only): first what happens to each of her live pairs,
 * then, once confirmed, all of it in one write. She may be brought back.
 */
export function useParticipantArchive(participantId: MaybeRefOrGetter<string>) {
  const can = useCan();
  const { data } = useLiveQuery(observeArchiveEffects, () => toValue(participantId));
  const isConfirming = ref(false);
  const archive = useCommand((ctx) =>
    archiveParticipant(ctx, toValue(participantId), localIsoDate(new Date())),
  );
  const restore = useCommand((ctx) => unarchiveParticipant(ctx, toValue(participantId)));

  async function confirm(): Promise<void> {
    if (await archive.run()) isConfirming.value = false;
  }

  return {
    canArchive: computed(() => can('archiveParticipant')),
    effects: computed(() => data.value ?? []),
    isConfirming,
    confirm,
    restore: () => restore.run(),
    isRunning: computed(() => archive.isRunning.value || restore.isRunning.value),
    failure: computed(() => archive.failure.value ?? restore.failure.value),
  };
}
