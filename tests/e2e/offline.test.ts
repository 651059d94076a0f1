/**
 * Issue 14 §7, offline: the built site (vite build + vite preview, the project's own config) installs
 * as a web app — a manifest with icons and a service worker — and after one visit it starts with the
 * network off: a reload while the browser context is offline is still cross-origin isolated, builds
 * the network in its worker (the WebAssembly kernel is inlined in it) and the frames arrive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from './builtSite';
import { useBrowser, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';

const site = useBuiltSite('offline');
const browser = useBrowser(site.baseUrl);

describe('offline (the built site, with its service worker)', () => {
  it('is installable: a manifest with icons, linked from the page', async () => {
    const html = readFileSync(join(site.outDir(), 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest">/);
    const manifest = JSON.parse(readFileSync(join(site.outDir(), 'manifest.webmanifest'), 'utf8'));
    expect(manifest.short_name).toBe('Mg Gate');
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect(readFileSync(join(site.outDir(), icon.src)).length, icon.src).toBeGreaterThan(200);
    // the precache lists the worker bundles, the nested helper worker among them
    const sw = readFileSync(join(site.outDir(), 'sw.js'), 'utf8');
    expect(sw).toMatch(/sim\.worker-[\w-]+\.js/);
    expect(sw).toMatch(/slice\.worker-[\w-]+\.js/);
  });

  it('after a first visit, reloads with the network off and runs: isolated, built, frames arriving', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.4');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.2, 60_000, 'frames online');
      // the service worker installed (precached everything) and controls the page
      const worker = (): Promise<string> =>
        page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return `registered ${r !== undefined}, active ${r?.active?.state ?? 'none'}, installing ${r?.installing?.state ?? 'none'}, controlled ${navigator.serviceWorker.controller !== null}`;
        });
      await expect.poll(worker, { timeout: 30_000 }).toMatch(/active activated, .*controlled true/);

      await page.context().setOffline(true);
      // the network is really off: a request the service worker does not answer fails
      expect(await page.evaluate(() => fetch('/not-cached.txt', { cache: 'no-store' }).then(() => 'served', () => 'failed'))).toBe('failed');
      await page.reload();
      await waitRunning(page);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const status = await waitForStatus(page, (s) => s.timeS > 0.5 && s.rateHz > 0, 60_000, 'frames with the network off');
      expect(status.mgOutMM).toBeCloseTo(0.4, 2);
      await page.waitForTimeout(1000);
      const png = await screenshot(page, 'offline-reload');
      for (const [name, box] of Object.entries(await viewBoxes(page))) {
        expect(regionStats(png, box).lumaSd, name).toBeGreaterThan(6);
      }
      // a network of another size is built offline too (the worker and its kernel come from the cache)
      await page.goto(`${site.baseUrl()}/?n=800&mg=0`);
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.3, 60_000, 'frames of a new network offline');
      // the one request that failed is the test's own, with the network off
      expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });
});
