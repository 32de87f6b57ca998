import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { observeParticipants } from '@/data/queries';
import { revokeConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { useCan } from './useAccess';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';
import { statusFor } from './useParticipantConsent';
import { useOwnMenteeIds } from './useParticipantList';

/**
 * One person with their consents, newest first, the staff's request about them, and revoking
 * a consent. Reads the whole (small, school-sized) base through observeParticipants: there is
 * no single-participant query in @/data yet. Staff read the consents; a mentor gets a yes/no
 * from the card and the request for her own mentees; a mentee's device holds neither.
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
  const can = useCan();
  const mayReadConsents = computed(() => can('viewConsents'));
  const menteeIds = useOwnMenteeIds();
  /** Staff: from the consents; her mentor: yes/no from the card; anyone else: nothing. */
  const status = computed(() =>
    participant.value
      ? statusFor(
          { participant: participant.value, consents: consents.value },
          mayReadConsents.value,
          today,
          menteeIds.value.includes(participant.value.id),
        )
      : null,
  );
  const request = computed(() => entry.value?.sensitive?.request ?? null);
  const isMissing = computed(() => !isLoading.value && !participant.value);
  const revoke = useCommand((ctx, consentId: string) => revokeConsent(ctx, consentId, today));

  return {
    participant,
    consents,
    status,
    request,
    canReadConsents: mayReadConsents,
    canRecordConsent: computed(() => can('recordConsent')),
    canRevokeConsent: computed(() => can('revokeConsent')),
    canEditRequest: computed(() => can('editSensitive')),
    canEdit: computed(() => can('editParticipant', { participantId: toValue(participantId) })),
    canEditContacts: computed(() =>
      can('editOwnContacts', { participantId: toValue(participantId) }),
    ),
    isLoading,
    isMissing,
    revokeConsent: (consentId: string) => revoke.run(consentId),
    revokeFailure: revoke.failure,
  };
}
