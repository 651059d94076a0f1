import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium.ts';

// Five suites: the core and analysis in Node; the real worker file in Node (@vitest/web-worker);
// the same worker in headless Chromium (browser mode); the page end to end (playwright-core);
// the peers (the exported network in Brian2, files read back by h5py).
export default defineConfig({
  server: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  optimizeDeps: { include: ['comlink', 'typed-array-utils'] },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'worker-node',
          environment: 'node',
          setupFiles: ['@vitest/web-worker'],
          include: ['tests/worker/**/*.test.ts'],
          exclude: ['tests/worker/**/*.browser.test.ts'],
          testTimeout: 60_000,
          // the worker API's type-level tests (*.test-d.ts) run through tsc; errors elsewhere are other suites' business
          typecheck: {
            enabled: true,
            include: ['tests/worker/**/*.test-d.ts'],
            tsconfig: 'tests/worker/tsconfig.typecheck.json',
            ignoreSourceErrors: true,
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/worker/**/*.browser.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // peers: the exported network run by Debian's python3-brian (and files checked by python3-h5py)
        test: {
          name: 'peers',
          environment: 'node',
          include: ['tests/export/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
