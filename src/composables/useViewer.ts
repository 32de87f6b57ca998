import { computed } from 'vue';
import type { ReminderViewer } from '@/domain/reminders';
import { ownParticipantIds } from '@/domain/access';
import { useSessionStore } from '@/stores/session';

/** Who is using the app, as the domain rules (reminders, wording) need to know it. */
export function useViewer() {
  const session = useSessionStore();
  return computed<ReminderViewer>(() => ({
    participantIds: ownParticipantIds(session.workspace),
    isDeviceOnly: session.workspace.kind === 'device-only',
    isCoordinator: session.isStaff,
  }));
}
