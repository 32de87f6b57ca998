// The curator's triage: ranked items from the school index (useSchoolOverview), the snoozed
// ones hidden unless asked for, and the "not now" / "show again" commands.
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { snoozeTriageItem, unsnoozeTriageItem } from '@/data/repos/triage';
import type { SchoolIndex } from '@/domain/schoolOverview';
import { triage, type SnoozeInput } from '@/domain/triage';
import type { IsoDate } from '@/domain/types';
import { useCan } from './useAccess';
import { useCommand } from './useCommand';
import { nextTask } from './useSchoolOverview';

/** Items shown at first, and added by each "show more": a long list never renders at once. */
export const TRIAGE_PAGE = 30;

export function useTriage(index: Ref<SchoolIndex | null>, today: IsoDate) {
  const can = useCan();
  const showSnoozed = ref(false);
  const shown = ref(TRIAGE_PAGE);
  // The triage is ranked one task after the index arrives: the numbers it came with are
  // rendered first, and neither chunk of main-thread work grows past 50 ms.
  const ranked = shallowRef<SchoolIndex | null>(null);
  let generation = 0;
  watch(
    index,
    async (value) => {
      const mine = ++generation;
      if (value) await nextTask();
      if (mine === generation) ranked.value = value;
    },
    { immediate: true },
  );
  const result = computed(() =>
    ranked.value ? triage(ranked.value, { showSnoozed: showSnoozed.value }) : null,
  );
  /** The items are ranked (false while the school's work is still being read). */
  const isReady = computed(() => result.value !== null);
  const items = computed(() => result.value?.items.slice(0, shown.value) ?? []);
  const total = computed(() => result.value?.items.length ?? 0);
  const snoozedCount = computed(() => result.value?.snoozed ?? 0);
  const canSnooze = computed(() => can('snoozeTriage'));

  const snooze = useCommand((ctx, input: SnoozeInput) => snoozeTriageItem(ctx, input, today));
  const unsnooze = useCommand(unsnoozeTriageItem);

  return {
    isReady,
    items,
    total,
    snoozedCount,
    showSnoozed,
    showMore: () => (shown.value += TRIAGE_PAGE),
    canSnooze,
    snooze,
    unsnooze,
  };
}
