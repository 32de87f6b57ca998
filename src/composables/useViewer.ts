import { computed } from 'vue';
import type { ReminderViewer } from '@/domain/reminders';
import { useSessionStore } from '@/stores/session';

/** Who is using the app, as the domain rules (reminders, wording) need to know it. */
export function useViewer() {
  const session = useSessionStore();
  return computed<ReminderViewer>(() => ({
    participantIds: session.memberships
      .map((m) => m.participant_id)
      .filter((id): id is string => id !== null),
    isDeviceOnly: session.isDeviceOnly,
    isCoordinator: session.isStaff,
  }));
}
