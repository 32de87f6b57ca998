import { describe, expect, it } from 'vitest';
import { hasValidConsent, isCoveredOn, mustWaitForConsent } from '@/domain/consent';
import { aConsent, aParticipant } from '../../factories/rows';

describe('hasValidConsent', () => {
  const day = '2026-11-25';

  it('accepts a parent’s signed, unexpired consent for a minor', () => {
    const child = aParticipant({ is_minor: true });
    expect(hasValidConsent(child, [aConsent(child)], day)).toBe(true);
  });

  it('refuses a minor’s own signature', () => {
    const child = aParticipant({ is_minor: true });
    const own = aConsent(child, { given_by: 'self', representative_name: null });
    expect(hasValidConsent(child, [own], day)).toBe(false);
  });

  it('refuses expired, revoked, deleted, future and other people’s consents', () => {
    const teacher = aParticipant({ kind: 'teacher', is_minor: false });
    const other = aParticipant({ is_minor: false });
    const cases = [
      aConsent(teacher, { valid_until: '2026-11-24' }),
      aConsent(teacher, { revoked_on: '2026-11-01' }),
      aConsent(teacher, { deleted_at: '2026-11-01T00:00:00Z' }),
      aConsent(teacher, { signed_on: '2026-11-26', valid_until: null }),
      aConsent(other),
    ];
    for (const consent of cases) expect(hasValidConsent(teacher, [consent], day)).toBe(false);
    expect(hasValidConsent(teacher, [aConsent(teacher, { valid_until: null })], day)).toBe(true);
  });
});

describe('isCoveredOn (participants.consent_covered_until, for those who read no consents)', () => {
  const day = '2026-11-25';

  it('null is no, infinity is yes, a date is yes through that day', () => {
    expect(isCoveredOn(null, day)).toBe(false);
    expect(isCoveredOn('infinity', day)).toBe(true);
    expect(isCoveredOn('2026-11-25', day)).toBe(true);
    expect(isCoveredOn('2027-08-31', day)).toBe(true);
    expect(isCoveredOn('2026-11-24', day)).toBe(false);
  });

  it('a row without the server’s answer is not covered', () => {
    expect(isCoveredOn(undefined, day)).toBe(false);
  });
});

describe('mustWaitForConsent', () => {
  const day = '2026-11-25';
  const minor = (consent_covered_until: string | null | undefined) =>
    aParticipant({ is_minor: true, consent_covered_until });

  it('holds a minor whose parents’ consent does not cover today', () => {
    expect(mustWaitForConsent([minor(null)], day)).toBe(true);
    expect(mustWaitForConsent([minor('2026-11-24')], day)).toBe(true);
  });

  it('lets through a covered minor, an adult, and a row the server has not answered for', () => {
    expect(mustWaitForConsent([minor('infinity')], day)).toBe(false);
    expect(mustWaitForConsent([minor('2027-08-31')], day)).toBe(false);
    expect(
      mustWaitForConsent([aParticipant({ is_minor: false, consent_covered_until: null })], day),
    ).toBe(false);
    expect(mustWaitForConsent([minor(undefined)], day)).toBe(false);
    expect(mustWaitForConsent([], day)).toBe(false);
  });
});
