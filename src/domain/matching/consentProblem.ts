// The consent problem of a mentee: why she is not covered by a valid consent to personal-data
// processing today (the rule of domain/consent.ts), shown on every suggestion for her.
import { isConsentValidOn } from '../consent';
import type { IsoDate } from '../types';
import type { ConsentProblem, MatchConsent, MatchPerson } from './types';

/**
 * Why `person` is not covered by a valid consent on `today` (isConsentValidOn, the server's
 * rule), or null when she is. Of several lapsed consents the latest end is named.
 */
export function consentProblemOf(
  person: Pick<MatchPerson, 'id' | 'is_minor'>,
  consents: readonly MatchConsent[],
  today: IsoDate,
): ConsentProblem | null {
  const isMinor = person.is_minor ?? false;
  const own = consents.filter((c) => c.participant_id === person.id && c.deleted_at === null);
  const card = { is_minor: isMinor };
  if (own.some((c) => isConsentValidOn(c, card, today))) return null;
  // Consents that counted once (a minor's own signature never did).
  const counted = own.filter((c) => !isMinor || c.given_by === 'representative');
  const latest = (dates: (IsoDate | null)[]) =>
    dates.reduce<IsoDate | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  const ended = latest(
    counted
      .filter((c) => c.revoked_on === null && c.valid_until !== null && c.valid_until < today)
      .map((c) => c.valid_until),
  );
  if (ended) return { kind: 'expired', date: ended, isMinor };
  const revoked = latest(
    counted.filter((c) => c.revoked_on !== null && c.revoked_on <= today).map((c) => c.revoked_on),
  );
  if (revoked) return { kind: 'revoked', date: revoked, isMinor };
  return { kind: 'missing', date: null, isMinor };
}
