// The questionnaire form: answers kept as a draft response on every change (it survives a
// reload, an app update and a dead battery, and syncs like any row), then submitted once.
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { appDataContext } from '@/data/context';
import { saveQuestionnaireDraft, submitQuestionnaire } from '@/data/repos/questionnaires';
import {
  entryScaleValues,
  type Answers,
  type PairQuestionnaireKind,
} from '@/domain/questionnaires';
import { ValidationError, type FieldError } from '@/domain/validation';
import { useCommand } from './useCommand';
import { usePairQuestionnaires } from './usePairQuestionnaires';

const DRAFT_DELAY_MS = 300;

export function useQuestionnaireForm(
  pairId: string,
  participantId: string,
  kind: PairQuestionnaireKind,
) {
  const { data, slots, isLoading, canFill } = usePairQuestionnaires(pairId);
  const slot = computed(
    () => slots.value.find((s) => s.participantId === participantId && s.kind === kind) ?? null,
  );
  const participant = computed(
    () => data.value?.members.find((m) => m.participant.id === participantId)?.participant ?? null,
  );
  /** On the exit questionnaire: the person's entry scale answers, to show the change. */
  const entryValues = computed(() => {
    if (kind !== 'exit') return {};
    const entry = slots.value.find((s) => s.participantId === participantId && s.kind === 'entry');
    return entry?.template && entry.response
      ? entryScaleValues(entry.template.items, entry.response.answers)
      : {};
  });
  const isEditable = computed(
    () => !!slot.value?.template && slot.value.isOpen && slot.value.status !== 'submitted',
  );
  const mayFill = computed(() => canFill(participantId));

  const answers = reactive<Answers>({});
  const isReady = ref(false);
  const draftErrors = shallowRef<FieldError[]>([]);
  const draftFailed = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  /** Draft writes run one after another, so an older one never lands after a newer one. */
  let saving: Promise<void> = Promise.resolve();

  // Fill the form once the data has loaded: the saved draft's answers, if any.
  watch(
    slot,
    (current) => {
      if (isReady.value || !current) return;
      Object.assign(answers, current.response?.answers ?? {});
      isReady.value = true;
    },
    { immediate: true },
  );

  function input() {
    return {
      pairId,
      participantId,
      templateId: slot.value?.template?.id ?? '',
      answers: { ...answers },
    };
  }

  function saveNow(): Promise<void> {
    clearTimeout(timer);
    if (!pending) return saving;
    pending = false;
    const snapshot = input();
    saving = saving.then(async () => {
      try {
        await saveQuestionnaireDraft(await appDataContext(), snapshot);
        draftErrors.value = [];
        draftFailed.value = false;
      } catch (e) {
        if (e instanceof ValidationError) draftErrors.value = e.errors;
        else {
          draftFailed.value = true;
          console.error(e);
        }
      }
    });
    return saving;
  }

  watch(
    answers,
    () => {
      if (!isReady.value || !isEditable.value || !mayFill.value) return;
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), DRAFT_DELAY_MS);
    },
    { deep: true },
  );

  const submit = useCommand(async (ctx) => {
    await saveNow();
    await submitQuestionnaire(ctx, input());
    return true;
  });

  function errorFor(itemId: string): FieldError | undefined {
    return submit.errorFor(itemId) ?? draftErrors.value.find((e) => e.field === itemId);
  }

  return {
    data,
    slot,
    participant,
    entryValues,
    isLoading,
    isReady,
    isEditable,
    mayFill,
    answers,
    submit,
    errorFor,
    draftFailed,
    /** Writes a pending draft at once (page hidden, view left). */
    flushDraft: () => void saveNow(),
  };
}
