// The role rule table (domain/access.ts): the workspace a user acts in, and who may do what.
import { describe, expect, it } from 'vitest';
import { can, mayEver, seatIn, workspaceOf, type Workspace } from '@/domain/access';

const SCHOOL_A = 'a2000000-0000-4000-8000-00000000000a';
const SCHOOL_B = 'a2000000-0000-4000-8000-00000000000b';
const pair = { mentors: [{ id: 'mentor-card' }], mentees: [{ id: 'anna' }, { id: 'egor' }] };
const school = (role: string, participantId: string | null = null): Workspace =>
  workspaceOf([{ school_id: SCHOOL_A, role, participant_id: participantId }], null);
const deviceOnly: Workspace = { kind: 'device-only' };

describe('the workspace', () => {
  it('is the device-only one without memberships', () => {
    expect(workspaceOf([], SCHOOL_A)).toEqual({ kind: 'device-only' });
  });

  it('is the chosen school while the user still belongs to it, never the first row', () => {
    const memberships = [
      { school_id: SCHOOL_B, role: 'mentee', participant_id: 'p-b' },
      { school_id: SCHOOL_A, role: 'curator', participant_id: null },
    ];
    // Not chosen yet: the school of her highest role, whatever the order of the rows.
    expect(workspaceOf(memberships, null)).toMatchObject({ schoolId: SCHOOL_A });
    expect(workspaceOf([...memberships].reverse(), null)).toMatchObject({ schoolId: SCHOOL_A });
    expect(workspaceOf(memberships, SCHOOL_B)).toEqual({
      kind: 'school',
      schoolId: SCHOOL_B,
      seats: [{ role: 'mentee', participantId: 'p-b' }],
    });
    // A school she left is not chosen any more.
    expect(workspaceOf(memberships.slice(1), SCHOOL_B)).toMatchObject({ schoolId: SCHOOL_A });
  });
});

describe('who may do what', () => {
  it('staff keep the bases and pairs, and neither log meetings nor write plans', () => {
    for (const role of ['curator', 'school_admin']) {
      const ws = school(role);
      expect(can(ws, 'createParticipant')).toBe(true);
      expect(can(ws, 'recordConsent')).toBe(true);
      expect(can(ws, 'approvePair', { pair })).toBe(true);
      expect(can(ws, 'logMeeting', { pair })).toBe(false);
      expect(can(ws, 'writePlan', { pair })).toBe(false);
    }
  });

  it('a mentor writes the meetings and plan of HER pairs only', () => {
    const ws = school('mentor', 'mentor-card');
    expect(can(ws, 'logMeeting', { pair })).toBe(true);
    expect(can(ws, 'writePlan', { pair })).toBe(true);
    const other = { mentors: [{ id: 'someone' }], mentees: [{ id: 'anna' }] };
    expect(can(ws, 'logMeeting', { pair: other })).toBe(false);
    expect(can(ws, 'createParticipant')).toBe(false);
    expect(can(ws, 'viewConsents')).toBe(false);
    // The route guard lets her open the meeting form; the form checks the pair.
    expect(mayEver(ws, 'logMeeting')).toBe(true);
  });

  it('a mentee confirms, marks and asks for herself only', () => {
    const ws = school('mentee', 'anna');
    expect(can(ws, 'confirmMeeting', { pair, participantId: 'anna' })).toBe(true);
    expect(can(ws, 'confirmMeeting', { pair, participantId: 'egor' })).toBe(false);
    expect(can(ws, 'markTaskDone', { pair, participantId: 'egor' })).toBe(false);
    expect(can(ws, 'requestMentorChange', { pair, participantId: 'anna' })).toBe(true);
    expect(can(ws, 'logMeeting', { pair })).toBe(false);
    expect(can(ws, 'fillQuestionnaire', { participantId: 'anna' })).toBe(true);
    expect(can(ws, 'fillQuestionnaire', { participantId: 'egor' })).toBe(false);
    expect(seatIn(ws, pair, 'mentee')).toBe('anna');
    expect(mayEver(ws, 'createPair')).toBe(false);
  });

  it('a seat in another school gives nothing in this one', () => {
    const ws = workspaceOf(
      [
        { school_id: SCHOOL_A, role: 'mentee', participant_id: 'anna' },
        { school_id: SCHOOL_B, role: 'mentor', participant_id: 'mentor-card' },
      ],
      SCHOOL_A,
    );
    expect(can(ws, 'logMeeting', { pair })).toBe(false);
  });

  it('the device-only user keeps the bases and mentors every pair, but issues no invites', () => {
    expect(can(deviceOnly, 'createPair')).toBe(true);
    expect(can(deviceOnly, 'logMeeting', { pair })).toBe(true);
    expect(can(deviceOnly, 'issueInvite')).toBe(false);
    expect(can(deviceOnly, 'confirmMeeting', { pair })).toBe(false);
  });
});
