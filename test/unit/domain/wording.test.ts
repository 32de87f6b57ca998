import { describe, expect, it } from 'vitest';
import { usesTeenWording } from '@/domain/wording';
import { aPair, aParticipant } from '../../factories/rows';

const studentMentor = aParticipant({ kind: 'student', is_mentor: true });
const teacherMentor = aParticipant({ kind: 'teacher', is_mentor: true, is_minor: false });
const peer = aPair({ form: 'uchenik_uchenik' });
const signedIn = (...participantIds: string[]) => ({ participantIds, isDeviceOnly: false });

describe('usesTeenWording', () => {
  it('speaks to the student mentor of a peer pair in teen words', () => {
    expect(usesTeenWording(peer, [studentMentor], signedIn(studentMentor.id))).toBe(true);
  });

  it('keeps the usual words for the curator looking at the same pair', () => {
    expect(usesTeenWording(peer, [studentMentor], signedIn('curator-participant'))).toBe(false);
  });

  it('keeps the usual words for an adult mentor, even in a peer pair', () => {
    expect(usesTeenWording(peer, [teacherMentor], signedIn(teacherMentor.id))).toBe(false);
  });

  it('keeps the usual words in other forms', () => {
    const pair = aPair({ form: 'uchitel_uchenik' });
    expect(usesTeenWording(pair, [studentMentor], signedIn(studentMentor.id))).toBe(false);
  });

  it('on a device without an account, decides by the pair’s form', () => {
    const device = { participantIds: [], isDeviceOnly: true };
    expect(usesTeenWording(peer, [studentMentor], device)).toBe(true);
    expect(usesTeenWording(aPair({ form: 'uchitel_uchitel' }), [teacherMentor], device)).toBe(
      false,
    );
  });
});
