// Consent to personal-data processing (152-FZ; DOMAIN.md stage 2). The same rule as the
// database's private.has_valid_consent, so the device can warn before the server refuses.
import type { Consent, IsoDate, Participant } from './types';

export function isConsentValidOn(
  consent: Pick<Consent, 'deleted_at' | 'revoked_on' | 'signed_on' | 'valid_until' | 'given_by'>,
  participant: Pick<Participant, 'is_minor'>,
  day: IsoDate,
): boolean {
  return (
    consent.deleted_at === null &&
    consent.revoked_on === null &&
    consent.signed_on <= day &&
    (consent.valid_until === null || consent.valid_until >= day) &&
    (!participant.is_minor || consent.given_by === 'representative')
  );
}

export function hasValidConsent(
  participant: Pick<Participant, 'id' | 'is_minor'>,
  consents: readonly Consent[],
  day: IsoDate,
): boolean {
  return consents.some(
    (c) => c.participant_id === participant.id && isConsentValidOn(c, participant, day),
  );
}
