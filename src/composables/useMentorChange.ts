import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import {
  observeMentorChangeRequests,
  observeOpenMentorChangeRequests,
  requestMentorChange,
  resolveMentorChange,
} from '@/data/repos/mentorChange';
import { canRequestAgain, latestRequestBy, openRequests } from '@/domain/mentorChange';
import { isStaffRole } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { usePairDetail } from './usePairs';

/**
 * A pair's requests for another mentor, seen from the user's side: the mentee asks and follows
 * their own request; staff (curator, school admin, or anyone in device-only mode, where the
 * device belongs to the curator) read the open ones and resolve them. A mentor gets neither.
 */
export function useMentorChange(pairId: MaybeRefOrGetter<string>) {
  const session = useSessionStore();
  const { pair } = usePairDetail(pairId);
  const { data } = useLiveQuery(observeMentorChangeRequests, () => toValue(pairId));
  const requests = computed(() => data.value ?? []);

  const isStaff = computed(() =>
    // Nobody signs in on a device-only install: its user keeps the bases, i.e. is the curator.
    session.isDeviceOnly && session.memberships.length === 0
      ? true
      : session.memberships.some(
          (m) => isStaffRole(m.role) && m.school_id === pair.value?.pair.school_id,
        ),
  );
  /** The signed-in user's participant id as a mentee of this pair, if they are one. */
  const myMenteeId = computed(() => {
    const mentees = pair.value?.mentees ?? [];
    return (
      session.memberships.find(
        (m) => m.role === 'mentee' && mentees.some((p) => p.id === m.participant_id),
      )?.participant_id ?? null
    );
  });
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

  return { isStaff, myMenteeId, myRequest, canAsk, open, ask, resolve };
}

/** The school's open requests for another mentor, for the curator's home; none for others. */
export function useOpenMentorChangeRequests() {
  const session = useSessionStore();
  const { data } = useLiveQuery(observeOpenMentorChangeRequests);
  const isStaff = computed(
    () => (session.isDeviceOnly && session.memberships.length === 0) || session.isStaff,
  );
  return computed(() => (isStaff.value ? (data.value ?? []) : []));
}
