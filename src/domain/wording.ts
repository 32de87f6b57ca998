// Which words the app uses with whom. Student mentors in peer pairs («ученик – ученик») are
// 12–17: they get short, ты-form texts instead of the programme's official terms.
import type { Pair, ParticipantKind } from './types';

export interface WordingViewer {
  /** The user's own participant rows (signed in). */
  participantIds: readonly string[];
  /** Device-only: no account says who holds the phone, so the pair's form decides. */
  isDeviceOnly: boolean;
}

/** True when the viewer is the student mentor of a peer pair (or, device-only, any peer pair). */
export function usesTeenWording(
  pair: Pick<Pair, 'form'>,
  mentors: readonly { id: string; kind: ParticipantKind | null }[],
  viewer: WordingViewer,
): boolean {
  if (pair.form !== 'uchenik_uchenik') return false;
  if (viewer.isDeviceOnly) return true;
  return mentors.some((m) => m.kind === 'student' && viewer.participantIds.includes(m.id));
}
