// The school at a glance for the curator's home and the lists behind its numbers: three live
// reads of the workspace school's rows (data/overviewQueries.ts), each started once the one
// before it delivered — the pairs, the people, then the consents and the pairs' work — so the
// first numbers show while the rest is read. Each step's computing and rendering is its own
// main-thread task (a tablet must stay responsive: none above 50 ms). The index is shared
// with the triage (useTriage takes it).
import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DataContext } from '@/data/context';
import { observeSchoolPairs, observeSchoolPeople, observeSchoolWork } from '@/data/overviewQueries';
import type { Observable } from '@/data/queries';
import { byRussianName } from '@/domain/collation';
import { localIsoDate } from '@/domain/dates';
import {
  findMetric,
  formsOverview,
  indexConsents,
  indexPeople,
  pairSubject,
  peopleOverview,
  withWork,
  workOverview,
  type Metric,
  type PeopleOverview,
  type PeopleRows,
  type SchoolIndex,
  type SchoolOverview,
  type WorkFacts,
  type WorkOverview,
} from '@/domain/schoolOverview';
import type { IsoDate, Pair, Participant } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

type Source = { schoolId: string | null; today: IsoDate };

/** An observable that never emits: a read waiting for the one before it. */
const WAITING: Observable<never> = { subscribe: () => ({ unsubscribe() {} }) };
const whenAsked =
  <T>(observe: (ctx: DataContext, source: Source) => Observable<T>) =>
  (ctx: DataContext, source: Source | null): Observable<T> =>
    source ? observe(ctx, source) : WAITING;
const observePeopleWhenAsked = whenAsked<PeopleRows>(observeSchoolPeople);
const observeWorkWhenAsked = whenAsked<WorkFacts>(observeSchoolWork);

/** The school at a glance as far as it is read (null parts are still being counted). */
export interface Glance {
  /** Live pairs by form: from the pairs alone, the first numbers. */
  forms: Metric[];
  people: PeopleOverview | null;
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
  const source = (): Source => ({
    schoolId: session.workspace.kind === 'school' ? session.workspace.schoolId : null,
    today,
  });
  // Each read starts once the one before it delivered: they would share the main thread and
  // IndexedDB, and the first numbers matter most.
  const pairs = useLiveQuery(observeSchoolPairs, source);
  const pairsRead = computed(() => pairs.data.value !== undefined);
  const people = useLiveQuery(observePeopleWhenAsked, () => (pairsRead.value ? source() : null));
  const peopleRead = computed(() => people.data.value !== undefined);
  const work = useLiveQuery(observeWorkWhenAsked, () => (peopleRead.value ? source() : null));

  const forms = shallowRef<Metric[] | null>(null);
  const firstNumbers = shallowRef<PeopleOverview | null>(null);
  /** The whole index (people and work), for the triage and the lists behind the numbers. */
  const index = shallowRef<SchoolIndex | null>(null);
  const workNumbers = shallowRef<WorkOverview | null>(null);

  // The steps from the latest rows: a change restarts them (an older run stops at its next
  // step). Between steps the browser renders what the last one set.
  let generation = 0;
  async function compute() {
    const mine = ++generation;
    const stale = async () => {
      await nextTask();
      return mine !== generation;
    };
    const p = pairs.data.value;
    if (!p) return;
    forms.value = formsOverview(p.pairs);
    const rows = people.data.value;
    if (!rows || (await stale())) return;
    const peopleIndex = indexPeople({ ...p, ...rows });
    if (await stale()) return;
    const numbers = peopleOverview(peopleIndex);
    if (await stale()) return;
    firstNumbers.value = numbers;
    const w = work.data.value;
    if (!w || (await stale())) return;
    const consents = indexConsents(peopleIndex, w.consents);
    if (await stale()) return;
    const full = withWork(peopleIndex, w, consents);
    if (await stale()) return;
    workNumbers.value = workOverview(full);
    index.value = full;
  }
  watch([pairs.data, people.data, work.data], () => void compute(), { immediate: true });

  /** The numbers as far as they are read (the home shows «считаю…» for the rest). */
  const glance = computed<Glance | null>(() =>
    forms.value
      ? { forms: forms.value, people: firstNumbers.value, work: workNumbers.value }
      : null,
  );
  const overview = computed<SchoolOverview | null>(() =>
    firstNumbers.value && workNumbers.value
      ? { ...firstNumbers.value, ...workNumbers.value }
      : null,
  );
  const error = computed(() => pairs.error.value ?? people.error.value ?? work.error.value);
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
