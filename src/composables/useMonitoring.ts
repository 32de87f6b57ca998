// The monitoring results of the workspace's school, live, under the user's filter (form;
// mentors or mentees), with the numbers formatted the same way in every table and chart.
import { computed, reactive, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { observeMonitoring } from '@/data/monitoringQueries';
import { monitoringReport, type MonitoringFilter } from '@/domain/monitoring';
import { localizedText, type LocalizedText } from '@/domain/questionnaires';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

export function useMonitoring() {
  const session = useSessionStore();
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const { data, isLoading, error } = useLiveQuery(observeMonitoring, schoolId);
  const filter = reactive<MonitoringFilter>({ form: 'all', side: 'all' });
  const report = computed(() => (data.value ? monitoringReport(data.value, { ...filter }) : null));
  // A form the school no longer has (its last pair deleted) cannot stay chosen.
  watch(
    () => report.value?.forms,
    (forms) => {
      if (forms && filter.form !== 'all' && !forms.includes(filter.form)) filter.form = 'all';
    },
  );
  return { report, filter, isLoading, error };
}

/** Scores with one decimal, changes with their sign; «—» where there is no value. */
export function useMonitoringFormat() {
  const { n, t, locale } = useI18n();
  const digits = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  return {
    score: (value: number | null) => (value === null ? t('monitoring.none') : n(value, digits)),
    change: (value: number | null) =>
      value === null ? t('monitoring.none') : n(value, { ...digits, signDisplay: 'exceptZero' }),
    text: (text: LocalizedText) => localizedText(text, locale.value),
  };
}
