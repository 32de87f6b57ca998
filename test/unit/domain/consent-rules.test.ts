// An already expired consent cannot be recorded as valid (consents_already_expired).
import { describe, expect, it } from 'vitest';
import { consentDateErrors } from '@/domain/consent';
import { validateConsent } from '@/domain/participants';

const today = '2026-11-25';

describe('recording a consent', () => {
  it('refuses one whose validity ended before today, naming the day', () => {
    expect(
      consentDateErrors({ signed_on: '2025-09-01', valid_until: '2026-08-31' }, today),
    ).toEqual([
      { field: 'valid_until', key: 'consentAlreadyExpired', params: { date: '31.08.2026' } },
    ]);
  });

  it('takes one valid through today, or without an end', () => {
    expect(consentDateErrors({ signed_on: '2025-09-01', valid_until: today }, today)).toEqual([]);
    expect(consentDateErrors({ signed_on: '2025-09-01', valid_until: null }, today)).toEqual([]);
    expect(consentDateErrors({ signed_on: '2025-09-01', valid_until: '' }, today)).toEqual([]);
  });

  it('refuses a signature in the future (consents_signed_in_future)', () => {
    expect(
      validateConsent({ given_by: 'self', signed_on: '2026-11-27' }, { is_minor: false }, today),
    ).toEqual([{ field: 'signed_on', key: 'dateInFuture' }]);
  });
});
