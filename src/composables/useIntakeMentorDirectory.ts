// The school's mentor directory while a mentee fills her own intake on her phone: before
// pairing she reads no mentor's card, so when online the server lists the school's mentors
// (api/mentorDirectory.ts) and this device keeps the answer (data/repos/intakes.ts); the form
// reads it through its live query (data/matchingQueries.ts), so a fresh answer shows at once
// and the last one still shows offline. `status` says which of the two she is looking at.
import { ref, watch } from 'vue';
import { loadSupabaseClient } from '@/api';
import { fetchMentorDirectory, MentorDirectoryError } from '@/api/mentorDirectory';
import { appDataContext } from '@/data/context';
import { keepMentorDirectory } from '@/data/repos/intakes';
import { useSessionStore } from '@/stores/session';
import { useOnline } from './useOnline';

/**
 * off: not asked (device-only mode, staff entry, a mentor's intake); loading; fresh: the
 * server answered now; offline: no connection; not_allowed / failed: the server refused or
 * failed (the last list kept, if any, still shows).
 */
export type MentorDirectoryStatus =
  'off' | 'loading' | 'fresh' | 'offline' | 'not_allowed' | 'failed';

export function useIntakeMentorDirectory(schoolId: () => string | null, isWanted: () => boolean) {
  const session = useSessionStore();
  const isOnline = useOnline();
  const status = ref<MentorDirectoryStatus>('off');
  let generation = 0;

  async function refresh(): Promise<void> {
    const mine = ++generation;
    const school = schoolId();
    if (!school || !isWanted() || session.isDeviceOnly || session.status === 'signed-out') {
      status.value = 'off';
      return;
    }
    if (!isOnline.value) {
      status.value = 'offline';
      return;
    }
    const client = loadSupabaseClient();
    // A saved session still resuming: ask once it is signed in (the watch below).
    if (!client || session.status !== 'signed-in') {
      status.value = client ? 'loading' : 'off';
      return;
    }
    status.value = 'loading';
    try {
      const mentors = await fetchMentorDirectory(await client, school);
      if (mine !== generation) return;
      await keepMentorDirectory(await appDataContext(), school, mentors);
      if (mine === generation) status.value = 'fresh';
    } catch (error) {
      if (mine !== generation) return;
      const reason = error instanceof MentorDirectoryError ? error.reason : 'unknown';
      status.value =
        reason === 'network' ? 'offline' : reason === 'not_allowed' ? 'not_allowed' : 'failed';
      if (!(error instanceof MentorDirectoryError)) console.error(error);
    }
  }

  watch([schoolId, isWanted, isOnline, () => session.status], () => void refresh(), {
    immediate: true,
  });
  return { status, refresh };
}
