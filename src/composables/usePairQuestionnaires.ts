import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { observeQuestionnaireDrafts } from '@/data/drafts';
import {
  observeAllPairQuestionnaires,
  observePairQuestionnaires,
} from '@/data/questionnaireQueries';
import { observeProgramme, observeProgrammes } from '@/data/yearQueries';
import { localIsoDate } from '@/domain/dates';
import {
  canSeeQuestionnaire,
  exitOpensOn,
  isExitQuestionnaireMissing,
  pairQuestionnaires,
} from '@/domain/questionnaires';
import { FINAL_STAGE } from '@/domain/roadmap';
import { useSessionStore } from '@/stores/session';
import { useCan } from './useAccess';
import { useLiveQuery } from './useLiveQuery';

/** Who reads questionnaires: the seats of the workspace's school only. */
function useViewer() {
  const session = useSessionStore();
  return computed(() => {
    const workspace = session.workspace;
    return workspace.kind === 'device-only'
      ? { isDeviceOnly: true, memberships: [] }
      : {
          isDeviceOnly: false,
          memberships: workspace.seats.map((s) => ({
            role: s.role,
            participant_id: s.participantId,
          })),
        };
  });
}

/**
 * A pair's questionnaires, live: each member's entry, exit and satisfaction slot, and what
 * the current user may do with them (fill their own; staff and device-only: everyone's).
 */
export function usePairQuestionnaires(pairId: MaybeRefOrGetter<string>) {
  const { data, isLoading, error } = useLiveQuery(observePairQuestionnaires, () => toValue(pairId));
  /** The answers kept on this device (not sent until submitted) make a slot a 'draft'. */
  const { data: drafts } = useLiveQuery(observeQuestionnaireDrafts, () => toValue(pairId));
  /** The pair's programme year: at its final stage the exit questionnaires open. */
  const { data: programme } = useLiveQuery(
    observeProgramme,
    () => data.value?.pair.programme_id ?? null,
  );
  const programmeAtFinalStage = computed(
    () => (programme.value?.current_stage ?? 0) >= FINAL_STAGE,
  );
  const viewer = useViewer();
  const slots = computed(() =>
    data.value
      ? pairQuestionnaires(
          {
            ...data.value,
            drafts: drafts.value ?? [],
            programmeAtFinalStage: programmeAtFinalStage.value,
          },
          localIsoDate(new Date()),
        )
      : [],
  );
  /** When the exit and satisfaction questionnaires open by the calendar (null: unknown). */
  const exitOpensOnDay = computed(() => (data.value ? exitOpensOn(data.value) : null));
  const can = useCan();
  const canFill = (participantId: string) => can('fillQuestionnaire', { participantId });
  const canSee = (participantId: string) => canSeeQuestionnaire(viewer.value, participantId);
  /** For the pair's next steps: only the questionnaires this user can see count. */
  const isExitMissing = computed(() =>
    isExitQuestionnaireMissing(slots.value.filter((s) => canSee(s.participantId))),
  );
  return {
    data,
    slots,
    isLoading,
    error,
    canFill,
    canSee,
    isExitMissing,
    exitOpensOn: exitOpensOnDay,
  };
}

/**
 * The ids of the pairs whose exit questionnaire is due, among the questionnaires the user
 * can see: for `nextSteps(..., exitQuestionnaireMissing)` on lists of pairs.
 */
export function useExitQuestionnaireDue() {
  const { data, isLoading } = useLiveQuery(observeAllPairQuestionnaires);
  const { data: programmes } = useLiveQuery(observeProgrammes);
  const viewer = useViewer();
  const pairIds = computed(() => {
    const today = localIsoDate(new Date());
    const final = new Set(
      (programmes.value ?? []).filter((p) => p.current_stage >= FINAL_STAGE).map((p) => p.id),
    );
    const due = new Set<string>();
    for (const facts of data.value ?? []) {
      const atFinal = !!facts.pair.programme_id && final.has(facts.pair.programme_id);
      const slots = pairQuestionnaires({ ...facts, programmeAtFinalStage: atFinal }, today);
      const visible = slots.filter((s) => canSeeQuestionnaire(viewer.value, s.participantId));
      if (isExitQuestionnaireMissing(visible)) due.add(facts.pair.id);
    }
    return due;
  });
  return { pairIds, isLoading };
}
