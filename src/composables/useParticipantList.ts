import { computed, ref } from 'vue';
import { observeParticipants } from '@/data/queries';
import { localIsoDate } from '@/domain/dates';
import type { Participant } from '@/domain/types';
import { useCan, useInWorkspace } from './useAccess';
import { useLiveQuery } from './useLiveQuery';
import { statusFor, type ConsentStatus } from './useParticipantConsent';

export const PEOPLE_FILTERS = ['all', 'mentors', 'mentees'] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];

export interface PersonWithStatus {
  participant: Participant;
  status: ConsentStatus;
}

/** Both bases (mentors and mentees) in one list, each person with their consent status. */
export function useParticipantList() {
  const { data, isLoading } = useLiveQuery(observeParticipants);
  const today = localIsoDate(new Date());
  const filter = ref<PeopleFilter>('all');
  const can = useCan();
  const inWorkspace = useInWorkspace();

  const people = computed<PersonWithStatus[]>(() =>
    (data.value ?? [])
      .filter((entry) => inWorkspace(entry.participant))
      .map((entry) => ({
        participant: entry.participant,
        status: statusFor(entry, can('viewConsents'), today),
      })),
  );
  const visible = computed(() =>
    people.value.filter(
      ({ participant: p }) =>
        filter.value === 'all' || (filter.value === 'mentors' ? p.is_mentor : p.is_mentee),
    ),
  );
  return { people, visible, filter, isLoading };
}
