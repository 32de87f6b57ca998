// The one gateway to system notifications: the Notification permission and showing a
// notification through the service worker (or the page, where there is none). Everything
// else asks here, so tests replace a single global (`Notification`) to drive it.
// Without a push server a notification can only be shown while the app runs (open or in
// the background); nothing here pretends otherwise.

export type NotificationAccess = 'unsupported' | 'default' | 'granted' | 'denied';

/** The message public/notification-click.js posts to an open window when a notification is tapped. */
export const NOTIFICATION_OPEN_MESSAGE = 'nastavnik:open-path';

export interface SystemNotification {
  title: string;
  body: string;
  /** Same tag, same notification: the system replaces instead of stacking. */
  tag: string;
  /** The app path to open when the user taps it, e.g. `/pairs/<id>/meetings/new`. */
  path: string;
}

type NotificationApi = typeof Notification;

function api(): NotificationApi | undefined {
  const candidate = (globalThis as { Notification?: NotificationApi }).Notification;
  return typeof candidate === 'function' && typeof candidate.requestPermission === 'function'
    ? candidate
    : undefined;
}

export function notificationAccess(): NotificationAccess {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser, but only while it has not been answered yet (it cannot ask twice). */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  const N = api();
  if (!N) return 'unsupported';
  if (N.permission !== 'default') return N.permission;
  try {
    // Old Safari takes a callback and returns undefined instead of a promise.
    const answer = await new Promise<NotificationPermission>((resolve) => {
      const promise = N.requestPermission(resolve);
      if (promise) void promise.then(resolve, () => resolve(N.permission));
    });
    return answer;
  } catch {
    return N.permission;
  }
}

const openHandlers = new Set<(path: string) => void>();

function open(path: string): void {
  for (const handler of openHandlers) handler(path);
}

/**
 * Calls `handler` with the path of a tapped notification while the app is open (a message
 * from the service worker, or the click of a page notification). Returns the unsubscribe.
 */
export function onNotificationOpen(handler: (path: string) => void): () => void {
  openHandlers.add(handler);
  const container = globalThis.navigator?.serviceWorker;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; path?: unknown } | null;
    if (data?.type === NOTIFICATION_OPEN_MESSAGE && typeof data.path === 'string') {
      handler(data.path);
    }
  };
  container?.addEventListener('message', onMessage);
  return () => {
    openHandlers.delete(handler);
    container?.removeEventListener('message', onMessage);
  };
}

async function workerRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return undefined;
  try {
    // `ready` never settles on a page without a worker (dev server): ask only when controlled.
    return container.controller ? await container.ready : await container.getRegistration();
  } catch {
    return undefined;
  }
}

/** Shows a system notification; false when it could not (no permission, no API). */
export async function showSystemNotification(notification: SystemNotification): Promise<boolean> {
  const N = api();
  if (!N || N.permission !== 'granted') return false;
  const options: NotificationOptions = {
    body: notification.body,
    tag: notification.tag,
    icon: `${import.meta.env.BASE_URL}pwa-192x192.png`,
    data: { path: notification.path },
  };
  const registration = await workerRegistration();
  if (registration?.showNotification) {
    try {
      await registration.showNotification(notification.title, options);
      return true;
    } catch {
      // Fall through to a page notification.
    }
  }
  try {
    // Android Chrome forbids this constructor (it throws): there the worker path is the one.
    const shown = new N(notification.title, options);
    shown.onclick = () => {
      globalThis.focus?.();
      shown.close();
      open(notification.path);
    };
    return true;
  } catch {
    return false;
  }
}
