import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation (COOP/COEP) makes SharedArrayBuffer and precise timers available;
// `vite preview` inherits the same headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Offline and installable (README §Serving the built site): vite-plugin-pwa writes the web app
// manifest and a Workbox service worker (sw.js) that precaches the built page — its JS, the worker
// bundles (sim.worker with the WebAssembly kernel inlined, and the nested slice.worker), CSS and
// icons. Cached responses keep the headers they were fetched with, COOP/COEP included, so a reload
// with the network off is still cross-origin isolated. The page registers sw.js itself
// (src/ui/offline.ts), so no inline script is injected. Not active under `vite` (dev).
const pwa = VitePWA({
  injectRegister: false,
  registerType: 'autoUpdate',
  includeAssets: ['icon.svg', 'icon-192.png'],
  manifest: {
    name: 'Mg Gate — magnesium, NMDA receptors and seizure-like bursting',
    short_name: 'Mg Gate',
    description: 'A live lab: thousands of spiking neurons show what happens to a cortical network when extracellular magnesium falls.',
    theme_color: '#0b0e14',
    background_color: '#0b0e14',
    display: 'standalone',
    start_url: '.',
    scope: '.',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
    // the worker bundle carries the kernel as base64: larger than Workbox's 2 MiB default
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    clientsClaim: true,
    skipWaiting: true,
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  plugins: [pwa],
});
