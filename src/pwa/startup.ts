// The app's start-up schedule on a slow phone. index.html paints the shell before any
// JavaScript; the app then starts in short steps, each its own task, so the main thread is
// never blocked for long (a long task is a tap that waits: Lighthouse's Total Blocking Time),
// and whatever the first screen does not need (the service worker, reminder notifications)
// waits until the first screen is drawn and the page is idle.

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Ends the current task: what follows runs in a new one, after input and rendering. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The longest wait for an idle moment: a page that is never idle still gets its extras. */
const IDLE_TIMEOUT_MS = 3000;

/** Resolves when the browser is idle (or after IDLE_TIMEOUT_MS at most). */
export function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    } else {
      setTimeout(resolve, 200);
    }
  });
}

/**
 * Resolves once the first page is on screen (`firstPage`: the router's first navigation, see
 * App.vue) and the page is idle: when to start what the first screen does not need. A failed
 * first navigation counts too: what waits must not wait forever.
 */
export async function afterFirstScreen(firstPage: Promise<unknown>): Promise<void> {
  await firstPage.catch(() => undefined);
  await yieldToMain();
  await whenIdle();
}
