// The curator's triage: ranked items from the school index (useSchoolOverview), the snoozed
// ones hidden unless asked for, and the "not now" / "show again" commands.
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { snoozeTriageItem, unsnoozeTriageItem } from '@/data/repos/triage';
import type { SchoolIndex } from '@/domain/schoolOverview';
import {
  rankTriage,
  triageParts,
  type SnoozeInput,
  type Triage,
  type TriageDraft,
} from '@/domain/triage';
import type { IsoDate } from '@/domain/types';
import { useCan } from './useAccess';
import { useCommand } from './useCommand';
import { nextTask } from './useSchoolOverview';

/** Items shown at first, and added by each "show more": a long list never renders at once. */
export const TRIAGE_PAGE = 30;
/** Items rendered per task while a page of them appears. */
export const RENDER_STEP = 8;

export function useTriage(index: Ref<SchoolIndex | null>, today: IsoDate) {
  const can = useCan();
  const showSnoozed = ref(false);
  const shown = ref(TRIAGE_PAGE);
  // The triage is found part by part (consents, requests, pairs, people), each part in its
  // own task after the index arrived, then ranked and rendered in another: the numbers the
  // index came with are rendered first, and no chunk of main-thread work grows past 50 ms.
  const found = shallowRef<{ index: SchoolIndex; drafts: TriageDraft[] } | null>(null);
  /** The ranking the watch below made, reused by the render of those items. */
  let rankedFor: { found: unknown; showSnoozed: boolean; ranked: Triage } | null = null;
  let generation = 0;
  watch(
    index,
    async (value) => {
      const mine = ++generation;
      if (!value) {
        found.value = null;
        return;
      }
      const drafts: TriageDraft[] = [];
      for (const part of triageParts(value)) {
        await nextTask();
        if (mine !== generation) return;
        drafts.push(...part());
      }
      await nextTask();
      if (mine !== generation) return;
      const next = { index: value, drafts };
      const ranked = rankTriage(value, drafts, { showSnoozed: showSnoozed.value });
      // Ranked in this task, rendered in the next.
      await nextTask();
      if (mine !== generation) return;
      rankedFor = { found: next, showSnoozed: showSnoozed.value, ranked };
      found.value = next;
    },
    { immediate: true },
  );
  const result = computed(() => {
    const f = found.value;
    if (!f) return null;
    if (rankedFor && rankedFor.found === f && rankedFor.showSnoozed === showSnoozed.value) {
      return rankedFor.ranked;
    }
    return rankTriage(f.index, f.drafts, { showSnoozed: showSnoozed.value });
  });
  // The items shown are rendered RENDER_STEP at a time, one task each (an item with its link
  // and buttons costs a throttled tablet a few milliseconds).
  const rendered = ref(0);
  let growing = 0;
  watch([result, shown], async ([r, limit]) => {
    const mine = ++growing;
    const target = Math.min(limit, r?.items.length ?? 0);
    while (r && rendered.value < target) {
      rendered.value = Math.min(target, rendered.value + RENDER_STEP);
      await nextTask();
      if (mine !== growing) return;
    }
  });
  const items = computed(
    () => result.value?.items.slice(0, Math.min(shown.value, rendered.value)) ?? [],
  );
  /** The items are ranked and the first of them rendered (false while they are counted). */
  const isReady = computed(
    () =>
      result.value !== null &&
      items.value.length >= Math.min(shown.value, result.value.items.length),
  );
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
