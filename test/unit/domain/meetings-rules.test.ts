// A meeting's date as the server keeps it (meetings_date_out_of_range).
import { describe, expect, it } from 'vitest';
import { validateMeeting, type MeetingInput } from '@/domain/meetings';

const today = '2026-11-25';
const meeting = (held_on: string): MeetingInput => ({
  type: 'regular',
  held_on,
  duration_min: 45,
  format: 'in_person',
});

describe('the meeting’s date', () => {
  it('is refused before the programme year, with the earliest day named', () => {
    expect(validateMeeting(meeting('2019-03-01'), today)).toEqual([
      { field: 'held_on', key: 'dateTooEarly', params: { earliest: '01.01.2020' } },
    ]);
    expect(validateMeeting(meeting('2026-08-20'), today, '2026-09-01')).toEqual([
      { field: 'held_on', key: 'dateTooEarly', params: { earliest: '01.09.2026' } },
    ]);
  });

  it('is taken on the programme’s first day and today; a future day is still refused', () => {
    expect(validateMeeting(meeting('2026-09-01'), today, '2026-09-01')).toEqual([]);
    expect(validateMeeting(meeting(today), today)).toEqual([]);
    expect(validateMeeting(meeting('2062-11-25'), today)).toEqual([
      { field: 'held_on', key: 'dateInFuture' },
    ]);
  });
});
