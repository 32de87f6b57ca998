import { computed, reactive, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import { observePair } from '@/data/queries';
import { approvePair, approvePairs } from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import type { ApprovalOutcome } from '@/domain/pairLife';
import type { ApprovalInput } from '@/domain/pairs';
import type { MentoringForm } from '@/domain/types';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { useConsentCovered } from './usePairLife';
import { usePairOverviews, type PairOverview } from './usePairs';

/** Approval of a draft pair by the director's order («Об утверждении наставнических пар»). */
export function usePairApproval(pairId: MaybeRefOrGetter<string>) {
  const today = localIsoDate(new Date());
  const { data } = useLiveQuery(
    (ctx, id: string) => observePair(ctx, id),
    () => toValue(pairId),
  );
  const pair = computed(() => data.value?.pair ?? null);
  const form = reactive<ApprovalInput>({ order_number: '', order_date: today });

  const command = useCommand((ctx, id: string, input: ApprovalInput) =>
    approvePair(ctx, id, input, today),
  );

  return {
    pair,
    form,
    today,
    isDraft: computed(() => pair.value?.status === 'draft'),
    approve: () => command.run(toValue(pairId), { ...form }),
    errorFor: command.errorFor,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}

/** One pair of the batch as the screen lists it: its people and the result once sent. */
export interface BatchRow {
  pairId: string;
  names: string;
  form: MentoringForm;
  outcome: ApprovalOutcome | null;
}

/**
 * Approval of many drafts under one order: every draft is chosen at first; the order is
 * typed once; each pair's consents are checked (in its own transaction) and the result is
 * kept per pair, also for the pairs that left the draft list by being approved.
 */
export function usePairsApproval() {
  const { t } = useI18n();
  const today = localIsoDate(new Date());
  const { pairs, isLoading } = usePairOverviews();
  const isCovered = useConsentCovered();
  const form = reactive<ApprovalInput>({ order_number: '', order_date: today });
  const selected = ref<string[]>([]);
  const results = shallowRef<BatchRow[]>([]);
  const namesOf = (o: PairOverview) =>
    t('pairs.names', {
      mentors: o.mentors.map((p) => p.full_name).join(', '),
      mentees: o.mentees.map((p) => p.full_name).join(', '),
    });
  const drafts = computed(() =>
    pairs.value
      .filter((o) => o.pair.status === 'draft')
      .map((o) => ({
        pairId: o.pair.id,
        names: namesOf(o),
        form: o.pair.form,
        withoutConsent: [...o.mentors, ...o.mentees]
          .filter((p) => !isCovered(p.id))
          .map((p) => p.full_name),
      })),
  );
  // Every draft is chosen when the list first arrives (the usual order approves them all).
  let isPreselected = false;
  watch(
    drafts,
    (list) => {
      if (isPreselected || isLoading.value) return;
      isPreselected = true;
      selected.value = list.map((d) => d.pairId);
    },
    { immediate: true },
  );
  const selectAll = () => (selected.value = drafts.value.map((d) => d.pairId));
  const selectNone = () => (selected.value = []);

  const command = useCommand((ctx, ids: string[], input: ApprovalInput) =>
    approvePairs(ctx, ids, input, today),
  );
  async function approve(): Promise<void> {
    const ids = drafts.value.map((d) => d.pairId).filter((id) => selected.value.includes(id));
    const rows = new Map(drafts.value.map((d) => [d.pairId, d]));
    const outcomes = await command.run(ids, { ...form });
    if (!outcomes) return;
    results.value = outcomes.map((outcome) => ({
      pairId: outcome.pairId,
      names: rows.get(outcome.pairId)?.names ?? '',
      form: rows.get(outcome.pairId)?.form ?? 'uchenik_uchenik',
      outcome,
    }));
    selected.value = outcomes.filter((o) => o.outcome === 'refused').map((o) => o.pairId);
  }
  const approvedCount = computed(
    () => results.value.filter((r) => r.outcome?.outcome === 'approved').length,
  );

  return {
    drafts,
    isLoading,
    form,
    today,
    selected,
    selectAll,
    selectNone,
    results,
    approvedCount,
    approve,
    errorFor: command.errorFor,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}
