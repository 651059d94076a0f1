/**
 * Offline: the built site registers the service worker that vite-plugin-pwa generates (sw.js,
 * precaching the page, its worker bundles — the WebAssembly kernel is inlined in them — and the
 * icons), so after a first visit the lab starts with the network off and installs as an app. Not in
 * development (`vite`), where a cached page would hide every edit.
 */
export function registerOffline(win: Window = window): void {
  // the build's mode, not PROD: PROD follows NODE_ENV, which a build started from the tests sets to 'test'
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in win.navigator)) return;
  const base = import.meta.env.BASE_URL;
  win.navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((error: unknown) => {
    // the lab works without it (online); say why offline will not
    console.warn('Offline use is not available:', error);
  });
}
