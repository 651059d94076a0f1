/**
 * Issue 6, the lecture hall: every keyboard shortcut acts (and none fires while typing), the
 * shortcuts dialog opens with ? and closes with Esc, presentation mode and full screen (or its
 * fallback) apply, and the performance overlay shows its four figures.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser, readStatus, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';
import type { Box } from './support';

const browser = useBrowser();

describe('keyboard shortcuts', () => {
  it('Space, ↑/↓, 1–7, R and ? act; nothing fires while typing in a field', async () => {
    const { page, errors, close } = await browser.open('/?n=1500');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.3, 60_000, 'frames');
      const key = (k: string): Promise<void> => page.keyboard.press(k);

      // Space: pause and play
      await key('Space');
      await waitForStatus(page, (s) => s.paused, 5_000, 'paused by Space');
      await key('Space');
      await waitForStatus(page, (s) => !s.paused, 5_000, 'running again');

      // ↑/↓ step [Mg]o by 0.05 mM
      await key('ArrowUp');
      await key('ArrowUp');
      await expect.poll(() => page.locator('#mg-value').textContent()).toBe('1.30 mM');
      await key('ArrowDown');
      await expect.poll(() => page.locator('#mg-value').textContent()).toBe('1.25 mM');
      await waitForStatus(page, (s) => Math.abs(s.mgOutMM - 1.25) < 1e-9, 15_000, 'the worker at 1.25 mM');

      // 1–4: the sheet presets, live
      for (const [k, mg] of [['2', 0.7], ['3', 0.4], ['4', 0], ['1', 1.2]] as const) {
        await key(k);
        await waitForStatus(page, (s) => Math.abs(s.mgOutMM - mg) < 1e-9, 15_000, `key ${k}: ${mg} mM`);
      }

      // typing in a field is not a shortcut
      const field = page.getByLabel('Probe neuron #');
      await field.focus();
      await page.keyboard.type('42');
      await key('ArrowUp');
      await key('Space');
      expect(await field.inputValue()).not.toBe('');
      expect(await page.locator('#mg-value').textContent()).toBe('1.20 mM');
      expect((await readStatus(page))?.paused).toBe(false);
      const points = page.getByLabel('[Mg]o values, mM');
      await points.fill('');
      await points.type('3 4 r');
      expect(await points.inputValue()).toBe('3 4 r');
      expect(await page.locator('#mg-value').textContent()).toBe('1.20 mM');
      await page.locator('body').click({ position: { x: 5, y: 5 } });

      // R: reset restarts the clock
      const before = await waitForStatus(page, (s) => s.timeS >= 1, 60_000, '1 s of simulation');
      await key('r');
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS < before.timeS, 30_000, 'R to restart the clock');

      // 7: COBA rebuilt; 1: back to the sheet at the size it had
      await key('7');
      await expect.poll(() => page.getByLabel('Preset', { exact: true }).inputValue()).toBe('coba');
      await waitRunning(page);
      await expect.poll(() => page.locator('#raster-rows').textContent(), { timeout: 30_000 }).toBe('500 of 4,000 neurons shown');
      expect(await page.locator('#scenes button[data-scene="coba"]').getAttribute('aria-pressed')).toBe('true');
      await key('1');
      await expect.poll(() => page.getByLabel('Preset', { exact: true }).inputValue()).toBe('sheet');
      await waitRunning(page);
      await expect.poll(() => page.locator('#raster-rows').textContent(), { timeout: 30_000 }).toBe('500 of 1,500 neurons shown');

      // ?: the list of shortcuts, Esc closes it
      await key('?');
      const dialog = page.locator('#shortcuts');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      expect(await dialog.textContent()).toContain('Full screen');
      await screenshot(page, 'shortcuts-dialog');
      // keys do nothing while it is open
      await key('4');
      expect(await page.locator('#mg-value').textContent()).toBe('1.20 mM');
      await key('Escape');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('P: presentation mode (large type, high contrast); F: full screen or its fallback; O: the performance overlay', async () => {
    const { page, errors, close } = await browser.open('/?n=2500&mg=0.2');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 1, 60_000, 'a second of simulation');
      const normalSize = await page.locator('.panel-head h2').first().evaluate((h) => parseFloat(getComputedStyle(h).fontSize));

      await page.keyboard.press('p');
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
      const bigSize = await page.locator('.panel-head h2').first().evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
      expect(bigSize).toBeGreaterThan(normalSize * 1.3);
      expect(await page.locator('#lab').isHidden()).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
      await page.waitForTimeout(1500);
      // the big views (the sheet and the raster) are drawn; the others fold to their headers
      const bigBoxes = async (): Promise<[string, Box][]> => {
        const boxes = await viewBoxes(page, ['sheet', 'raster', 'rate', 'block', 'probe']);
        return Object.entries(boxes).filter(([, box]) => box.height > 2);
      };
      const png = await screenshot(page, 'presentation-mode');
      expect((await bigBoxes()).map(([name]) => name)).toEqual(['sheet', 'raster']);
      for (const [name, region] of await bigBoxes()) expect(regionStats(png, region).lumaSd, name).toBeGreaterThan(6);
      // the Mg-block view made big fits the window and is drawn
      await page.getByRole('button', { name: 'Enlarge the Mg-block panel' }).click();
      await page.waitForTimeout(1500);
      const block = (await page.locator('[data-view="block"]').boundingBox())!;
      expect(block.y + block.height).toBeLessThanOrEqual(800);
      expect(regionStats(await screenshot(page, 'presentation-mode-block'), block).lumaSd).toBeGreaterThan(6);
      // and on a projector-sized window
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(1500);
      const wide = await screenshot(page, 'presentation-1920x1080');
      for (const [name, region] of await bigBoxes()) expect(regionStats(wide, region).lumaSd, `${name} at 1920 × 1080`).toBeGreaterThan(6);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.keyboard.press('p');
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);

      // F: full screen where allowed, else the window-filling fallback — presentation mode either way
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.fullscreen)).toMatch(/^(on|fallback)$/);
      expect(await page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
      await page.waitForTimeout(800);
      await screenshot(page, 'fullscreen');
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);
      expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

      // O: the overlay, with its figures
      const perf = page.locator('#perf');
      expect(await perf.isHidden()).toBe(true);
      await page.keyboard.press('o');
      await expect.poll(() => perf.isVisible()).toBe(true);
      expect(await page.getByLabel('Performance overlay (O)').isChecked()).toBe(true);
      await expect.poll(async () => (await perf.textContent()) ?? '', { timeout: 5_000 }).toMatch(/spikes\/s/);
      await page.waitForTimeout(1200);
      const text = (await perf.textContent()) ?? '';
      const worker = Number(/worker (\d+\.\d+) ms per simulated ms/.exec(text)?.[1]);
      const render = Number(/render (\d+\.\d+) ms per frame/.exec(text)?.[1]);
      const fps = Number(/(\d+) fps/.exec(text)?.[1]);
      const spikes = Number(/([\d,]+) spikes\/s/.exec(text)?.[1].replace(/,/g, ''));
      expect(worker, text).toBeGreaterThan(0);
      expect(render, text).toBeGreaterThan(0);
      expect(fps, text).toBeGreaterThan(0);
      expect(spikes, text).toBeGreaterThan(0);
      await screenshot(page, 'perf-overlay');
      await page.getByLabel('Performance overlay (O)').uncheck();
      expect(await perf.isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
