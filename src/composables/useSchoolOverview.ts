// The school at a glance for the curator's home and the lists behind its numbers: two live
// reads of the workspace school's rows (data/overviewQueries.ts), the people and pairs first,
// the pairs' work (meetings, plans, questionnaires…) once the first arrived, so the first
// numbers show while the rest is read. Indexed once per change and shared with the triage
// (useTriage takes the index).
import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DataContext } from '@/data/context';
import { observeSchoolPeople, observeSchoolWork } from '@/data/overviewQueries';
import type { Observable } from '@/data/queries';
import { localIsoDate } from '@/domain/dates';
import {
  byRussianName,
  findMetric,
  indexPeople,
  pairSubject,
  peopleOverview,
  withWork,
  workOverview,
  type PeopleIndex,
  type PeopleOverview,
  type SchoolIndex,
  type SchoolOverview,
  type WorkFacts,
  type WorkOverview,
} from '@/domain/schoolOverview';
import type { IsoDate, Pair, Participant } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

type Source = { schoolId: string | null; today: IsoDate };

/** An observable that never emits: the work read waits for the people read. */
const WAITING: Observable<never> = { subscribe: () => ({ unsubscribe() {} }) };

const observeWorkWhenAsked = (ctx: DataContext, source: Source | null): Observable<WorkFacts> =>
  source ? observeSchoolWork(ctx, source) : WAITING;

/** The school at a glance as far as it is read: the work part null while it is counted. */
export interface Glance {
  people: PeopleOverview;
  work: WorkOverview | null;
}

/** The next macrotask: lets the browser paint and handle input between two chunks of work. */
export const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

export function useSchoolOverview() {
  const session = useSessionStore();
  // The user's day when the screen opened: the numbers of "today" and "this month".
  const today = localIsoDate(new Date());
  // Device-only: the device's one school, whatever its id (useInWorkspace's rule).
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const people = useLiveQuery(observeSchoolPeople, () => ({ schoolId: schoolId(), today }));
  // The work read starts once the people's numbers are out: the two would share the main
  // thread and IndexedDB, and the first numbers matter most.
  const peopleRead = computed(() => people.data.value !== undefined);
  const work = useLiveQuery(observeWorkWhenAsked, () =>
    peopleRead.value ? { schoolId: schoolId(), today } : null,
  );

  const peopleIndex = computed<PeopleIndex | null>(() =>
    people.data.value ? indexPeople(people.data.value) : null,
  );
  const firstNumbers = computed(() =>
    peopleIndex.value ? peopleOverview(peopleIndex.value) : null,
  );
  /**
   * The whole index, one task after the people's numbers were rendered (each its own chunk
   * of main-thread work, below 50 ms on a throttled tablet): built from the latest people
   * index and work facts.
   */
  const index = shallowRef<SchoolIndex | null>(null);
  let generation = 0;
  watch(
    [peopleIndex, work.data],
    async ([p, w]) => {
      const mine = ++generation;
      if (!p || !w) return;
      await nextTask();
      if (mine === generation) index.value = withWork(p, w);
    },
    { immediate: true },
  );
  const workNumbers = computed(() => (index.value ? workOverview(index.value) : null));
  /** The numbers as far as they are read (the home shows «считаю…» for the work part). */
  const glance = computed<Glance | null>(() =>
    firstNumbers.value ? { people: firstNumbers.value, work: workNumbers.value } : null,
  );
  const overview = computed<SchoolOverview | null>(() =>
    firstNumbers.value && workNumbers.value
      ? { ...firstNumbers.value, ...workNumbers.value }
      : null,
  );
  const error = computed(() => people.error.value ?? work.error.value);
  const isLoading = computed(() => overview.value === null && !error.value);
  return { index, overview, glance, isLoading, error, today };
}

/** The label of a metric key (the route parameter of overview-list), in the user's language. */
export function useMetricLabel() {
  const { t, te } = useI18n();
  return (key: string): string => {
    const [group = '', value = ''] = key.split(/:(.*)/s);
    switch (group) {
      case 'kind':
        return t(`people.kinds.${value}`);
      case 'category':
        return te(`overview.categories.${value}`) ? t(`overview.categories.${value}`) : value;
      case 'form':
        return t(`forms.${value}`);
      case 'status':
        return value === 'paused' ? t('overview.paused') : t(`pairs.status.${value}`);
      default:
        return te(`overview.metric.${key.replace(':', '_')}`)
          ? t(`overview.metric.${key.replace(':', '_')}`)
          : key;
    }
  };
}

export type OverviewListRow =
  | { of: 'people'; id: string; name: string; kind: Participant['kind']; classLabel: string | null }
  | {
      of: 'pairs';
      id: string;
      name: string;
      form: Pair['form'];
      status: Pair['status'];
      paused: boolean;
    };

/** The list behind one number of the overview (route overview-list, param metric). */
export function useOverviewList(metricKey: MaybeRefOrGetter<string>) {
  const { index, overview, isLoading } = useSchoolOverview();
  const metric = computed(() =>
    overview.value ? findMetric(overview.value, toValue(metricKey)) : null,
  );
  const rows = computed<OverviewListRow[]>(() => {
    const i = index.value;
    const m = metric.value;
    if (!i || !m) return [];
    const out: OverviewListRow[] = m.ids.flatMap((id): OverviewListRow[] => {
      if (m.of === 'people') {
        const p = i.cards.get(id);
        return p
          ? [{ of: 'people', id, name: p.full_name, kind: p.kind, classLabel: p.class_label }]
          : [];
      }
      const pair = i.pairById.get(id);
      return pair
        ? [
            {
              of: 'pairs',
              id,
              name: pairSubject(i, id),
              form: pair.form,
              status: pair.status,
              paused: i.paused.has(id),
            },
          ]
        : [];
    });
    return out.sort((a, b) => byRussianName(a.name, b.name));
  });
  return { metric, rows, isLoading };
}
