// Owns the reads of a group meeting's attendance (meeting_attendances): the ticks the form
// starts from, and the rows a meeting in a list counts. A mentee's device holds only her own
// row, so only the mentor's and staff's devices can count who came.
import { liveQuery } from 'dexie';
import { attendeeIdsOf } from '@/domain/meetings';
import type { MeetingAttendance } from '@/domain/types';
import type { DataContext } from './context';
import type { Observable } from './queries';

function attendanceRows(ctx: DataContext, meetingId: string): Promise<MeetingAttendance[]> {
  return ctx.db.meeting_attendances.where('meeting_id').equals(meetingId).toArray();
}

/** Who came to the meeting, or null when its attendance was not recorded. */
export async function readAttendeeIds(
  ctx: DataContext,
  meetingId: string,
): Promise<string[] | null> {
  return attendeeIdsOf(await attendanceRows(ctx, meetingId));
}

/** The meeting's attendance rows (tombstones included), as they change. */
export function observeAttendance(
  ctx: DataContext,
  meetingId: string,
): Observable<MeetingAttendance[]> {
  return liveQuery(() => attendanceRows(ctx, meetingId));
}
