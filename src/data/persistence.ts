// Asks the browser, once, to exempt this app's storage from eviction. Called after the first
// successful write: browsers grant it more readily once the user has stored something.
let requested: Promise<boolean> | null = null;

export function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator
    ?.storage,
): Promise<boolean> {
  requested ??= (async () => {
    if (!storage?.persist) return false;
    try {
      if (await storage.persisted()) return true;
      return await storage.persist();
    } catch {
      return false;
    }
  })();
  return requested;
}

/** For tests: forget that persistence was requested. */
export function resetPersistenceRequest(): void {
  requested = null;
}

/**
 * The device ran out of space for IndexedDB (the browser's QuotaExceededError, as raised or
 * as Dexie wraps it when the transaction aborts).
 */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== 'object') return false;
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}
