import { computed, reactive } from 'vue';
import { useRouter } from 'vue-router';
import { createPair } from '@/data/repos/pairs';
import type { PairInput } from '@/domain/pairs';
import type { MentoringForm } from '@/domain/types';
import { useCommand } from './useCommand';
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

/** Forms a pair or group from the two bases; it starts as a draft awaiting the order. */
export function usePairForm() {
  const router = useRouter();
  const { people, isLoading } = useParticipantList();
  const state = reactive<PairFormState>({
    form: '',
    role_model: '',
    title: '',
    mentorIds: [],
    menteeIds: [],
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

  // validatePair refuses an empty form with a field error, so '' may pass through.
  const command = useCommand((ctx, input: PairInput) => createPair(ctx, input));
  async function submit(): Promise<void> {
    const pair = await command.run({ ...state, form: state.form as MentoringForm });
    if (pair) await router.push({ name: 'pair', params: { pairId: pair.id } });
  }

  return {
    state,
    mentors,
    mentees,
    isLoading,
    roleModelKeys,
    withoutConsent,
    submit,
    errorFor: command.errorFor,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}
