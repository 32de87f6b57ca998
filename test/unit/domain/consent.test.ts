import { describe, expect, it } from 'vitest';
import { hasValidConsent } from '@/domain/consent';
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
