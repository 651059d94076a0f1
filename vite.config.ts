import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The page's Content-Security-Policy, one directive a line. Scripts only from the site itself, plus
 * WebAssembly compilation ('wasm-unsafe-eval': the kernel) and never 'unsafe-eval' (PixiJS runs
 * without it through pixi.js/unsafe-eval, src/render/stage.ts). Workers from the site. Styles allow
 * 'unsafe-inline': the dev server injects CSS as <style> elements, and index.html places the [Mg]o
 * tick labels with style attributes; inline style cannot run script. data: and blob: images are for
 * the favicon and for textures PixiJS makes from canvases.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Headers of every response, from the dev server and from `vite preview` alike; README.md §Headers
 * lists them for a static host. Cross-origin isolation (COOP/COEP) makes SharedArrayBuffer and
 * precise timers available (the two-thread kernel needs both).
 */
export const SITE_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Node refuses a request whose headers pass 16 KiB with 431, so a long URL never reached the page
 * that would name what is wrong with it. 4 MiB is above Chromium's 2 MB limit on a URL: whatever
 * a browser sends arrives. Node reads the limit from the server as each connection opens.
 */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

function longUrls(): Plugin {
  const widen = (server: { httpServer: unknown }): void => {
    if (server.httpServer) (server.httpServer as { maxHeaderSize?: number }).maxHeaderSize = MAX_HEADER_BYTES;
  };
  return { name: 'mg-gate:long-urls', configureServer: widen, configurePreviewServer: widen };
}

/**
 * The policy in the built index.html as well, for a static host that sends no headers (a <meta>
 * policy covers the page, not its workers: the headers are still the real protection).
 */
function cspMeta(): Plugin {
  const charset = '<meta charset="utf-8" />';
  return {
    name: 'mg-gate:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      // right after the charset, before any script; fail loudly rather than ship without it
      if (!html.includes(charset)) throw new Error(`mg-gate:csp-meta: index.html has no ${charset} to put the policy after`);
      return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

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
  server: { headers: SITE_HEADERS },
  preview: { headers: SITE_HEADERS },
  plugins: [longUrls(), cspMeta(), pwa],
  worker: { format: 'es' },
  // no source maps in the production build: the site ships what runs, nothing more
  build: { target: 'es2022', sourcemap: false },
});
