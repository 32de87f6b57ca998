import { describe, expect, it } from 'vitest';
import { rowScopeKeys } from '@/domain/syncScopes';
import { tombstoneOf } from '@/domain/tombstone';
import { aMeeting, aParticipant } from '../../factories/rows';

describe('tombstoneOf', () => {
  it('keeps the keys, scope and sync columns of a deleted row, none of its text', () => {
    const meeting = aMeeting({ notes: 'Обсудили трудности дома', version: 12 });
    expect(tombstoneOf(meeting, '2026-11-25T10:00:00.000Z')).toEqual({
      id: meeting.id,
      school_id: meeting.school_id,
      pair_id: meeting.pair_id,
      version: 12,
      deleted_at: '2026-11-25T10:00:00.000Z',
    });
  });

  it('keeps every column a scope rule reads, so the tombstone still reaches the same devices', () => {
    const confirmation = {
      id: 'c1',
      school_id: 's1',
      pair_id: 'p1',
      meeting_id: 'm1',
      participant_id: 'anna',
      reflection: 'Личное',
      version: 3,
    };
    const tombstone = tombstoneOf(confirmation, '2026-11-25T10:00:00.000Z');
    expect(rowScopeKeys('meeting_confirmations', tombstone)).toEqual(
      rowScopeKeys('meeting_confirmations', confirmation),
    );
    expect(tombstone).not.toHaveProperty('reflection');
    const person = aParticipant({ phone: '+7 900 000-00-00' });
    expect(Object.keys(tombstoneOf(person, '2026-11-25T10:00:00.000Z')).sort()).toEqual(
      ['deleted_at', 'id', 'school_id', 'version'].sort(),
    );
  });
});

describe('meeting_confirmations scopes', () => {
  it('reach the school’s staff, the pair and the confirming mentee', () => {
    expect(
      rowScopeKeys('meeting_confirmations', {
        school_id: 's1',
        pair_id: 'p1',
        participant_id: 'anna',
      }),
    ).toEqual(['school:s1', 'pair:p1', 'participant:anna']);
  });
});
