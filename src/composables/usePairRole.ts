// Which side of a pair the signed-in user is on. A person can mentor one pair and be mentored
// in another; staff (curator, school admin) and device-only users run every pair.
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { Participant } from '@/domain/types';
import { useSessionStore } from '@/stores/session';

interface PairPeople {
  mentors: readonly Pick<Participant, 'id'>[];
  mentees: readonly Pick<Participant, 'id'>[];
}

export type PairRole = 'mentor' | 'mentee' | 'staff';

/** The user's side in one pair: their own mentor or mentee seat first, else the school's staff. */
export function pairRoleOf(
  pair: PairPeople,
  memberships: readonly { role: string; participant_id: string | null }[],
): PairRole {
  // No account (device-only mode) means no seat in any pair: the user runs them all.
  const mine = new Set(memberships.map((m) => m.participant_id).filter((id) => id !== null));
  if (pair.mentors.some((p) => mine.has(p.id))) return 'mentor';
  if (pair.mentees.some((p) => mine.has(p.id))) return 'mentee';
  return 'staff';
}

export function usePairRole(pair: MaybeRefOrGetter<PairPeople | null | undefined>) {
  const session = useSessionStore();
  return computed<PairRole | null>(() => {
    const value = toValue(pair);
    return value ? pairRoleOf(value, session.memberships) : null;
  });
}
