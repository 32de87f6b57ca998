import { computed } from 'vue';
import { observeOwnParticipants } from '@/data/queries';
import { mustWaitForConsent } from '@/domain/consent';
import { localIsoDate } from '@/domain/dates';
import { useOwnParticipantIds } from './useAccess';
import { useLiveQuery } from './useLiveQuery';

/**
 * True while the signed-in user is a minor whose parents' consent does not cover today: the
 * server stores nothing from her account, so the app shows her a waiting screen instead of
 * forms (domain/consent.ts mustWaitForConsent).
 */
export function useConsentGate() {
  const ownIds = useOwnParticipantIds();
  const { data } = useLiveQuery(observeOwnParticipants, () => ownIds.value);
  return computed(
    () => ownIds.value.length > 0 && mustWaitForConsent(data.value ?? [], localIsoDate(new Date())),
  );
}
