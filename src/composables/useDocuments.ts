// The documents page: the school's approval orders and pairs to choose from, the chosen
// document's content model (the preview shows it, the .docx writes it), the requisites the
// user completes, and the download. The docx writer loads only when a file is asked for.
import { computed, ref, shallowRef } from 'vue';
import { appDataContext } from '@/data/context';
import {
  observeDocumentSources,
  observePairDocumentFacts,
  saveDocumentRequisites,
} from '@/data/documentQueries';
import { localIsoDate } from '@/domain/dates';
import {
  approvalOrderDocument,
  developmentPlanDocument,
  mentorReportDocument,
  type DocumentModel,
  type SchoolRequisites,
} from '@/domain/documents';
import { groupOrders } from '@/domain/pairLife';
import { documentDocx } from '@/documents';
import { saveFile } from './saveFile';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

export type DocumentChoice =
  | { kind: 'approvalOrder'; orderKey: string }
  | { kind: 'developmentPlan' | 'mentorReport'; pairId: string };

export function useDocuments() {
  const session = useSessionStore();
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const sources = useLiveQuery(observeDocumentSources, schoolId);
  const choice = ref<DocumentChoice | null>(null);
  const pairId = () => (choice.value && 'pairId' in choice.value ? choice.value.pairId : null);
  const facts = useLiveQuery(observePairDocumentFacts, pairId);

  const pairs = computed(() => sources.data.value?.pairs ?? []);
  const orders = computed(() => groupOrders(pairs.value));
  const school = computed<SchoolRequisites>(
    () =>
      sources.data.value?.school ?? { name: null, shortName: null, place: null, director: null },
  );

  const model = computed<DocumentModel | null>(() => {
    const chosen = choice.value;
    if (!chosen) return null;
    if (chosen.kind === 'approvalOrder') {
      const order = orders.value.find((o) => o.key === chosen.orderKey);
      return order
        ? approvalOrderDocument({ school: school.value, order, pairs: order.pairs })
        : null;
    }
    const pair = pairs.value.find((p) => p.pair.id === chosen.pairId);
    const known = facts.data.value;
    if (!pair || !known || facts.isLoading.value) return null;
    if (chosen.kind === 'developmentPlan') {
      return developmentPlanDocument({ school: school.value, pair, ...known });
    }
    return mentorReportDocument({
      school: school.value,
      pair,
      meetings: known.meetings,
      tasks: known.tasks,
      hasPlan: known.plan !== null,
      results: known.results,
      today: localIsoDate(new Date()),
    });
  });

  const isDownloading = ref(false);
  const downloadFailed = ref(false);
  async function download(): Promise<void> {
    const current = model.value;
    if (!current || isDownloading.value) return;
    isDownloading.value = true;
    downloadFailed.value = false;
    try {
      saveFile(await documentDocx(current), `${current.fileName}.docx`);
    } catch {
      downloadFailed.value = true;
    } finally {
      isDownloading.value = false;
    }
  }

  const savedAt = shallowRef<Date | null>(null);
  async function saveRequisites(next: SchoolRequisites): Promise<void> {
    await saveDocumentRequisites(await appDataContext(), schoolId(), next);
    savedAt.value = new Date();
  }

  return {
    isLoading: sources.isLoading,
    loadFailed: computed(() => !!sources.error.value || !!facts.error.value),
    pairs,
    orders,
    school,
    choice,
    model,
    download,
    isDownloading,
    downloadFailed,
    saveRequisites,
    savedAt,
  };
}
