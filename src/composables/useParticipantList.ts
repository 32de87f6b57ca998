import { computed, ref } from 'vue';
import { observeParticipants } from '@/data/queries';
import { observeOwnMenteeIds } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import type { Participant } from '@/domain/types';
import { useCan, useInWorkspace } from './useAccess';
import { useViewer } from './useViewer';
import { useLiveQuery } from './useLiveQuery';
import { statusFor, type ConsentStatus } from './useParticipantConsent';

export const PEOPLE_FILTERS = ['all', 'mentors', 'mentees'] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];

export interface PersonWithStatus {
  participant: Participant;
  /** null: not this viewer's to know (see statusFor). */
  status: ConsentStatus | null;
}

/** The ids of the people the viewer mentors in a live pair (her mentor seats'). */
export function useOwnMenteeIds() {
  const viewer = useViewer();
  const { data } = useLiveQuery(observeOwnMenteeIds, () => viewer.value.participantIds);
  return computed(() => data.value ?? []);
}

/** Has she left the programme (archived by staff)? Such people are out of pickers and lists. */
export const isArchived = (p: Pick<Participant, 'archived_on'>): boolean => !!p.archived_on;

/**
 * Both bases (mentors and mentees) in one list, each person with their consent status.
 * `visible` leaves out those who left the programme unless `showArchived` is set.
 */
export function useParticipantList() {
  const { data, isLoading } = useLiveQuery(observeParticipants);
  const today = localIsoDate(new Date());
  const filter = ref<PeopleFilter>('all');
  const showArchived = ref(false);
  const can = useCan();
  const inWorkspace = useInWorkspace();
  const menteeIds = useOwnMenteeIds();

  const people = computed<PersonWithStatus[]>(() =>
    (data.value ?? [])
      .filter((entry) => inWorkspace(entry.participant))
      .map((entry) => ({
        participant: entry.participant,
        status: statusFor(
          entry,
          can('viewConsents'),
          today,
          menteeIds.value.includes(entry.participant.id),
        ),
      })),
  );
  const visible = computed(() =>
    people.value.filter(
      ({ participant: p }) =>
        (showArchived.value || !isArchived(p)) &&
        (filter.value === 'all' || (filter.value === 'mentors' ? p.is_mentor : p.is_mentee)),
    ),
  );
  const archivedCount = computed(
    () => people.value.filter((e) => isArchived(e.participant)).length,
  );
  return { people, visible, filter, showArchived, archivedCount, isLoading };
}
