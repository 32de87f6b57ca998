// A stand-in for the browser's Notification API on globalThis (happy-dom has none), so the
// settings switch and the reminder notifications can be driven through every answer.
import { vi } from 'vitest';

export interface ShownNotification {
  title: string;
  options: NotificationOptions;
  onclick: (() => void) | null;
}

export function installFakeNotification(
  permission: NotificationPermission,
  answer: NotificationPermission = 'granted',
) {
  const shown: ShownNotification[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = answer;
      return answer;
    });
    onclick: (() => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      const record: ShownNotification = { title, options, onclick: null };
      shown.push(record);
      // The page sets onclick after constructing: hand the record a way to call it.
      queueMicrotask(() => (record.onclick = this.onclick));
    }
    close(): void {}
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission: FakeNotification.requestPermission };
}
