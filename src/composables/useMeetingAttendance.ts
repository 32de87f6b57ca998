import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { observeAttendance } from '@/data/attendanceQueries';
import type { Observable } from '@/data/queries';
import { attendanceOf, isGroupMeeting } from '@/domain/meetings';
import type { MeetingAttendance } from '@/domain/types';
import { useLiveQuery } from './useLiveQuery';

const NOTHING: Observable<MeetingAttendance[]> = {
  subscribe(observer) {
    observer.next([]);
    return { unsubscribe() {} };
  },
};

/**
 * «Присутствовали: 1 из 2» of a group meeting, for those whose device holds every mentee's
 * row (`readsAll`: the pair's mentor, staff). A mentee holds only her own, so she is never
 * shown a count (nor, through it, who else came); a one-to-one meeting has none to show.
 */
export function useMeetingAttendance(
  meetingId: MaybeRefOrGetter<string>,
  menteeIds: MaybeRefOrGetter<readonly string[]>,
  readsAll: MaybeRefOrGetter<boolean>,
) {
  const isShown = () => toValue(readsAll) && isGroupMeeting(toValue(menteeIds));
  const { data } = useLiveQuery(
    (ctx, id: string | null) => (id ? observeAttendance(ctx, id) : NOTHING),
    () => (isShown() ? toValue(meetingId) : null),
  );
  return computed(() =>
    isShown() && data.value ? attendanceOf(data.value, toValue(menteeIds)) : null,
  );
}
