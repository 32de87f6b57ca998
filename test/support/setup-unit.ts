// Unit tests run in happy-dom with a real IndexedDB implementation (fake-indexeddb). Each
// test writes to a database of its own, so no test sees another's rows; the database is
// opened before and closed after the test, so nothing of it outlives the environment.
import 'fake-indexeddb/auto';
import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, beforeEach } from 'vitest';
import { openDataContext, setAppDataContext, type DataContext } from '@/data/context';

let current: Promise<DataContext> | null = null;

beforeEach(async () => {
  current = openDataContext(`unit-${crypto.randomUUID()}`);
  setAppDataContext(current);
  await current;
});

afterEach(async () => {
  (await current)?.db.close();
  current = null;
});

// After hooks run last-registered first: mounted apps (and their live queries) are
// unmounted before the database above is closed.
enableAutoUnmount(afterEach);
