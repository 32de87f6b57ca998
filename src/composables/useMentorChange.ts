import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import {
  observeMentorChangeRequests,
  observeOpenMentorChangeRequests,
  requestMentorChange,
  resolveMentorChange,
} from '@/data/repos/mentorChange';
import { canRequestAgain, latestRequestBy, openRequests } from '@/domain/mentorChange';
import { useCan, useSeatIn } from './useAccess';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { usePairDetail } from './usePairs';

/**
 * A pair's requests for another mentor, seen from the user's side: the mentee asks and follows
 * their own request; staff (curator, school admin, or anyone in device-only mode, where the
 * device belongs to the curator) read the open ones and resolve them. A mentor gets neither.
 */
export function useMentorChange(pairId: MaybeRefOrGetter<string>) {
  const can = useCan();
  const { pair } = usePairDetail(pairId);
  const { data } = useLiveQuery(observeMentorChangeRequests, () => toValue(pairId));
  const requests = computed(() => data.value ?? []);

  // Staff of the workspace's school (and the device-only user, who keeps the bases).
  const canResolve = computed(() => can('resolveMentorChange', { pair: pair.value }));
  /** The signed-in user's participant id as a mentee of this pair, if they are one. */
  const mySeat = useSeatIn(() => pair.value, 'mentee');
  const myMenteeId = computed(() =>
    can('requestMentorChange', { pair: pair.value, participantId: mySeat.value })
      ? mySeat.value
      : null,
  );
  const myRequest = computed(() =>
    myMenteeId.value ? latestRequestBy(requests.value, myMenteeId.value) : undefined,
  );
  const canAsk = computed(
    () => !!myMenteeId.value && canRequestAgain(requests.value, myMenteeId.value),
  );
  // Listed once the pair has loaded too, so each request shows its mentee's name from the start.
  const open = computed(() =>
    (pair.value ? openRequests(requests.value) : []).map((request) => ({
      request,
      menteeName: pair.value?.mentees.find((p) => p.id === request.requested_by)?.full_name ?? null,
    })),
  );

  const ask = useCommand((ctx, reason: string) =>
    requestMentorChange(ctx, toValue(pairId), myMenteeId.value ?? '', reason),
  );
  const resolve = useCommand(resolveMentorChange);

  return { canResolve, myMenteeId, myRequest, canAsk, open, ask, resolve };
}

/** The school's open requests for another mentor, for the curator's home; none for others. */
export function useOpenMentorChangeRequests() {
  const can = useCan();
  const { data } = useLiveQuery(observeOpenMentorChangeRequests);
  return computed(() => (can('resolveMentorChange') ? (data.value ?? []) : []));
}
