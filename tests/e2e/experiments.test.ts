/**
 * Issue 6, experiments: the dose–response sweep reports progress, is plotted when done and exports
 * its rows as CSV; cancel ends it early; the voltage-clamp I–V is plotted against the analytic curve.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowser, regionStats, screenshot, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('experiments', () => {
  it('a small sweep shows progress, is plotted when done, and its CSV has a row per [Mg]o', async () => {
    const { page, errors, close } = await browser.open('/?n=500', { acceptDownloads: true });
    try {
      await waitRunning(page);
      // the default size is stated
      expect(await page.locator('#sweep-size').textContent()).toContain('2,500 neurons × 7 [Mg]o values × 2 s each');
      await page.getByLabel('Sweep neurons').fill('1500');
      await page.getByLabel('Seconds per point').fill('0.4');
      await page.getByLabel('[Mg]o values, mM').fill('0, 0.6, 1.2');
      expect(await page.locator('#sweep-size').textContent()).toContain('1,500 neurons × 3 [Mg]o values × 0.4 s each');
      await page.getByRole('button', { name: 'Run sweep' }).click();
      const progress = page.locator('#sweep-progress');
      await expect.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#sweep-state').textContent(), { timeout: 30_000 }).toMatch(/Point \d of 3|Done/);
      await page.waitForSelector('html[data-sweep="done"]', { timeout: 120_000 });
      expect(await progress.evaluate((p: HTMLProgressElement) => p.value)).toBe(1);
      expect(await page.locator('#sweep-state').textContent()).toBe('Done: 3 points.');
      const plot = page.locator('#sweep-plot');
      expect(await plot.isVisible()).toBe(true);
      await plot.scrollIntoViewIfNeeded();
      const png = await screenshot(page, 'sweep-plot');
      const box = (await plot.boundingBox())!;
      expect(regionStats(png, box).lumaSd).toBeGreaterThan(8);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Results (CSV)' }).click()]);
      expect(download.suggestedFilename()).toBe('mg-gate-sweep.csv');
      const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('ion,value_mM,mg_mM,rate_e_Hz,rate_i_Hz,bursts,burst_rate_Hz,ictal_events,first_ictal_ms,burst_fraction,cv_isi,synchrony');
      expect(lines.length).toBe(4);
      // the varied ion and its value, then the figures (an undefined one, first_ictal_ms with no event, is empty)
      const cells = lines.slice(1).map((l) => l.split(','));
      for (const c of cells) expect(c.length).toBe(12);
      expect(cells.map((c) => c[0])).toEqual(['mgOutMM', 'mgOutMM', 'mgOutMM']);
      const rows = cells.map((c) => c.slice(1).map((v) => (v === '' ? Number.NaN : Number(v))));
      expect(rows.map((r) => r[0])).toEqual([0, 0.6, 1.2]);
      expect(rows.map((r) => r[1])).toEqual([0, 0.6, 1.2]); // [Mg]o of each point
      for (const r of rows) {
        expect(r[2]).toBeGreaterThanOrEqual(0); // E rate, Hz
        expect(r[2]).toBeLessThan(200);
        expect(r[4]).toBeGreaterThanOrEqual(0); // bursts
        expect(Number.isInteger(r[4])).toBe(true);
        expect(Number.isInteger(r[6])).toBe(true); // ictal events (none in 0.4 s: an event takes 2 s)
      }
      // the normal bath fires asynchronously at a few Hz (a short window at 0 mM may fall between bursts)
      expect(rows[2][2]).toBeGreaterThan(0.5);
      // the live network kept running meanwhile
      await waitForStatus(page, (s) => s.timeS > 0.5, 10_000, 'the live network');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('cancel ends a running sweep early', async () => {
    const { page, errors, close } = await browser.open('/?n=500');
    try {
      await waitRunning(page);
      await page.getByLabel('Sweep neurons').fill('2500');
      await page.getByLabel('Seconds per point').fill('5');
      await page.getByRole('button', { name: 'Run sweep' }).click();
      await expect.poll(() => page.locator('#sweep-progress').evaluate((p: HTMLProgressElement) => p.value), { timeout: 30_000 }).toBeGreaterThan(0);
      const cancel = page.getByRole('button', { name: 'Cancel' });
      expect(await cancel.isEnabled()).toBe(true);
      await cancel.click();
      await page.waitForSelector('html[data-sweep="cancelled"]', { timeout: 20_000 });
      expect(await page.locator('#sweep-state').textContent()).toMatch(/^Cancelled after \d of 7 points\.$/);
      expect(await cancel.isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Run sweep' }).isEnabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the voltage clamp plots the peak NMDA current of one cell against the analytic curve', async () => {
    const { page, errors, close } = await browser.open('/?n=500&mg=1.2');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.1, 60_000, 'frames');
      await page.getByRole('button', { name: 'Run voltage clamp' }).click();
      await page.waitForSelector('html[data-vc="done"]');
      const state = (await page.locator('#vc-state').textContent()) ?? '';
      expect(state).toMatch(/^Neuron #0: 64 NMDA inputs × 0.8 nS/);
      expect(state).toContain('[Mg]o 1.20 mM');
      const plot = page.locator('#vc-plot');
      await plot.scrollIntoViewIfNeeded();
      const png = await screenshot(page, 'voltage-clamp');
      expect(regionStats(png, (await plot.boundingBox())!).lumaSd).toBeGreaterThan(8);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
