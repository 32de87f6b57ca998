import { onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { appDataContext, onAppDataContextChange, type DataContext } from '@/data/context';
import type { Observable } from '@/data/queries';

/**
 * Subscribes to a live query on the app's database and keeps the latest result in a ref.
 * Re-subscribes when `source` changes (e.g. a route parameter) and when the app switches
 * database (sign-in, sign-out); unsubscribes with the scope.
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
  let latest: S = undefined as S;

  async function subscribe(value: S) {
    const mine = ++generation;
    latest = value;
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

  const offContextChange = onAppDataContextChange(() => void subscribe(latest));

  onScopeDispose(() => {
    generation++;
    offContextChange();
    subscription?.unsubscribe();
  });
  return { data, error, isLoading };
}
