// Owns which database the app is using: the device-only one, or the signed-in user's. Kept
// free of Dexie (context.ts opens databases, loaded on first use) so the session store in the
// app's first chunk can hold and switch it without pulling IndexedDB code into that chunk.
import type { DataContext } from './context';

let current: Promise<DataContext> | null = null;
let held: ((context: Promise<DataContext>) => void) | null = null;
const listeners = new Set<() => void>();

/** The context the app writes to; device-only until a sign-in switches it. */
export function appDataContext(): Promise<DataContext> {
  current ??= import('./context').then((m) => m.openDataContext());
  return current;
}

/**
 * Makes everyone who asks for the app's context wait until `setAppDataContext` says which
 * database it is (on start in sync mode, until the saved session is resumed or not), so no
 * screen first shows the device-only database and then jumps to the user's.
 */
export function holdAppDataContext(): void {
  if (current || held) return;
  current = new Promise<DataContext>((resolve) => {
    held = (context) => resolve(context);
  });
}

/**
 * Switches the app to another database. Those waiting on a hold get it; those already
 * reading another database are told (see `onAppDataContextChange`) to read again.
 */
export function setAppDataContext(context: Promise<DataContext>): void {
  current = context;
  const release = held;
  held = null;
  if (release) {
    release(context);
    return;
  }
  for (const listener of listeners) listener();
}

/** Called whenever the app switches database (sign-in, sign-out); returns an unsubscribe. */
export function onAppDataContextChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
