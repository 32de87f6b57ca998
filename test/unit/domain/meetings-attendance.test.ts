// A group meeting records who of the group's mentees came: «Присутствовали: 5 из 6».
import { describe, expect, it } from 'vitest';
import {
  attendanceOf,
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

describe('group attendance', () => {
  it('ticks every mentee of a group by default and records nothing for one mentee', () => {
    expect(defaultAttendees(six)).toEqual(six);
    expect(defaultAttendees(['m1'])).toBeNull();
    expect(defaultAttendees([])).toBeNull();
  });

  it('counts who came of the mentees the group has now', () => {
    expect(attendanceOf({ attendee_ids: ['m1', 'm2', 'm3', 'm4', 'm5'] }, six)).toEqual({
      present: 5,
      total: 6,
    });
    // Someone who has left the group since is not counted among the present.
    expect(attendanceOf({ attendee_ids: ['m1', 'gone'] }, six)).toEqual({ present: 1, total: 6 });
  });

  it('says nothing of a meeting whose attendance was not recorded', () => {
    expect(attendanceOf({ attendee_ids: null }, six)).toBeNull();
    expect(attendanceOf({}, six)).toBeNull();
  });

  it('refuses a group meeting nobody came to, with a field error', () => {
    expect(validateMeeting({ ...base, attendee_ids: [] }, today)).toEqual([
      { field: 'attendee_ids', key: 'chooseMentee' },
    ]);
    expect(validateMeeting({ ...base, attendee_ids: ['m1'] }, today)).toEqual([]);
    expect(validateMeeting({ ...base, attendee_ids: null }, today)).toEqual([]);
  });

  it('writes the attendees once each; leaves the column alone when the input has none', () => {
    expect(meetingFields({ ...base, attendee_ids: ['m1', 'm2', 'm1'] }).attendee_ids).toEqual([
      'm1',
      'm2',
    ]);
    expect(meetingFields({ ...base, attendee_ids: null })).toHaveProperty('attendee_ids', null);
    expect(meetingFields(base)).not.toHaveProperty('attendee_ids');
  });
});
