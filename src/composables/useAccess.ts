// The access table (domain/access.ts) as the screens read it: `can(action, context?)` for the
// user's workspace. Every action control calls it and carries data-action="<action>".
import { computed } from 'vue';
import {
  can as canIn,
  ownParticipantIds,
  seatIn,
  type AccessContext,
  type Action,
} from '@/domain/access';
import type { PairPeople } from '@/domain/pairs';
import { useSessionStore } from '@/stores/session';

/** `can(action, context?)` in the user's workspace (reactive when called in a render). */
export function useCan() {
  const session = useSessionStore();
  return (action: Action, context?: AccessContext) => canIn(session.workspace, action, context);
}

/** The signed-in user's own participant ids in the workspace's school. */
export function useOwnParticipantIds() {
  const session = useSessionStore();
  return computed(() => ownParticipantIds(session.workspace));
}

/** The user's own seat in a pair on a side (a mentee confirms and asks for herself only). */
export function useSeatIn(pair: () => PairPeople | null | undefined, side: 'mentor' | 'mentee') {
  const session = useSessionStore();
  return computed(() => seatIn(session.workspace, pair(), side));
}

/**
 * Whether a row belongs to the workspace's school: one database holds every school of the
 * user, the screens list the workspace's (device-only: the device's one local school).
 */
export function useInWorkspace() {
  const session = useSessionStore();
  return (row: { school_id: string }) =>
    session.workspace.kind !== 'school' || row.school_id === session.workspace.schoolId;
}
