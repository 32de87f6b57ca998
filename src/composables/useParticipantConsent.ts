// Consent status as the curator sees it in the bases, and the calendar helpers its forms
// need. The validity rule itself is the domain's hasValidConsent; this only adds the
// "expires soon" window.
import { EXPIRY_WARNING_DAYS, hasValidConsent, isCoveredOn } from '@/domain/consent';
import { addDays } from '@/domain/dates';
import type { Consent, IsoDate, Participant } from '@/domain/types';

export { addDays, EXPIRY_WARNING_DAYS };

export type ConsentStatus = 'valid' | 'expiring' | 'missing';

/** The local calendar day of an ISO date (not UTC midnight, which shifts west of Greenwich). */
export function dateFromIso(day: IsoDate): Date {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** 31 August closing the academic year (September – August) that `day` falls in. */
export function endOfAcademicYear(day: IsoDate): IsoDate {
  const [year = 0, month = 1] = day.split('-').map(Number);
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

export function consentStatus(
  participant: Pick<Participant, 'id' | 'is_minor'>,
  consents: readonly Consent[],
  today: IsoDate,
): ConsentStatus {
  if (!hasValidConsent(participant, consents, today)) return 'missing';
  const later = addDays(today, EXPIRY_WARNING_DAYS);
  return hasValidConsent(participant, consents, later) ? 'valid' : 'expiring';
}

/**
 * For those who may not read consent rows (a mentor about her mentees): a yes/no from the
 * server's participants.consent_covered_until, never an expiry date or any other detail of
 * the consent, and never a false «Нет согласия» for a consent she simply cannot read.
 */
export function coveredStatus(
  participant: Pick<Participant, 'consent_covered_until'>,
  today: IsoDate,
): 'valid' | 'missing' {
  return isCoveredOn(participant.consent_covered_until, today) ? 'valid' : 'missing';
}

/**
 * The status as this viewer may know it: from the consents (staff); a yes/no from the card
 * for a mentor about her own mentees (`isOwnMentee`); for anyone else nothing (null): a
 * mentee, a co-mentor or the person herself is shown no consent flag.
 */
export function statusFor(
  entry: { participant: Participant; consents: readonly Consent[] },
  canReadConsents: boolean,
  today: IsoDate,
  isOwnMentee = false,
): ConsentStatus | null {
  if (canReadConsents) return consentStatus(entry.participant, entry.consents, today);
  return isOwnMentee ? coveredStatus(entry.participant, today) : null;
}
