import { defineConfig } from 'vite';

// Cross-origin isolation (COOP/COEP) makes SharedArrayBuffer and precise timers available;
// `vite preview` inherits the same headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
