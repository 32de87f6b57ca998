import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { loadSupabaseClient } from '@/api';
import type { IssuedInvite } from '@/api/invites';
import { inviteJoinUrl } from '@/domain/invite';
import { useSessionStore } from '@/stores/session';
import { useCan } from './useAccess';
import { useOnline } from './useOnline';

export type { IssuedInvite } from '@/api/invites';

export type InviteRoleChoice = 'mentor' | 'mentee';

/** Why this user cannot issue a code right now, or null when they can. */
export type InviteBlock =
  'device_only' | 'offline' | 'signed_out' | 'not_staff' | 'starting' | null;

function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown })?.reason;
  return typeof reason === 'string' ? reason : 'unknown';
}

/**
 * Issuing an invite code for one participant. The server returns the plain code once: it lives
 * only in this composable's state, never in IndexedDB, and is gone when the page closes.
 */
export function useInvite(schoolId: MaybeRefOrGetter<string | undefined>) {
  const session = useSessionStore();
  const isOnline = useOnline();
  const issued = shallowRef<IssuedInvite | null>(null);
  const isBusy = ref(false);
  const error = ref<string | null>(null);

  const can = useCan();
  // Staff of the workspace's school, and the participant belongs to that school.
  const isStaff = computed(
    () =>
      can('issueInvite') &&
      session.workspace.kind === 'school' &&
      session.workspace.schoolId === toValue(schoolId),
  );
  const block = computed<InviteBlock>(() => {
    if (session.isDeviceOnly) return 'device_only';
    // While a saved session resumes, the roles are not known yet: show nothing rather than guess.
    if (session.status === 'starting') return 'starting';
    if (session.status !== 'signed-in') return 'signed_out';
    if (!isStaff.value) return 'not_staff';
    if (!isOnline.value) return 'offline';
    return null;
  });
  const joinUrl = computed(() =>
    issued.value
      ? inviteJoinUrl(window.location.origin, import.meta.env.BASE_URL, issued.value.code)
      : '',
  );

  async function issue(participantId: string, role: InviteRoleChoice): Promise<void> {
    if (isBusy.value || block.value) return;
    isBusy.value = true;
    error.value = null;
    try {
      const client = await loadSupabaseClient();
      if (!client) throw new Error('sync is not configured');
      const api = await import('@/api/invites');
      issued.value = await api.createInvite(client, participantId, role);
    } catch (e) {
      error.value = reasonOf(e);
    } finally {
      isBusy.value = false;
    }
  }

  function reset(): void {
    issued.value = null;
    error.value = null;
  }

  /** Mentors, mentees, and anyone while the session resumes: no panel at all. */
  const isHidden = computed(
    () => !issued.value && (block.value === 'not_staff' || block.value === 'starting'),
  );

  return { block, isHidden, issued, joinUrl, isBusy, error, issue, reset };
}

export type ShareOutcome = 'copied' | 'copy_failed' | 'shared' | null;

/** "Скопировать" and "Поделиться" for an issued code; sharing only where the browser can. */
export function useInviteSharing() {
  const outcome = ref<ShareOutcome>(null);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';

  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      outcome.value = 'copied';
    } catch {
      // No clipboard (an http page, an old browser): the code stays on screen to copy by hand.
      outcome.value = 'copy_failed';
    }
  }

  async function share(data: { title: string; text: string; url: string }): Promise<void> {
    try {
      await navigator.share(data);
      outcome.value = 'shared';
    } catch {
      // The user closed the share sheet: nothing to report.
    }
  }

  return { outcome, canShare, copy, share };
}
