// Invites for a whole class: one code per student of the class who has no account yet, issued
// by the server one after another (create_invite), kept only in this page's memory — like a
// single invite, the plain codes are never stored — for the printable sheet.
import { computed, ref, shallowRef } from 'vue';
import { loadSupabaseClient } from '@/api';
import type { IssuedInvite } from '@/api/invites';
import { observeStudents } from '@/data/rollImport';
import { defaultInviteRole, inviteJoinUrl } from '@/domain/invite';
import type { Participant } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { useInvite } from './useInvite';
import { useLiveQuery } from './useLiveQuery';
import { byRussianName } from '@/domain/collation';

export interface ClassInviteCard {
  participant: Participant;
  invite: IssuedInvite;
  url: string;
}

const byName = (a: Participant, b: Participant) => byRussianName(a.full_name, b.full_name);

export function useClassInvites() {
  const session = useSessionStore();
  const schoolId = computed(() =>
    session.workspace.kind === 'school' ? session.workspace.schoolId : undefined,
  );
  // Why invites cannot be issued here (device-only, offline, signed out), as for one person.
  const { block } = useInvite(schoolId);
  const { data, isLoading } = useLiveQuery(observeStudents);
  const classLabel = ref('');
  const issued = shallowRef<ReadonlyMap<string, IssuedInvite>>(new Map());
  const failedCount = ref(0);
  const progress = ref<{ done: number; total: number } | null>(null);

  const classes = computed(() =>
    [...new Set((data.value ?? []).map((p) => p.class_label).filter((c): c is string => !!c))].sort(
      (a, b) => a.localeCompare(b, 'ru', { numeric: true }),
    ),
  );
  const students = computed(() =>
    (data.value ?? []).filter((p) => p.class_label === classLabel.value).sort(byName),
  );
  /** The class's students who cannot sign in yet and have no code on this sheet. */
  const pending = computed(() =>
    students.value.filter((p) => !p.user_id && !issued.value.has(p.id)),
  );
  const withoutAccount = computed(() => students.value.filter((p) => !p.user_id).length);
  const cards = computed<ClassInviteCard[]>(() =>
    students.value.flatMap((participant) => {
      const invite = issued.value.get(participant.id);
      if (!invite) return [];
      const url = inviteJoinUrl(window.location.origin, import.meta.env.BASE_URL, invite.code);
      return [{ participant, invite, url }];
    }),
  );

  async function issueAll(): Promise<void> {
    if (progress.value || block.value) return;
    const queue = pending.value;
    progress.value = { done: 0, total: queue.length };
    failedCount.value = 0;
    try {
      const client = await loadSupabaseClient();
      if (!client) throw new Error('sync is not configured');
      const api = await import('@/api/invites');
      for (const participant of queue) {
        try {
          const invite = await api.createInvite(
            client,
            participant.id,
            defaultInviteRole(participant),
          );
          issued.value = new Map(issued.value).set(participant.id, invite);
        } catch (e) {
          console.error(e);
          failedCount.value++;
        }
        progress.value = { done: progress.value.done + 1, total: queue.length };
      }
    } catch (e) {
      console.error(e);
      failedCount.value = queue.length;
    } finally {
      progress.value = null;
    }
  }

  function chooseClass(label: string): void {
    classLabel.value = label;
    failedCount.value = 0;
  }

  return {
    block,
    isLoading,
    classes,
    classLabel,
    students,
    pending,
    withoutAccount,
    cards,
    progress,
    failedCount,
    issueAll,
    chooseClass,
  };
}
