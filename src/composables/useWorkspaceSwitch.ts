import { computed } from 'vue';
import { observeSchoolNames } from '@/data/repos/schools';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

/**
 * The schools a person with memberships in several can act in, named, and the switch between
 * them (session.switchSchool: same database and outbox, another school for new rows).
 */
export function useWorkspaceSwitch() {
  const session = useSessionStore();
  const { data: names } = useLiveQuery(observeSchoolNames);
  const schools = computed(() =>
    session.schools.map((id, index) => ({ id, name: names.value?.[id] ?? null, index })),
  );
  const current = computed(() =>
    session.workspace.kind === 'school' ? session.workspace.schoolId : null,
  );
  const isShown = computed(() => schools.value.length > 1);
  return { schools, current, isShown, switchTo: (id: string) => session.switchSchool(id) };
}
