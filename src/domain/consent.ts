// Consent to personal-data processing (152-FZ; DOMAIN.md stage 2). The same rule as the
// database's private.has_valid_consent, so the device can warn before the server refuses.
import type { Consent, IsoDate, Participant } from './types';
import { isIsoDate, schoolDate, type FieldError } from './validation';

/** A valid consent that lapses within this many days is flagged «истекает» (badge, triage). */
export const EXPIRY_WARNING_DAYS = 30;

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

/**
 * Whether participants.consent_covered_until (server-owned, from the same rule as above)
 * covers `day`: null = not covered, 'infinity' = covered with no end date, else the last
 * covered day. This is all a mentor or the person herself knows: they never read consents.
 * A row without the column (written on this device, not yet back from the server) counts as
 * not covered.
 */
export function isCoveredOn(coveredUntil: IsoDate | 'infinity' | null | undefined, day: IsoDate) {
  if (coveredUntil === null || coveredUntil === undefined) return false;
  return coveredUntil === 'infinity' || coveredUntil >= day;
}

/**
 * A signed-in minor whose consent (by a parent or legal representative) does not cover today
 * may read but the server stores nothing from her: the app shows her a waiting screen instead
 * of forms. Decided by her own participant rows as the server sent them; a row not yet on the
 * device, or without the server's answer (the column absent), decides nothing: the server
 * refuses her writes anyway (consent_required), and nobody is locked out on a guess.
 */
export function mustWaitForConsent(
  ownRows: readonly Pick<Participant, 'is_minor' | 'consent_covered_until' | 'deleted_at'>[],
  day: IsoDate,
): boolean {
  return ownRows.some(
    (p) =>
      p.deleted_at === null &&
      p.is_minor &&
      p.consent_covered_until !== undefined &&
      !isCoveredOn(p.consent_covered_until, day),
  );
}

/**
 * consents_already_expired on the device: a consent whose validity ended before today cannot
 * be recorded as valid (record it with its revocation, or not at all). A signature in the
 * future (consents_signed_in_future) is refused by validateConsent (domain/participants.ts),
 * stricter than the server's day of grace for time zones.
 */
export function consentDateErrors(
  input: { signed_on: IsoDate; valid_until?: IsoDate | null },
  today: IsoDate,
): FieldError[] {
  const until = input.valid_until?.trim() || null;
  if (!until || !isIsoDate(until) || until >= today) return [];
  return [
    { field: 'valid_until', key: 'consentAlreadyExpired', params: { date: schoolDate(until) } },
  ];
}
