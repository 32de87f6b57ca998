// Which side of a pair the signed-in user is on (the rule: domain/pairs.ts pairRoleOf).
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { pairRoleOf, type PairPeople, type PairRole } from '@/domain/pairs';
import { useSessionStore } from '@/stores/session';

export function usePairRole(pair: MaybeRefOrGetter<PairPeople | null | undefined>) {
  const session = useSessionStore();
  return computed<PairRole | null>(() => {
    const value = toValue(pair);
    return value ? pairRoleOf(value, session.memberships) : null;
  });
}
