// Bundles the Node entry points (the headless runner and the benchmarks) with Vite's SSR build:
// Node 20 cannot run .ts directly, and this keeps one toolchain for the app and the CLI.
import { defineConfig } from 'vite';

const extra: Record<string, string> = process.env.MG_NODE_ENTRY ? { scratch: process.env.MG_NODE_ENTRY } : {};

export default defineConfig({
  // bundled in: the runner's --nwb and --export-nest run wherever the bundle is (tests build it to a temporary folder)
  ssr: { noExternal: ['h5wasm'] },
  build: {
    ssr: true,
    target: 'node20', // top-level await in the benches needs ES2022 modules
    outDir: 'dist-node',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        sim: 'src/cli/sim.ts',
        bench: 'bench/bench.ts',
        'alloc-check': 'bench/alloc-check.ts',
        // the Brian2 export of a preset, and Mg Gate's run of the same network (src/export/brian2/)
        'export-brian2': 'bench/export-brian2.ts',
        // the single-cell accuracy study of the membrane update (issue 12 item 0)
        'single-cell-accuracy': 'bench/single-cell-accuracy.ts',
        // the long run: an hour of the bursting sheet through the runner's loop, memory sampled (issue 16)
        soak: 'bench/soak.ts',
        // the helper thread that steps half of a network (src/cli/threads.ts starts it)
        'slice-thread': 'src/cli/sliceThread.ts',
        ...extra,
      },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
  logLevel: 'warn',
});
