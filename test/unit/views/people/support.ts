// A fresh device database per test, which the test can also write to directly.
import { afterEach, beforeEach, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { openDataContext, setAppDataContext, type DataContext } from '@/data/context';

export { mountApp } from '../mountApp';

/** Gives every test its own database; returns a getter for the current test's context. */
export function useFreshDatabase(): () => DataContext {
  let ctx: DataContext | undefined;
  beforeEach(async () => {
    localStorage.clear();
    const opening = openDataContext(`test-${crypto.randomUUID()}`);
    setAppDataContext(opening);
    ctx = await opening;
  });
  afterEach(() => ctx?.db.close());
  return () => {
    if (!ctx) throw new Error('no database: call useFreshDatabase() at the top of describe');
    return ctx;
  };
}

/**
 * Waits until the live queries have delivered and the DOM settled. The bound covers a lazy
 * route's first load (the pairs list and the pair beside it are two chunks to transform).
 */
export async function settle(check: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await flushPromises();
      check();
    },
    { timeout: 5000 },
  );
}
