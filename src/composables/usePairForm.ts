import { computed, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { observePair } from '@/data/queries';
import { createPair, updateDraftPair } from '@/data/repos/pairs';
import { editBlockedReason } from '@/domain/pairLife';
import type { PairInput } from '@/domain/pairs';
import type { MentoringForm } from '@/domain/types';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { useParticipantList } from './useParticipantList';

/**
 * Role models the methodology names for each form (DOMAIN.md), as keys under
 * `pairForm.roleModels`. Suggestions only: the role model is free text.
 */
export const ROLE_MODEL_KEYS: Record<MentoringForm, readonly string[]> = {
  uchenik_uchenik: ['achieverUnderachiever', 'leaderPassive', 'peerToPeer'],
  uchitel_uchitel: [
    'experiencedNewcomer',
    'leaderReserved',
    'innovatorConservative',
    'subjectExperiencedInexperienced',
    'crossSubject',
  ],
  uchitel_uchenik: [],
  student_uchenik: [],
  rabotodatel_uchenik: [],
  rabotodatel_student: [],
};

interface PairFormState {
  form: MentoringForm | '';
  role_model: string;
  title: string;
  mentorIds: string[];
  menteeIds: string[];
}

/**
 * Forms a pair or group from the two bases; it starts as a draft awaiting the order. With a
 * pair id, edits that draft (an approved or ended pair is not edited here: `blocked` says why).
 */
export function usePairForm(pairId?: () => string | undefined) {
  const router = useRouter();
  const route = useRoute();
  const { people, isLoading } = useParticipantList();
  // «Подобрать пару» from the triage opens the form with that mentee (?mentee=<id>) chosen.
  const preselected = typeof route.query.mentee === 'string' ? [route.query.mentee] : [];
  const state = reactive<PairFormState>({
    form: '',
    role_model: '',
    title: '',
    mentorIds: [],
    menteeIds: pairId?.() ? [] : preselected,
  });

  const mentors = computed(() => people.value.filter((p) => p.participant.is_mentor));
  const mentees = computed(() => people.value.filter((p) => p.participant.is_mentee));
  const roleModelKeys = computed(() => (state.form ? ROLE_MODEL_KEYS[state.form] : []));
  /** Chosen people who cannot be approved yet; the draft may still be saved. */
  const withoutConsent = computed(() => {
    const chosen = new Set([...state.mentorIds, ...state.menteeIds]);
    return people.value
      .filter((p) => chosen.has(p.participant.id) && p.status === 'missing')
      .map((p) => p.participant.full_name);
  });

  const isEdit = computed(() => !!pairId?.());
  const { data: existing } = useLiveQuery(
    (ctx, id: string) => observePair(ctx, id),
    () => pairId?.() ?? '',
  );
  const blocked = computed(() => (existing.value ? editBlockedReason(existing.value.pair) : null));
  // The draft's values fill the form once: later live updates must not overwrite typing.
  const isFilled = ref(false);
  watch(existing, (detail) => {
    if (!detail || isFilled.value) return;
    isFilled.value = true;
    Object.assign(state, {
      form: detail.pair.form,
      role_model: detail.pair.role_model ?? '',
      title: detail.pair.title ?? '',
      mentorIds: detail.mentors.map((p) => p.id),
      menteeIds: detail.mentees.map((p) => p.id),
    });
  });

  // validatePair refuses an empty form with a field error, so '' may pass through.
  const command = useCommand((ctx, input: PairInput) => {
    const id = pairId?.();
    return id ? updateDraftPair(ctx, id, input) : createPair(ctx, input);
  });
  async function submit(): Promise<void> {
    const pair = await command.run({ ...state, form: state.form as MentoringForm });
    if (pair) await router.push({ name: 'pair', params: { pairId: pair.id } });
  }

  return {
    state,
    mentors,
    mentees,
    isLoading: computed(() => isLoading.value || (isEdit.value && !existing.value)),
    isEdit,
    blocked,
    roleModelKeys,
    withoutConsent,
    submit,
    errorFor: command.errorFor,
    errors: command.errors,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}
