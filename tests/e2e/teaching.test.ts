/**
 * Issue 6, the teaching views: presets with what to look for, the explanations, the Mg-block panel
 * (drawn, and redrawn when [Mg]o changes), and the neuron probe (a click on the sheet, or a typed
 * number, adds a trace; × removes it).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readStatus, regionDiff, regionStats, screenshot, useBrowser, waitForStatus, waitRunning } from './support';
import type { Box } from './support';

const browser = useBrowser();

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return b;
}

describe('teaching views', () => {
  it('presets 1–6 change the ions live with what to look for; the explanations are on the page', async () => {
    const { page, errors, close } = await browser.open('/?n=1500');
    try {
      await waitRunning(page);
      const buttons = page.locator('#scenes button');
      expect(await buttons.count()).toBe(7);
      expect(await page.locator('#scenes button[aria-pressed="true"]').getAttribute('data-scene')).toBe('normal');
      expect(await page.locator('#scene-look').textContent()).toContain('Normal bath');
      const before = await waitForStatus(page, (s) => s.timeS > 0.3, 60_000, 'frames');

      for (const [id, mg, phrase] of [
        ['mild', 0.7, 'Mild hypomagnesaemia'],
        ['severe', 0.4, 'Severe hypomagnesaemia'],
        ['zero', 0, 'Zero magnesium'],
        ['highk', 1.2, 'High-K⁺ bath'],
        ['lowca', 0, 'Low Ca²⁺ (1 mM)'],
        ['normal', 1.2, 'Normal bath'],
      ] as const) {
        await page.locator(`#scenes button[data-scene="${id}"]`).click();
        await waitForStatus(page, (s) => Math.abs(s.mgOutMM - mg) < 1e-9, 15_000, `the worker to report ${mg} mM`);
        expect(await page.locator('#scene-look').textContent()).toContain(phrase);
        expect(await page.locator(`#scenes button[data-scene="${id}"]`).getAttribute('aria-pressed')).toBe('true');
        expect(await page.locator('#mg').inputValue()).toBe(String(mg));
      }
      // a live change: the clock never went back to zero (no rebuild)
      expect((await readStatus(page))!.timeS).toBeGreaterThanOrEqual(before.timeS);
      await expect.poll(() => new URL(page.url()).searchParams.get('mg')).toBe('1.2');

      const explain = (await page.locator('#explain').textContent()) ?? '';
      for (const phrase of ['Why magnesium blocks NMDA receptors', 'Why the block depends on voltage', 'Why removing it makes the network burst', 'What this model leaves out', 'adaptation', 'tens of seconds']) {
        expect(explain).toContain(phrase);
      }
      await page.locator('#explain').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/e2e/explanations.png', fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the Mg-block panel is drawn and changes when [Mg]o changes', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=1.2');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.3, 60_000, 'frames');
      await page.waitForTimeout(500);
      const region = await box(page, '[data-view="block"]');
      expect(region.y + region.height, 'the block panel fits in a 1280 × 800 window').toBeLessThanOrEqual(800);
      const at12 = await screenshot(page, 'block-panel-1.2mM');
      const stats = regionStats(at12, region);
      expect(stats.lumaSd, `block panel luma spread ${stats.lumaSd}`).toBeGreaterThan(8);
      expect(stats.colours).toBeGreaterThan(20);
      expect(await page.locator('#block-mg-label').textContent()).toBe('at 1.20 mM');

      await page.locator('#scenes button[data-scene="zero"]').click();
      await waitForStatus(page, (s) => s.mgOutMM === 0, 15_000, '0 mM');
      await page.waitForTimeout(500);
      const at0 = await screenshot(page, 'block-panel-0mM');
      expect(await page.locator('#block-mg-label').textContent()).toBe('at 0.00 mM');
      const diff = regionDiff(at12, at0, region);
      expect(diff, `mean change over the block panel ${diff.toFixed(2)}`).toBeGreaterThan(1);
      expect(regionStats(at0, region).lumaSd).toBeGreaterThan(8);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a click on the sheet adds a probe trace; a typed number adds another; × removes it', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.4');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.3, 60_000, 'frames');
      const probeRegion = await box(page, '[data-view="probe"]');
      const empty = await screenshot(page, 'probe-empty');

      const sheet = await box(page, '[data-view="sheet"]');
      await page.mouse.click(sheet.x + sheet.width * 0.4, sheet.y + sheet.height * 0.45);
      await expect.poll(() => page.locator('#probe-list li').count()).toBe(1);
      const first = Number(await page.locator('#probe-list li').first().getAttribute('data-neuron'));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(1500);

      await page.getByLabel('Probe neuron #').fill('1400');
      await page.getByLabel('Probe neuron #').press('Enter');
      await expect.poll(() => page.locator('#probe-list li').count()).toBe(2);
      expect(await page.locator('#probe-list li').nth(1).textContent()).toContain('#1400 I');

      // out of range: refused with its range
      await page.getByLabel('Probe neuron #').fill('99999');
      await page.getByLabel('Probe neuron #').press('Enter');
      await expect.poll(() => page.locator('#probe-error').textContent()).toContain('from 0 to 1499');

      const before = (await readStatus(page))!;
      await waitForStatus(page, (s) => s.timeS > before.timeS + 1.5, 60_000, '1.5 s of probe traces');
      await page.waitForTimeout(300);
      const traced = await screenshot(page, 'probe-traces');
      const diff = regionDiff(empty, traced, probeRegion);
      expect(diff, `probe panel change ${diff.toFixed(2)}`).toBeGreaterThan(0.5);
      expect(regionStats(traced, probeRegion).colours).toBeGreaterThan(20);

      // the probed cells are dots on the block curve too: the block panel changes as well
      const blockRegion = await box(page, '[data-view="block"]');
      expect(regionDiff(empty, traced, blockRegion)).toBeGreaterThan(0.2);

      await page.getByRole('button', { name: 'Stop probing neuron 1400' }).click();
      await expect.poll(() => page.locator('#probe-list li').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
