import { confirmMeeting } from '@/data/repos/meetings';
import { useCommand } from './useCommand';

/** The mentee's "the meeting took place", with an optional reflection. */
export function useMeetingConfirmation() {
  return useCommand(confirmMeeting);
}
