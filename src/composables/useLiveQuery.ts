import { onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { appDataContext, type DataContext } from '@/data/context';
import type { Observable } from '@/data/queries';

/**
 * Subscribes to a live query on the app's database and keeps the latest result in a ref.
 * Re-subscribes when `source` changes (e.g. a route parameter); unsubscribes with the scope.
 */
export function useLiveQuery<T, S = undefined>(
  query: (ctx: DataContext, source: S) => Observable<T>,
  source?: WatchSource<S>,
): { data: Ref<T | undefined>; error: Ref<unknown>; isLoading: Ref<boolean> } {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>(null);
  const isLoading = ref(true);
  let subscription: { unsubscribe(): void } | null = null;
  let generation = 0;

  async function subscribe(value: S) {
    const mine = ++generation;
    subscription?.unsubscribe();
    subscription = null;
    isLoading.value = true;
    const ctx = await appDataContext();
    if (mine !== generation) return;
    subscription = query(ctx, value).subscribe({
      next: (next) => {
        data.value = next;
        error.value = null;
        isLoading.value = false;
      },
      error: (e) => {
        error.value = e;
        isLoading.value = false;
      },
    });
  }

  if (source) watch(source, (value) => void subscribe(value), { immediate: true });
  else void subscribe(undefined as S);

  onScopeDispose(() => {
    generation++;
    subscription?.unsubscribe();
  });
  return { data, error, isLoading };
}
