/**
 * The controls are native, labelled and keyboard-operable; the display is photosensitivity-safe by
 * default and honours prefers-reduced-motion; the views follow the window and the pixel density.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('controls', () => {
  it('every control has an accessible name and works from the keyboard', async () => {
    const { page, errors, close } = await browser.open('/?n=1000&mg=1');
    try {
      await waitRunning(page);
      for (const [role, name] of [
        ['slider', /Mg/],
        ['slider', /^\[K\+\]bath$/],
        ['slider', /^\[Ca2\+\]o$/],
        ['checkbox', /^Ions move/],
        ['button', /^Next event/],
        ['button', 'Pause the simulation'],
        ['button', 'Reset'],
        ['combobox', 'Speed'],
        ['combobox', 'Preset'],
        ['spinbutton', /^Neurons$/],
        ['spinbutton', 'Seed'],
        ['checkbox', /Raw flashes/],
        ['button', /Zero-Mg slice/],
        ['button', /^Normal/],
        ['button', /COBA benchmark/],
        ['spinbutton', 'Probe neuron #'],
        ['checkbox', /Performance overlay/],
        ['button', 'Keyboard shortcuts'],
      ] as const) {
        expect(await page.getByRole(role, { name }).count(), `${role} ${String(name)}`).toBe(1);
      }

      // Tab goes from the last preset to the slider; arrow keys step it by 0.05 mM and the network follows
      await page.locator('#scenes button[data-scene="coba"]').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('mg');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => page.locator('#mg-value').textContent()).toBe('0.90 mM');
      expect(await page.locator('#mg').getAttribute('aria-valuetext')).toBe('0.90 millimolar, normal ACSF');
      await waitForStatus(page, (s) => Math.abs(s.mgOutMM - 0.9) < 1e-9, 15_000, 'the worker to report 0.90 mM');
      await expect.poll(() => new URL(page.url()).searchParams.get('mg')).toBe('0.9');

      // a preset button sets the slider
      await page.getByRole('button', { name: /Mild hypomagnesaemia/ }).press('Enter');
      await expect.poll(() => page.locator('#mg').inputValue()).toBe('0.7');
      await waitForStatus(page, (s) => Math.abs(s.mgOutMM - 0.7) < 1e-9, 15_000, 'the worker to report 0.70 mM');

      // Space on the focused play button pauses
      await page.getByRole('button', { name: 'Pause the simulation' }).focus();
      await page.keyboard.press('Space');
      await waitForStatus(page, (s) => s.paused, 5_000, 'paused');
      await page.keyboard.press('Space');
      await waitForStatus(page, (s) => !s.paused, 5_000, 'running again');

      // reset restarts the clock
      const before = await waitForStatus(page, (s) => s.timeS >= 0.3, 60_000, 'some simulated time');
      await page.getByRole('button', { name: 'Reset' }).click();
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS < before.timeS, 30_000, 'time to restart from zero');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('raw flashes are off by default and their warning is tied to the checkbox', async () => {
    const { page, close } = await browser.open('/?n=500');
    try {
      const raw = page.getByRole('checkbox', { name: /Raw flashes/ });
      expect(await raw.isChecked()).toBe(false);
      expect(await raw.getAttribute('aria-describedby')).toBe('raw-warning');
      expect(await page.locator('#raw-warning').textContent()).toContain('more than three times a second');
      expect(await page.locator('#motion-note').isHidden()).toBe(true);
    } finally {
      await close();
    }
  });

  it('prefers-reduced-motion: the page says so and the raster sweeps in place', async () => {
    const { page, errors, close } = await browser.open('/?n=1000', { reducedMotion: 'reduce' });
    try {
      await waitRunning(page);
      await expect.poll(() => page.locator('#motion-note').isVisible()).toBe(true);
      await waitForStatus(page, (s) => s.timeS > 0.5, 60_000, 'half a second of simulation');
      const png = await screenshot(page, 'reduced-motion');
      const boxes = await viewBoxes(page);
      expect(regionStats(png, boxes.raster).lumaSd).toBeGreaterThan(4);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('layout', () => {
  it('views follow the window and are drawn at the device pixel ratio (1920 × 1080, then HiDPI)', async () => {
    const { page, errors, close } = await browser.open('/?n=2500', { viewport: { width: 1280, height: 800 } });
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.2, 60_000, 'some simulation');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(1500);
      const canvas = page.locator('#views > canvas');
      const box = (await canvas.boundingBox())!;
      const viewsBox = (await page.locator('#views').boundingBox())!;
      expect(Math.abs(box.width - viewsBox.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(box.height - viewsBox.height)).toBeLessThanOrEqual(1);
      const png = await screenshot(page, 'layout-1920x1080');
      for (const [name, region] of Object.entries(await viewBoxes(page))) {
        expect(regionStats(png, region).lumaSd, name).toBeGreaterThan(6);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const hidpi = await browser.open('/?n=1000', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    try {
      await waitRunning(hidpi.page);
      await waitForStatus(hidpi.page, (s) => s.timeS > 0.2, 60_000, 'some simulation');
      const size = await hidpi.page.locator('#views > canvas').evaluate((c: HTMLCanvasElement) => ({
        width: c.width,
        cssWidth: c.getBoundingClientRect().width,
      }));
      expect(size.width).toBe(Math.round(size.cssWidth * 2));
      const png = await screenshot(hidpi.page, 'hidpi-2x');
      expect(png.width).toBe(2560);
      for (const [name, region] of Object.entries(await viewBoxes(hidpi.page))) {
        expect(regionStats(png, region, 2).lumaSd, name).toBeGreaterThan(6);
      }
      expect(hidpi.errors).toEqual([]);
    } finally {
      await hidpi.close();
    }
  });
});
