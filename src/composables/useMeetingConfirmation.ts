import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { confirmMeeting } from '@/data/repos/meetings';
import { confirmationsByMeeting } from '@/domain/meetings';
import type { PairPerson } from '@/domain/pairs';
import type { MeetingConfirmation } from '@/domain/types';
import { useCommand } from './useCommand';

/** The mentee's "the meeting took place", with an optional reflection, for herself only. */
export function useMeetingConfirmation() {
  return useCommand(confirmMeeting);
}

/** One mentee's confirmation as a meeting shows it; the name only in a group. */
export interface ConfirmationLine {
  id: string;
  name: string | null;
  reflection: string | null;
}

/**
 * Each meeting's confirmations, one line per mentee (the device holds all of them for the
 * mentor and staff, and only her own for a mentee, so she never sees another's reflection).
 */
export function useConfirmationLines(
  pair: MaybeRefOrGetter<
    | { mentees: readonly PairPerson[]; confirmations: readonly MeetingConfirmation[] }
    | null
    | undefined
  >,
) {
  return computed(() => {
    const value = toValue(pair);
    const lines = new Map<string, ConfirmationLine[]>();
    if (!value) return lines;
    const isGroup = value.mentees.length > 1;
    for (const [meetingId, rows] of confirmationsByMeeting(value.confirmations)) {
      lines.set(
        meetingId,
        rows.map((c) => ({
          id: c.id,
          name: isGroup
            ? (value.mentees.find((p) => p.id === c.participant_id)?.full_name ?? null)
            : null,
          reflection: c.reflection,
        })),
      );
    }
    return lines;
  });
}
