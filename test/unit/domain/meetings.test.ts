import { describe, expect, it } from 'vitest';
import {
  confirmationsByMeeting,
  inferMeetingType,
  meetingFields,
  meetingsToConfirm,
  usualDuration,
  usualFormat,
  validateMeeting,
  validateReflection,
  type MeetingInput,
} from '@/domain/meetings';
import type { MeetingType } from '@/domain/types';
import { aMeeting } from '../../factories/rows';

const history = (...types: MeetingType[]) =>
  types.map((type, i) => aMeeting({ type, held_on: `2026-10-${String(i + 1).padStart(2, '0')}` }));

describe('inferMeetingType', () => {
  const today = '2026-11-25';

  it('starts a pair with the organisational meeting', () => {
    expect(inferMeetingType([], { today })).toBe('organisational');
  });

  it('follows the stages: trial, then planning, then regular', () => {
    expect(inferMeetingType(history('organisational'), { today })).toBe('trial');
    expect(inferMeetingType(history('organisational', 'trial'), { today })).toBe('planning');
    expect(inferMeetingType(history('organisational', 'trial', 'planning'), { today })).toBe(
      'regular',
    );
  });

  it('suggests the final meeting in the last two weeks of the programme', () => {
    const h = history('organisational', 'trial', 'planning', 'regular');
    expect(inferMeetingType(h, { today: '2027-05-20', programmeEndsOn: '2027-05-31' })).toBe(
      'final',
    );
    expect(inferMeetingType(h, { today: '2027-04-01', programmeEndsOn: '2027-05-31' })).toBe(
      'regular',
    );
    const withFinal = [...h, aMeeting({ type: 'final', held_on: '2027-05-19' })];
    expect(
      inferMeetingType(withFinal, { today: '2027-05-20', programmeEndsOn: '2027-05-31' }),
    ).toBe('regular');
  });

  it('ignores deleted meetings', () => {
    const deleted = [aMeeting({ type: 'organisational', deleted_at: '2026-10-02T10:00:00Z' })];
    expect(inferMeetingType(deleted, { today })).toBe('organisational');
  });
});

describe('usual duration and format', () => {
  it('repeat the latest meeting', () => {
    const h = [
      aMeeting({ held_on: '2026-10-01', duration_min: 30, format: 'online' }),
      aMeeting({ held_on: '2026-10-08', duration_min: 60, format: 'phone' }),
    ];
    expect(usualDuration(h)).toBe(60);
    expect(usualFormat(h)).toBe('phone');
  });

  it('default to 45 minutes in person', () => {
    expect(usualDuration([])).toBe(45);
    expect(usualFormat([])).toBe('in_person');
  });
});

describe('validateMeeting', () => {
  const valid: MeetingInput = {
    type: 'regular',
    held_on: '2026-11-25',
    duration_min: 45,
    format: 'in_person',
  };
  const today = '2026-11-25';

  it('accepts a meeting held today', () => {
    expect(validateMeeting(valid, today)).toEqual([]);
  });

  it('refuses a date that does not exist or lies in the future', () => {
    expect(validateMeeting({ ...valid, held_on: '2026-02-30' }, today)).toEqual([
      { field: 'held_on', key: 'date' },
    ]);
    expect(validateMeeting({ ...valid, held_on: '2026-11-26' }, today)).toEqual([
      { field: 'held_on', key: 'dateInFuture' },
    ]);
  });

  it('keeps the duration between 5 minutes and 8 hours, in whole minutes', () => {
    for (const duration_min of [4, 481, 30.5, Number.NaN]) {
      expect(validateMeeting({ ...valid, duration_min }, today)).toEqual([
        { field: 'duration_min', key: 'durationRange', params: { min: 5, max: 480 } },
      ]);
    }
    expect(validateMeeting({ ...valid, duration_min: 5 }, today)).toEqual([]);
    expect(validateMeeting({ ...valid, duration_min: 480 }, today)).toEqual([]);
  });

  it('limits the length of notes', () => {
    const errors = validateMeeting({ ...valid, notes: 'я'.repeat(10_001) }, today);
    expect(errors).toEqual([{ field: 'notes', key: 'tooLong', params: { max: 10_000 } }]);
  });

  it('stores trimmed text and blanks as empty', () => {
    expect(meetingFields({ ...valid, topic: '  Цели на четверть ', notes: '   ' })).toMatchObject({
      topic: 'Цели на четверть',
      notes: null,
      agreements: null,
    });
  });
});

describe('validateReflection', () => {
  it('keeps the mentee’s reflection short and optional', () => {
    expect(validateReflection(null)).toEqual([]);
    expect(validateReflection('я'.repeat(2000))).toEqual([]);
    expect(validateReflection('я'.repeat(2001))).toEqual([
      { field: 'reflection', key: 'tooLong', params: { max: 2000 } },
    ]);
  });
});

describe('confirmations of a group meeting', () => {
  const c = (meeting_id: string, participant_id: string, deleted_at: string | null = null) => ({
    meeting_id,
    participant_id,
    deleted_at,
  });

  it('groups one live confirmation per mentee under each meeting; a withdrawn one is gone', () => {
    const byMeeting = confirmationsByMeeting([
      c('m1', 'anna'),
      c('m1', 'kate'),
      c('m2', 'anna', '2026-11-22T00:00:00Z'),
    ]);
    expect(byMeeting.get('m1')?.map((x) => x.participant_id)).toEqual(['anna', 'kate']);
    expect(byMeeting.has('m2')).toBe(false);
  });

  it('counts for a mentee only the meetings she has not confirmed herself', () => {
    const meetings = [aMeeting(), aMeeting(), aMeeting({ deleted_at: '2026-11-01T00:00:00Z' })];
    const [first, second] = meetings;
    // Катя confirmed the second meeting; that does not confirm it for Анна.
    const confirmations = [c(first!.id, 'anna'), c(second!.id, 'kate')];
    expect(meetingsToConfirm(meetings, confirmations, ['anna']).map((m) => m.id)).toEqual([
      second!.id,
    ]);
    expect(meetingsToConfirm(meetings, confirmations, ['kate']).map((m) => m.id)).toEqual([
      first!.id,
    ]);
  });
});
