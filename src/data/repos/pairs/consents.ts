// Owns the consent reads behind pairs: the members of a pair with the consents the device
// holds (for approval), whether one person is covered today (for joining a running pair),
// and the live coverage of everyone this viewer may know about.
import { liveQuery } from 'dexie';
import { hasValidConsent, isCoveredOn } from '@/domain/consent';
import type { MemberConsents } from '@/domain/pairLife';
import type { IsoDate, Participant, Uuid } from '@/domain/types';
import type { DataContext } from '../../context';
import type { Observable } from '../../queries';
import { liveMembers } from './shared';

/** The members of a pair with their cards and the consents the device holds. */
export async function memberConsents(ctx: DataContext, pairId: Uuid): Promise<MemberConsents[]> {
  const members = await liveMembers(ctx, pairId);
  return Promise.all(
    members.map(async (member) => {
      const person = await ctx.db.participants.get(member.participant_id);
      const consents = (
        await ctx.db.consents.where('participant_id').equals(member.participant_id).toArray()
      ).filter((c) => c.deleted_at === null);
      return {
        participant: person ?? { id: member.participant_id, full_name: '', is_minor: false },
        consents: person ? consents : [],
      };
    }),
  );
}

/** Anyone, from any device: whether a participant is covered by a valid consent today. */
export async function hasConsentNow(ctx: DataContext, person: Participant, today: IsoDate) {
  const consents = await ctx.db.consents.where('participant_id').equals(person.id).toArray();
  return hasValidConsent(person, consents, today);
}

/**
 * Who is covered by a valid consent today, as this viewer may know it: from the consents for
 * staff; else from the server's participants.consent_covered_until. A person the device knows
 * nothing about is left out (the caller treats her as covered: never a false red flag).
 */
export function observeConsentCoverage(
  ctx: DataContext,
  readsConsents: boolean,
  today: IsoDate,
): Observable<Map<Uuid, boolean>> {
  return liveQuery(async () => {
    const people = (await ctx.db.participants.toArray()).filter((p) => p.deleted_at === null);
    const coverage = new Map<Uuid, boolean>();
    if (readsConsents) {
      const consents = (await ctx.db.consents.toArray()).filter((c) => c.deleted_at === null);
      for (const p of people) coverage.set(p.id, hasValidConsent(p, consents, today));
    } else {
      for (const p of people) {
        if (p.consent_covered_until !== undefined) {
          coverage.set(p.id, isCoveredOn(p.consent_covered_until, today));
        }
      }
    }
    return coverage;
  });
}
