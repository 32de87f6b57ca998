// The documents page: the school's approval orders and pairs to choose from, the chosen
// document's content model (the preview shows it, the .docx writes it), the requisites the
// user completes, and the download. The docx writer loads only when a file is asked for.
import { computed, ref, shallowRef } from 'vue';
import { appDataContext } from '@/data/context';
import {
  EMPTY_YEAR_ORDERS,
  observeAnalyticalReport,
  observeDocumentSources,
  observePairDocumentFacts,
  observeYearDocumentSources,
  saveYearOrderRequisites,
  type YearOrderRequisites,
} from '@/data/documentQueries';
import { observeSchoolRequisites, saveSchoolRequisites } from '@/data/repos/schoolRequisites';
import { localIsoDate } from '@/domain/dates';
import {
  analyticalReportDocument,
  approvalOrderDocument,
  curatorOrderDocument,
  developmentPlanDocument,
  mentorReportDocument,
  mentorsOrderDocument,
  type DocumentModel,
  type DocumentYear,
  type SchoolRequisites,
} from '@/domain/documents';
import { groupOrders } from '@/domain/pairLife';
import { documentDocx } from '@/documents';
import { saveFile } from './saveFile';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

export const YEAR_DOCUMENT_KINDS = ['curatorOrder', 'mentorsOrder', 'analyticalReport'] as const;
export type YearDocumentKind = (typeof YEAR_DOCUMENT_KINDS)[number];

export type DocumentChoice =
  | { kind: 'approvalOrder'; orderKey: string }
  | { kind: 'developmentPlan' | 'mentorReport'; pairId: string }
  | { kind: YearDocumentKind; year: string };

export function useDocuments() {
  const session = useSessionStore();
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const sources = useLiveQuery(observeDocumentSources, schoolId);
  // The requisites live on the school's synced row (the same header on every staff device).
  const requisites = useLiveQuery(observeSchoolRequisites, schoolId);
  const choice = ref<DocumentChoice | null>(null);
  const pairId = () => (choice.value && 'pairId' in choice.value ? choice.value.pairId : null);
  const facts = useLiveQuery(observePairDocumentFacts, pairId);
  const yearSources = useLiveQuery(observeYearDocumentSources, schoolId);
  const years = computed<DocumentYear[]>(() => yearSources.data.value?.years ?? []);
  const yearOrders = computed<Record<string, YearOrderRequisites>>(
    () => yearSources.data.value?.orders ?? {},
  );
  const chosenYear = () => {
    const chosen = choice.value;
    return chosen && 'year' in chosen
      ? years.value.find((y) => y.label === chosen.year)
      : undefined;
  };
  // The report reads every meeting of the year: only while it is the chosen document. A string
  // key, so that an unrelated change of the year list does not read them all again.
  const reportKey = () => {
    const year = choice.value?.kind === 'analyticalReport' ? chosenYear() : undefined;
    return year ? JSON.stringify({ schoolId: schoolId(), year }) : null;
  };
  const report = useLiveQuery(
    (ctx, key: string | null) =>
      observeAnalyticalReport(
        ctx,
        key ? (JSON.parse(key) as { schoolId: string | null; year: DocumentYear }) : null,
      ),
    reportKey,
  );

  const pairs = computed(() => sources.data.value?.pairs ?? []);
  const orders = computed(() => groupOrders(pairs.value));
  const school = computed<SchoolRequisites>(
    () => requisites.data.value ?? { name: null, shortName: null, place: null, director: null },
  );

  const model = computed<DocumentModel | null>(() => {
    const chosen = choice.value;
    if (!chosen) return null;
    if ('year' in chosen) {
      const year = chosenYear();
      if (!year) return null;
      const typed = yearOrders.value[year.label] ?? EMPTY_YEAR_ORDERS;
      const curator = typed.curator.full_name.trim() ? typed.curator : null;
      if (chosen.kind === 'curatorOrder') {
        return curatorOrderDocument({
          school: school.value,
          order: typed.curatorOrder,
          year,
          curator: typed.curator,
        });
      }
      if (chosen.kind === 'mentorsOrder') {
        return mentorsOrderDocument({
          school: school.value,
          order: typed.mentorsOrder,
          year,
          pairs: pairs.value,
          curator,
        });
      }
      const data = report.data.value;
      if (!data || report.isLoading.value) return null;
      return analyticalReportDocument({
        school: school.value,
        facts: data.facts,
        kpis: data.kpis,
        curator,
        today: localIsoDate(new Date()),
      });
    }
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
    await saveSchoolRequisites(await appDataContext(), schoolId(), next);
    savedAt.value = new Date();
  }

  const yearSavedAt = shallowRef<Date | null>(null);
  async function saveYearOrders(year: string, value: YearOrderRequisites): Promise<void> {
    await saveYearOrderRequisites(await appDataContext(), schoolId(), year, value);
    yearSavedAt.value = new Date();
  }

  return {
    isLoading: computed(
      () => sources.isLoading.value || requisites.isLoading.value || yearSources.isLoading.value,
    ),
    loadFailed: computed(
      () =>
        !!sources.error.value ||
        !!requisites.error.value ||
        !!facts.error.value ||
        !!yearSources.error.value ||
        !!report.error.value,
    ),
    years,
    yearOrders,
    staff: computed(() => yearSources.data.value?.staff ?? []),
    saveYearOrders,
    yearSavedAt,
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
