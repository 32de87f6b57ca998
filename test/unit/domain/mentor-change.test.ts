import { describe, expect, it } from 'vitest';
import {
  canRequestAgain,
  latestRequestBy,
  MAX_REASON_LENGTH,
  MAX_RESOLUTION_NOTE_LENGTH,
  openRequests,
  validateMentorChangeReason,
  validateResolution,
  type MentorChangeStatus,
} from '@/domain/mentorChange';

const request = (
  id: string,
  requested_by: string,
  status: MentorChangeStatus,
  created_at: string,
  deleted_at: string | null = null,
) => ({ id, requested_by, status, created_at, deleted_at });

describe('the reason for asking for another mentor', () => {
  it('is required: blank or spaces only is not a reason', () => {
    expect(validateMentorChangeReason('')).toEqual([{ field: 'reason', key: 'required' }]);
    expect(validateMentorChangeReason('   \n ')).toEqual([{ field: 'reason', key: 'required' }]);
  });

  it('has a length limit, counted without the surrounding spaces', () => {
    expect(validateMentorChangeReason(` ${'а'.repeat(MAX_REASON_LENGTH)} `)).toEqual([]);
    expect(validateMentorChangeReason('а'.repeat(MAX_REASON_LENGTH + 1))).toEqual([
      { field: 'reason', key: 'tooLong', params: { max: MAX_REASON_LENGTH } },
    ]);
  });
});

describe('resolving a request', () => {
  it('accepts or declines, with an optional note', () => {
    expect(validateResolution('accepted', null)).toEqual([]);
    expect(validateResolution('declined', 'Поговорим в понедельник')).toEqual([]);
  });

  it('cannot put a request back to open, nor take an overlong note', () => {
    expect(validateResolution('open', null)).toEqual([{ field: 'status', key: 'required' }]);
    expect(validateResolution('accepted', 'я'.repeat(MAX_RESOLUTION_NOTE_LENGTH + 1))).toEqual([
      {
        field: 'resolution_note',
        key: 'tooLong',
        params: { max: MAX_RESOLUTION_NOTE_LENGTH },
      },
    ]);
  });
});

describe('which requests wait for the curator', () => {
  const rows = [
    request('late', 'anna', 'open', '2026-11-20T10:00:00Z'),
    request('early', 'dima', 'open', '2026-11-01T10:00:00Z'),
    request('done', 'olya', 'declined', '2026-10-01T10:00:00Z'),
    request('gone', 'olya', 'open', '2026-10-02T10:00:00Z', '2026-10-03T10:00:00Z'),
  ];

  it('are the open, not deleted ones, first asked first', () => {
    expect(openRequests(rows).map((r) => r.id)).toEqual(['early', 'late']);
  });

  it('a mentee follows their latest request and asks again only once it is answered', () => {
    expect(latestRequestBy(rows, 'anna')?.id).toBe('late');
    expect(latestRequestBy(rows, 'olya')?.id).toBe('done');
    expect(latestRequestBy(rows, 'nobody')).toBeUndefined();
    expect(canRequestAgain(rows, 'anna')).toBe(false);
    expect(canRequestAgain(rows, 'olya')).toBe(true);
    expect(canRequestAgain(rows, 'nobody')).toBe(true);
  });
});
