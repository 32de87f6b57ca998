// The questionnaire form: the answers are kept on the device on every change (data/drafts.ts,
// the same mechanism as the meeting form: it survives a reload, an app update and a dead
// battery, and is never sent), then submitted once: one row, one outbox entry.
import { computed, reactive, ref, watch, type Ref } from 'vue';
import { appDataContext } from '@/data/context';
import { draftKeeper, type DraftKeeper } from '@/data/drafts';
import {
  loadQuestionnaireDraft,
  questionnaireDraftKey,
  submitQuestionnaire,
} from '@/data/repos/questionnaires';
import {
  cleanAnswers,
  entryScaleValues,
  validateAnswers,
  type Answers,
  type PairQuestionnaireKind,
} from '@/domain/questionnaires';
import type { FieldError } from '@/domain/validation';
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
    return entry?.template && entry.response?.submitted_at
      ? entryScaleValues(entry.template.items, entry.response.answers)
      : {};
  });
  const isEditable = computed(
    () => !!slot.value?.template && slot.value.isOpen && slot.value.status !== 'submitted',
  );
  const mayFill = computed(() => canFill(participantId));

  const answers = reactive<Answers>({});
  const isReady = ref(false);
  /** When the answers shown were restored from the device's draft (null: not restored). */
  const restoredAt: Ref<string | null> = ref(null);
  const draftFailed = ref(false);
  let draft: DraftKeeper | null = null;
  /** The answers the form started from (an older app's unsubmitted response, or none). */
  let initial: Answers = {};
  /** The answers last handed to the keeper, so restoring them is not a change. */
  let lastKept = '{}';
  let isStarting = false;

  /** Per item, what the server would refuse in what is typed so far (the text stays). */
  const draftErrors = computed<FieldError[]>(() => {
    const template = slot.value?.template;
    return template && isEditable.value
      ? validateAnswers(template.items, cleanAnswers({ ...answers }), { complete: false })
      : [];
  });

  // Fill the form once the data has loaded: the device's draft, else the answers of an
  // unsubmitted response an older app version left on the server, else nothing.
  watch(
    slot,
    async (current) => {
      if (isReady.value || isStarting || !current) return;
      isStarting = true;
      const template = current.template;
      if (current.status === 'submitted' || !template) {
        Object.assign(answers, current.response?.answers ?? {});
        isReady.value = true;
        return;
      }
      const target = { pairId, participantId, templateId: template.id };
      draft = draftKeeper(questionnaireDraftKey(target), {
        delayMs: DRAFT_DELAY_MS,
        onSaved: () => (draftFailed.value = false),
        onError: (e) => {
          draftFailed.value = true;
          console.error(e);
        },
      });
      initial = { ...(current.response?.answers ?? {}) };
      const kept = await loadQuestionnaireDraft(await appDataContext(), target);
      Object.assign(answers, kept ? kept.answers : initial);
      lastKept = JSON.stringify(answers);
      restoredAt.value = kept ? kept.savedAt : null;
      isReady.value = true;
    },
    { immediate: true },
  );

  watch(
    answers,
    () => {
      if (!isReady.value || !draft || !isEditable.value || !mayFill.value) return;
      const now = JSON.stringify(answers);
      if (now === lastKept) return;
      lastKept = now;
      draft.keep({ answers: { ...answers } });
    },
    { deep: true },
  );

  /** "Start over": forget the device's draft and show the answers the form started from. */
  async function discardDraft(): Promise<void> {
    if (!draft) return;
    await draft.clear();
    for (const id of Object.keys(answers)) delete answers[id];
    Object.assign(answers, initial);
    lastKept = JSON.stringify(answers);
    restoredAt.value = null;
  }

  const submit = useCommand(async (ctx) => {
    // The latest answers are on the device first: if the submit is refused, they stay there.
    await draft?.flush();
    await submitQuestionnaire(ctx, {
      pairId,
      participantId,
      templateId: slot.value?.template?.id ?? '',
      answers: { ...answers },
    });
    // The submit removed the draft in its transaction; nothing is kept from now on.
    draft?.stop();
    restoredAt.value = null;
    return true;
  });

  /** Is everything answered as a submit requires (the form asks once before sending)? */
  function isComplete(): boolean {
    const template = slot.value?.template;
    return (
      !!template &&
      validateAnswers(template.items, cleanAnswers({ ...answers }), { complete: true }).length === 0
    );
  }

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
    restoredAt,
    discardDraft,
    submit,
    isComplete,
    errorFor,
    draftFailed,
    /** Writes a pending draft at once (page hidden, view left). */
    flushDraft: () => void draft?.flush(),
  };
}
