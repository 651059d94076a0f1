// Bundles bench/browser-bench.ts for Node (Node 20 cannot run .ts) into dist-node/browser-bench.js,
// beside the other benches' bundles: `npm run bench:browser`. Kept apart from vite.node.config.ts so
// that building it does not empty dist-node/ and the Node benches are not rebuilt for it.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-node',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { 'browser-bench': 'bench/browser-bench.ts' },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
  logLevel: 'warn',
});
