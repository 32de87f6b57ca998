import { describe, expect, it } from 'vitest';
import { addDays, consentStatus, endOfAcademicYear } from '@/composables/useParticipantConsent';
import { aConsent, aParticipant } from '../../../factories/rows';

const today = '2026-11-25';

describe('consent status', () => {
  const child = aParticipant();

  it('is missing without a consent, or with the minor’s own signature', () => {
    expect(consentStatus(child, [], today)).toBe('missing');
    expect(
      consentStatus(
        child,
        [aConsent(child, { given_by: 'self', representative_name: null })],
        today,
      ),
    ).toBe('missing');
  });

  it('expires soon when it lapses within 30 days', () => {
    expect(consentStatus(child, [aConsent(child, { valid_until: '2026-12-24' })], today)).toBe(
      'expiring',
    );
    expect(consentStatus(child, [aConsent(child, { valid_until: '2026-12-25' })], today)).toBe(
      'valid',
    );
    expect(consentStatus(child, [aConsent(child, { valid_until: null })], today)).toBe('valid');
  });

  it('is valid when a newer consent replaces an expiring one', () => {
    const consents = [
      aConsent(child, { valid_until: '2026-12-01' }),
      aConsent(child, { signed_on: '2026-11-20', valid_until: '2027-08-31' }),
    ];
    expect(consentStatus(child, consents, today)).toBe('valid');
  });
});

describe('calendar helpers', () => {
  it('ends the academic year on the next 31 August', () => {
    expect(endOfAcademicYear('2026-11-25')).toBe('2027-08-31');
    expect(endOfAcademicYear('2027-03-01')).toBe('2027-08-31');
    expect(endOfAcademicYear('2027-08-31')).toBe('2027-08-31');
    expect(endOfAcademicYear('2027-09-01')).toBe('2028-08-31');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
  });
});
