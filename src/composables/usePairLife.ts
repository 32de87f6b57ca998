// A pair's life as the staff's screens use it: the "paused" flag, ending, members, a new
// mentor after an accepted request, the links between old and new pairs, and deleting a draft.
import {
  computed,
  effectScope,
  onScopeDispose,
  reactive,
  ref,
  toValue,
  type EffectScope,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import {
  addMember,
  correctOrder,
  deleteDraftPair,
  endPair,
  observeConsentCoverage,
  observePairLinks,
  observeReplacementsDue,
  removeMember,
  replaceMentor,
} from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import { fitsForm } from '@/domain/formRules';
import {
  groupOrders,
  isPaused,
  replacementCandidates,
  validateEnd,
  type ApprovalOrder,
  type EndInput,
  type OrderInput,
} from '@/domain/pairLife';
import type { PairPerson } from '@/domain/pairs';
import type { IsoDate, OrderCorrection, Pair, Uuid } from '@/domain/types';
import type { FieldError } from '@/domain/validation';
import { useCan } from './useAccess';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { usePairOverviews, type PairOverview } from './usePairs';
import { useParticipantList } from './useParticipantList';
import { useSessionStore } from '@/stores/session';

/**
 * The text of a field error: this feature's own keys (pairLife.errors.*) first, else the
 * shared ones (errors.*), so one command may raise either.
 */
export function useErrorText() {
  const { t, te } = useI18n();
  return (error: FieldError | undefined): string => {
    if (!error) return '';
    const own = `pairLife.errors.${error.key}`;
    return t(te(own) ? own : `errors.${error.key}`, error.params ?? {});
  };
}

type Coverage = Map<Uuid, boolean>;
/** One live query of the coverage for every badge on screen (a list shows hundreds). */
let shared: { scope: EffectScope; data: Ref<Coverage | undefined>; users: number } | null = null;

function sharedCoverage(): Ref<Coverage | undefined> {
  if (!shared) {
    const scope = effectScope(true);
    const data = scope.run(() => {
      const can = useCan();
      return useLiveQuery(
        (ctx, readsConsents: boolean) =>
          observeConsentCoverage(ctx, readsConsents, localIsoDate(new Date())),
        () => can('viewConsents'),
      ).data;
    })!;
    shared = { scope, data, users: 0 };
  }
  const mine = shared;
  mine.users++;
  onScopeDispose(() => {
    if (--mine.users === 0 && shared === mine) {
      mine.scope.stop();
      shared = null;
    }
  });
  return mine.data;
}

/** Whether a person is covered by a valid consent today, as this viewer may know it. */
export function useConsentCovered() {
  const data = sharedCoverage();
  return (participantId: Uuid): boolean => data.value?.get(participantId) ?? true;
}

/**
 * Whether a pair is shown «Приостановлена: нет согласия». Staff judge from the consents; a
 * mentor or mentee from the server's consent_covered_until; a person the device knows nothing
 * about counts as covered (no false red flag).
 */
export function usePausedPairs() {
  const data = sharedCoverage();
  return (item: { pair: Pair; mentors: readonly PairPerson[]; mentees: readonly PairPerson[] }) => {
    const coverage = data.value;
    if (!coverage) return false;
    const members = [
      ...item.mentors.map((p) => ({
        participant_id: p.id,
        side: 'mentor' as const,
        deleted_at: null,
      })),
      ...item.mentees.map((p) => ({
        participant_id: p.id,
        side: 'mentee' as const,
        deleted_at: null,
      })),
    ];
    return isPaused(item.pair, members, (id) => coverage.get(id) ?? true);
  };
}

/** Ending a pair: the form (kind, day, reason), checked, then a confirmation, then the write. */
export function usePairEnd(pair: () => Pair) {
  const today = localIsoDate(new Date());
  const state = reactive<EndInput>({ kind: 'completed', ended_on: today, reason: '' });
  const isConfirming = ref(false);
  const command = useCommand((ctx, input: EndInput) => endPair(ctx, pair().id, input, today));
  /** The first step: the same rules as the write, so the confirmation asks only valid ends. */
  function next(): void {
    command.errors.value = validateEnd(pair(), state, today);
    isConfirming.value = command.errors.value.length === 0;
  }
  async function confirm(): Promise<boolean> {
    await command.run({ ...state });
    isConfirming.value = false;
    return command.errors.value.length === 0 && !command.failure.value;
  }
  return { state, today, isConfirming, next, confirm, command };
}

/** Members joining or leaving a pair or group; the people who may join each side. */
export function usePairMembers(
  pair: () => { pair: Pair; mentors: readonly PairPerson[]; mentees: readonly PairPerson[] } | null,
) {
  const today = localIsoDate(new Date());
  const { people } = useParticipantList();
  const candidates = (side: 'mentor' | 'mentee') =>
    computed(() => {
      const current = pair();
      if (!current) return [];
      const inPair = new Set([...current.mentors, ...current.mentees].map((p) => p.id));
      return people.value.filter(
        ({ participant: p }) =>
          !inPair.has(p.id) &&
          !p.archived_on &&
          (side === 'mentor' ? p.is_mentor : p.is_mentee) &&
          fitsForm(current.pair.form, side, p.kind),
      );
    });
  const add = useCommand((ctx, id: Uuid, side: 'mentor' | 'mentee') =>
    addMember(ctx, pair()?.pair.id ?? '', id, side, today),
  );
  const remove = useCommand((ctx, id: Uuid) => removeMember(ctx, pair()?.pair.id ?? '', id));
  return {
    mentorCandidates: candidates('mentor'),
    menteeCandidates: candidates('mentee'),
    add,
    remove,
  };
}

/** The accepted requests still waiting for a new mentor, and the mentors who fit. */
export function useReplaceMentor(
  pair: () => { pair: Pair; mentors: readonly PairPerson[]; mentees: readonly PairPerson[] } | null,
) {
  const router = useRouter();
  const today = localIsoDate(new Date());
  const { data } = useLiveQuery(observeReplacementsDue, () => pair()?.pair.id ?? '');
  const { people } = useParticipantList();
  const due = computed(() =>
    (data.value ?? []).map((request) => ({
      request,
      menteeName: pair()?.mentees.find((p) => p.id === request.requested_by)?.full_name ?? '',
    })),
  );
  const candidates = computed(() => {
    const current = pair();
    if (!current) return [];
    return replacementCandidates(
      current.pair.form,
      people.value.map((p) => p.participant),
      current.mentors.map((p) => p.id),
    );
  });
  const command = useCommand((ctx, requestId: Uuid, mentorId: Uuid) =>
    replaceMentor(ctx, requestId, mentorId, today),
  );
  async function run(requestId: Uuid, mentorId: Uuid): Promise<void> {
    const created = await command.run(requestId, mentorId);
    if (created) await router.push({ name: 'pair', params: { pairId: created.id } });
  }
  return { due, candidates, run, command };
}

/** The pair this one continues, and the pairs continuing it. */
export function usePairLinks(pairId: MaybeRefOrGetter<Uuid>) {
  const { data } = useLiveQuery(observePairLinks, () => toValue(pairId));
  return computed(() => data.value ?? { previous: null, next: [] });
}

/** Deleting a draft (after a confirmation), then back to the list. */
export function useDeleteDraft(pairId: MaybeRefOrGetter<Uuid>) {
  const router = useRouter();
  const command = useCommand((ctx) => deleteDraftPair(ctx, toValue(pairId)));
  async function run(): Promise<void> {
    await command.run();
    if (command.errors.value.length === 0 && !command.failure.value) {
      await router.push({ name: 'pairs' });
    }
  }
  return { run, command };
}

/** The approval orders (pairs grouped by number and date), and correcting one of them. */
export function useOrders() {
  const session = useSessionStore();
  const today = localIsoDate(new Date());
  const { pairs, isLoading } = usePairOverviews();
  const orders = computed(() => groupOrders(pairs.value));
  const command = useCommand((ctx, order: { number: string; date: IsoDate }, next: OrderInput) =>
    correctOrder(ctx, order, next, session.user?.id ?? null, today),
  );
  /** The order's corrections, newest first (each pair of the order keeps the same ones). */
  const historyOf = (order: ApprovalOrder<PairOverview>): OrderCorrection[] => {
    const seen = new Map<string, OrderCorrection>();
    for (const item of order.pairs) {
      for (const c of item.pair.order_history ?? []) {
        seen.set(`${c.changed_at}|${c.number}|${c.date}`, c);
      }
    }
    return [...seen.values()].sort((a, b) => b.changed_at.localeCompare(a.changed_at));
  };
  const isMine = (c: OrderCorrection) => !!c.changed_by && c.changed_by === session.user?.id;
  return { orders, isLoading, today, historyOf, isMine, command };
}
