/**
 * The built site: `vite build` into a temporary folder, served by `vite preview` (the project's own
 * config, so the same COOP/COEP headers), opens running and draws — the worker bundle included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { useBrowser, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';

const root = fileURLToPath(new URL('../..', import.meta.url));
let outDir = '';
let server: PreviewServer | null = null;
let baseUrl = '';
const browser = useBrowser(() => baseUrl);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'mg-gate-preview-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the built site (vite build + vite preview)', () => {
  it('is cross-origin isolated, opens running and draws every view with no console errors', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.5');
    try {
      await waitRunning(page);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const status = await waitForStatus(page, (s) => s.timeS > 0.2 && s.rateHz > 0, 60_000, 'frames from the built worker');
      expect(status.mgOutMM).toBeCloseTo(0.5, 2);
      const png = await screenshot(page, 'preview-build');
      for (const [name, box] of Object.entries(await viewBoxes(page))) {
        expect(regionStats(png, box).lumaSd, name).toBeGreaterThan(6);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
