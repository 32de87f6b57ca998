// Unit tests run in happy-dom with a real IndexedDB implementation (fake-indexeddb). Each
// test writes to a database of its own, so no test sees another's rows.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { openDataContext, setAppDataContext } from '@/data/context';

beforeEach(() => {
  setAppDataContext(openDataContext(`unit-${crypto.randomUUID()}`));
});
