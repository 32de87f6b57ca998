import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { observeParticipants } from '@/data/queries';
import { revokeConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { consentStatus } from './useParticipantConsent';

/**
 * One person with their consents, newest first, and revoking a consent. Reads the whole (small, school-sized) base
 * through observeParticipants: there is no single-participant query in @/data yet.
 */
export function useParticipant(participantId: MaybeRefOrGetter<string>) {
  const { data, isLoading } = useLiveQuery(observeParticipants);
  const today = localIsoDate(new Date());

  const entry = computed(() =>
    data.value?.find((e) => e.participant.id === toValue(participantId)),
  );
  const participant = computed(() => entry.value?.participant);
  const consents = computed(() =>
    [...(entry.value?.consents ?? [])].sort((a, b) => b.signed_on.localeCompare(a.signed_on)),
  );
  const status = computed(() =>
    participant.value ? consentStatus(participant.value, consents.value, today) : 'missing',
  );
  const isMissing = computed(() => !isLoading.value && !participant.value);
  const revoke = useCommand((ctx, consentId: string) => revokeConsent(ctx, consentId, today));

  return {
    participant,
    consents,
    status,
    isLoading,
    isMissing,
    revokeConsent: (consentId: string) => revoke.run(consentId),
    revokeFailure: revoke.failure,
  };
}
