// Imported into the generated Workbox service worker (vite.config.ts, workbox.importScripts).
// A tapped reminder notification opens its page: inside an open window of the app when there
// is one (the app routes without a reload, so a half-typed note survives), else a new window.
// The message type must match NOTIFICATION_OPEN_MESSAGE in src/pwa/notifications.ts.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.path) || '/';
  const url = new URL(path.replace(/^\//, ''), self.registration.scope).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url.startsWith(self.registration.scope));
      if (open) {
        open.postMessage({ type: 'nastavnik:open-path', path });
        return open.focus();
      }
      return self.clients.openWindow(url);
    }),
  );
});
