/**
 * The live page in headless Chromium: it starts on its own, every view is drawn, the status line
 * moves, and the real [Mg]o control changes the running network.
 */
import { describe, expect, it } from 'vitest';
import { readStatus, regionStats, screenshot, useBrowser, viewBoxes, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('the live page', () => {
  it('a first load with no size sizes the sheet to the device and says so under Neurons', async () => {
    const { page, errors, close } = await browser.open('/');
    try {
      await waitRunning(page);
      const note = page.locator('#fit-note');
      await expect.poll(() => note.textContent()).toMatch(/^(10,000 neurons: this device keeps them live|Sized to [\d,]+ neurons)/);
      const text = (await note.textContent())!;
      const chosen = Number(/^(?:Sized to )?([\d,]+) neurons/.exec(text)![1].replace(/,/g, ''));
      // the size chosen is the page's: the Neurons field, the address and the network all say it
      expect(await page.getByLabel('Neurons', { exact: true }).inputValue()).toBe(String(chosen));
      await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe(String(chosen));
      await expect.poll(() => page.locator('#raster-rows').textContent()).toMatch(new RegExp(`${chosen.toLocaleString('en')} neurons`));
      await waitForStatus(page, (s) => s.timeS > 0, 90_000, 'simulated time');
      if (chosen < 10_000) await expect.poll(() => page.locator('#notice').textContent()).toContain(text); // said at the top too
      await screenshot(page, 'first-load-fit-1280x800');
      await note.scrollIntoViewIfNeeded();
      await screenshot(page, 'first-load-fit-note');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens running: the 10,000-neuron sheet at 1.2 mM (n in the address is never resized), every view drawn, no console errors', async () => {
    const { page, errors, close } = await browser.open('/?n=10000');
    try {
      await waitRunning(page);
      // the URL now names the whole scene, with the size the user asked for
      expect(new URL(page.url()).search).toBe('?preset=sheet&mg=1.2&k=3.5&ca=2&ions=on&seed=1&n=10000&speed=1');
      expect(await page.locator('#fit-note').count()).toBe(0);
      await expect.poll(() => page.locator('#raster-rows').textContent()).toBe('500 of 10,000 neurons shown');
      const status = await waitForStatus(page, (s) => s.timeS > 0 && s.rateHz > 0, 90_000, 'simulated time and a rate');
      expect(status.mgOutMM).toBeCloseTo(1.2, 2);
      await page.waitForTimeout(1000);

      const png = await screenshot(page, 'default-10k-1280x800');
      const boxes = await viewBoxes(page);
      for (const [name, box] of Object.entries(boxes)) {
        const stats = regionStats(png, box);
        expect(stats.lumaSd, `${name}: luma spread ${stats.lumaSd.toFixed(1)}`).toBeGreaterThan(6);
        expect(stats.colours, `${name}: distinct colours`).toBeGreaterThan(20);
      }
      // the sheet is one square of 100 × 100 cells: most of its box is lit cells, not background
      expect(regionStats(png, boxes.sheet).litShare).toBeGreaterThan(0.05);
      const canvas = page.locator('#views > canvas');
      await expect.poll(() => canvas.count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the status line shows simulated time advancing and a rate above zero', async () => {
    const { page, errors, close } = await browser.open('/?n=1000');
    try {
      await waitRunning(page);
      const first = await waitForStatus(page, (s) => s.timeS > 0, 60_000, 'simulated time > 0');
      const later = await waitForStatus(page, (s) => s.timeS >= first.timeS + 0.3, 60_000, 'time to advance 0.3 s');
      expect(later.timeS).toBeGreaterThan(first.timeS);
      expect(later.rateHz).toBeGreaterThan(0);
      expect(later.fps).toBeGreaterThan(0);
      // the visible line changes every half second, so it is not a live region; the announcer is (a11y.test.ts)
      expect(await page.locator('#status').getAttribute('aria-live')).toBe('off');
      expect(await page.locator('[role="status"]').getAttribute('id')).toBe('announce');

      // pause stops the clock, play resumes it
      await page.getByRole('button', { name: 'Pause the simulation' }).click();
      await waitForStatus(page, (s) => s.paused, 5_000, 'paused');
      await page.waitForTimeout(1000); // a chunk already in flight may still land
      const paused = (await readStatus(page))!;
      await page.waitForTimeout(1500);
      expect((await readStatus(page))?.timeS).toBe(paused.timeS);
      await page.getByRole('button', { name: 'Play the simulation' }).click();
      await waitForStatus(page, (s) => s.timeS > paused.timeS, 30_000, 'time to move after play');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('moving the real [Mg]o slider to 0 raises the rate and bursts appear', async () => {
    const { page, errors, close } = await browser.open('/?n=2500');
    try {
      await waitRunning(page);
      // past the start-up transient, the rate at 1.2 mM
      const baseline = await waitForStatus(page, (s) => s.timeS >= 2.5, 90_000, 'the network to settle at 1.2 mM');
      await page.screenshot({ path: 'test-results/e2e/mg-1.2-before.png' });

      // the keyboard on the real control: Home takes a range input to its minimum
      const slider = page.getByRole('slider', { name: /Mg/ });
      await slider.focus();
      await page.keyboard.press('Home');
      await expect.poll(() => slider.inputValue()).toBe('0');
      await expect.poll(() => page.locator('#mg-value').textContent()).toBe('0.00 mM');
      await waitForStatus(page, (s) => s.mgOutMM === 0, 10_000, 'the worker to report 0 mM');
      await expect.poll(() => new URL(page.url()).searchParams.get('mg')).toBe('0'); // the URL follows within a moment

      const raised = await waitForStatus(
        page,
        (s) => s.rateHz > 1.5 * baseline.rateHz + 2,
        60_000,
        `the rate to rise clearly above ${baseline.rateHz} Hz (×1.5 + 2 Hz)`,
      );
      expect(raised.rateHz).toBeGreaterThan(baseline.rateHz);
      await screenshot(page, 'mg-0-raised');
      const bursting = await waitForStatus(
        page,
        (s) => s.bursts > baseline.bursts,
        90_000,
        `a burst beyond the ${baseline.bursts} seen at 1.2 mM`,
      );
      expect(bursting.bursts).toBeGreaterThan(baseline.bursts);
      await screenshot(page, 'mg-0-bursting');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it(
    'at 0 mM the bursts recur: seizure-like events keep coming after the switch’s own transient',
    async () => {
      // the NMDA story alone (ions fixed): with ions on the bursts soon merge into a 24-s ictal event
      // of steady firing, which tests/e2e/seizure.test.ts follows
      const { page, errors, close } = await browser.open('/?n=2500&ions=off');
      try {
        await waitRunning(page);
        await waitForStatus(page, (s) => s.timeS >= 2, 90_000, 'the network to settle at 1.2 mM');
        const slider = page.getByRole('slider', { name: /Mg/ });
        await slider.focus();
        await page.keyboard.press('Home');
        const switched = await waitForStatus(page, (s) => s.mgOutMM === 0, 10_000, 'the worker to report 0 mM');
        // let the transient of the switch itself pass (a few seconds of simulated time)
        const settled = await waitForStatus(page, (s) => s.timeS >= switched.timeS + 4, 90_000, '4 s of simulation at 0 mM');
        const recurred = await waitForStatus(
          page,
          (s) => s.bursts > settled.bursts || s.timeS >= settled.timeS + 12,
          120_000,
          'another burst, or 12 s of simulation without one',
        );
        await screenshot(page, 'mg-0-recurrence');
        expect(
          recurred.bursts,
          `bursts detected ${settled.timeS}–${recurred.timeS} s at 0 mM (status: ${recurred.text})`,
        ).toBeGreaterThan(settled.bursts);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    300_000,
  );
});

