/**
 * The built site: `vite build` into a temporary folder, served by `vite preview` (the project's own
 * config, so the same COOP/COEP headers), opens running and draws — the worker bundle included.
 */
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from './builtSite';
import { useBrowser, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';

const site = useBuiltSite('preview');
const browser = useBrowser(site.baseUrl);

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
