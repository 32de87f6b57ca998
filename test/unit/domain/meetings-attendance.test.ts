// A group meeting records who of the group's mentees came: «Присутствовали: 5 из 6», one
// meeting_attendances row per mentee who came (never a column of the meeting, which every
// member of the group reads).
import { describe, expect, it } from 'vitest';
import {
  attendanceChanges,
  attendanceOf,
  attendeeIdsOf,
  defaultAttendees,
  meetingFields,
  validateMeeting,
  type MeetingInput,
} from '@/domain/meetings';

const today = '2026-11-25';
const base: MeetingInput = {
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
};
const six = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
/** Attendance rows of one meeting: the mentees who came (and, as tombstones, unticked ones). */
const came = (...ids: string[]) =>
  ids.map((participant_id) => ({ id: `row-${participant_id}`, participant_id, deleted_at: null }));
const unticked = (participant_id: string) => ({
  id: `gone-${participant_id}`,
  participant_id,
  deleted_at: '2026-11-21T10:00:00Z',
});

describe('group attendance', () => {
  it('ticks every mentee of a group by default and records nothing for one mentee', () => {
    expect(defaultAttendees(six)).toEqual(six);
    expect(defaultAttendees(['m1'])).toBeNull();
    expect(defaultAttendees([])).toBeNull();
  });

  it('counts who came of the mentees the group has now', () => {
    expect(attendanceOf(came('m1', 'm2', 'm3', 'm4', 'm5'), six)).toEqual({
      present: 5,
      total: 6,
    });
    // Someone who has left the group since is not counted among the present.
    expect(attendanceOf(came('m1', 'gone'), six)).toEqual({ present: 1, total: 6 });
    // An unticked mentee (a tombstone) did not come.
    expect(attendanceOf([...came('m1'), unticked('m2')], six)).toEqual({ present: 1, total: 6 });
  });

  it('says nothing of a meeting whose attendance was not recorded', () => {
    expect(attendanceOf([], six)).toBeNull();
    expect(attendanceOf([unticked('m1')], six)).toBeNull();
    expect(attendeeIdsOf([])).toBeNull();
  });

  it('reads who came once each from the live rows', () => {
    expect(attendeeIdsOf([...came('m2', 'm1'), unticked('m3'), ...came('m2')])).toEqual([
      'm2',
      'm1',
    ]);
  });

  it('refuses a group meeting nobody came to, with a field error', () => {
    expect(validateMeeting({ ...base, attendee_ids: [] }, today)).toEqual([
      { field: 'attendee_ids', key: 'chooseMentee' },
    ]);
    expect(validateMeeting({ ...base, attendee_ids: ['m1'] }, today)).toEqual([]);
    expect(validateMeeting({ ...base, attendee_ids: null }, today)).toEqual([]);
  });

  it('never puts the attendance on the meeting row', () => {
    expect(meetingFields({ ...base, attendee_ids: ['m1', 'm2'] })).not.toHaveProperty(
      'attendee_ids',
    );
  });

  it('saving the ticks adds the newly ticked and tombstones the unticked, keeping the rest', () => {
    const current = [...came('m1', 'm2'), unticked('m3')];
    const { add, remove } = attendanceChanges(current, ['m2', 'm3', 'm4', 'm3']);
    expect(add).toEqual(['m3', 'm4']);
    expect(remove.map((r) => r.id)).toEqual(['row-m1']);
    expect(attendanceChanges(current, ['m1', 'm2'])).toEqual({ add: [], remove: [] });
  });
});
