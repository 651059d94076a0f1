/**
 * Issue 13 in headless Chromium: the K⁺ and Ca²⁺ controls and the ions switch change the running
 * network without a rebuild; at zero Mg with ions on an ictal event is marked on the timeline and the
 * status line says so, and the ion strips are drawn under the rate; the recruitment map is drawn after
 * a burst; the sheet stays within the three-flash rule with ions on and during the 20× replay, sampled
 * every frame from inside the page (flash.ts sampleInPage) — and that check fails on a strobe and on
 * the raw-flashes opt-in; and "Next event" takes a lecturer from
 * the Zero-Mg preset to the first ictal event at the default 10,000 cells — its wall time is printed.
 * Screenshots go to test-results/e2e/ (and are looked at by a person, not only by these checks).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keepDrawingBuffer, maxFallPerSecond, maxFlashesPerSecond, maxLuminance, sampleInPage, showStrobe } from './flash';
import type { InPageSamples } from './flash';
import { readStatus, regionStats, screenshot, useBrowser, viewBoxes, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

async function readout(page: Page): Promise<Record<string, string | undefined>> {
  return page.locator('#ions-readout').evaluate((el: HTMLElement) => ({ ...el.dataset }));
}

/**
 * The glow filter's bound on how fast the sheet's luminance may fall, per second (src/render/glowFilter.ts:
 * ≈ 0.29, so every 10 % drop takes ≥ 0.35 s and at most three flashes fit in a second).
 */
const FALL_BOUND_PER_S = 0.35;
/**
 * The fewest samples a second that can show the rule broken: four flashes are eight changes, so at
 * 8 samples a second a fourth flash in a second is seen. The aim is ≥ 10 (measured 9–20 here, on
 * two cores shared with other work); below 8 the check could not fail, and so must not pass.
 */
const MIN_SAMPLE_HZ = 8;

/**
 * Samples the sheet in presentation mode with the sheet the one big view (the lecture's seizure
 * view): the page then draws the sheet alone, which software WebGL manages at 15–20 frames a second
 * here — against 2–8 with every view — so the samples are frequent enough to see a flash.
 */
async function samplePresenting(page: Page, durationMs: number): Promise<InPageSamples> {
  if (!(await page.evaluate(() => document.documentElement.classList.contains('presenting')))) await page.keyboard.press('p');
  const shrink = page.getByRole('button', { name: 'Shrink the spike raster' });
  if ((await page.locator('.panel-raster').getAttribute('data-big')) === 'true') await shrink.click();
  await page.waitForTimeout(800);
  const samples = await sampleInPage(page, 'sheet', durationMs, 'square');
  await page.keyboard.press('p');
  await page.waitForTimeout(500);
  return samples;
}

/** The sheet sampled for 5 s: at least MIN_SAMPLE_HZ samples a second, within three flashes a second and the filter's fall bound. */
async function sampleSheet(page: Page, what: string): Promise<InPageSamples> {
  const s = await samplePresenting(page, 5000);
  const flashes = maxFlashesPerSecond(s.timesMs, s.samples);
  const fall = maxFallPerSecond(s.timesMs, s.samples);
  console.log(`[flash] ${what}: ${s.samples.length} samples in 5 s (${s.rateHz.toFixed(1)}/s, ${s.changedFrames} new frames), ${flashes} flashes/s in the worst tile, fastest fall ${fall.toFixed(3)}/s`);
  expect(s.rateHz, `${what}: samples per second`).toBeGreaterThanOrEqual(MIN_SAMPLE_HZ);
  expect(flashes, `${what}: flashes per second`).toBeLessThanOrEqual(3);
  expect(fall, `${what}: luminance fall per second`).toBeLessThan(FALL_BOUND_PER_S);
  return s;
}

describe('the flash counter these checks use', () => {
  it('counts a 5 Hz square flicker as 5 a second and a slow swell as none', () => {
    const times = Array.from({ length: 100 }, (_, k) => k * 20);
    const square = times.map((t) => Float64Array.of(Math.floor(t / 100) % 2 === 0 ? 0.05 : 0.5));
    const swell = times.map((t) => Float64Array.of(0.05 + 0.4 * Math.sin((Math.PI * t) / 2000) ** 2));
    expect(maxFlashesPerSecond(times, square)).toBe(5);
    expect(maxFlashesPerSecond(times, swell)).toBe(0);
    expect(maxFallPerSecond(times, square)).toBeCloseTo(0.45 / 0.02);
    expect(maxFallPerSecond(times, swell)).toBeLessThan(0.7);
  });
});

describe('the seizure on the page', () => {
  it('the K⁺ and Ca²⁺ sliders and the ions switch change the running network at once, no rebuild', async () => {
    const { page, errors, close } = await browser.open('/?n=2500&mg=0.4');
    try {
      await waitRunning(page);
      const before = await waitForStatus(page, (s) => s.timeS >= 1 && s.kOutMaxMM !== undefined, 90_000, 'a second of simulation with ions on');
      expect(before.kOutMaxMM!).toBeLessThan(7);

      await page.locator('#k-bath').fill('8.5');
      await expect.poll(async () => (await readout(page)).kBath, { timeout: 20_000 }).toBe('8.5');
      expect(await page.locator('#k-bath').getAttribute('aria-valuetext')).toBe('8.50 millimolar, epileptogenic (high-K⁺ slice)');
      // the patches relax towards the new bath: [K+]o climbs past 7 mM while the clock runs on (no new network at t = 0)
      const raised = await waitForStatus(page, (s) => (s.kOutMaxMM ?? 0) > 7, 90_000, '[K+]o above 7 mM');
      expect(raised.timeS).toBeGreaterThan(before.timeS);

      await page.locator('#ca').fill('1');
      await expect.poll(async () => (await readout(page)).caOut, { timeout: 20_000 }).toBe('1');
      expect(await page.locator('#ca').getAttribute('aria-valuetext')).toBe('1.00 millimolar, low');

      await page.locator('#ions-on').uncheck();
      await expect.poll(async () => (await readout(page)).ions, { timeout: 20_000 }).toBe('off');
      const fixed = await waitForStatus(page, (s) => s.kOutMaxMM === undefined, 20_000, 'the status line without [K+]o');
      expect(fixed.timeS).toBeGreaterThanOrEqual(raised.timeS);
      expect(await page.evaluate(() => document.documentElement.dataset.phase)).toBe('running');
      await expect.poll(() => new URL(page.url()).searchParams.toString(), { timeout: 5_000 }).toContain('k=8.5&ca=1&ions=off');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('zero Mg, ions on: an ictal event marked on the timeline, the onset map drawn, within three flashes a second', async () => {
    const { page, errors, close } = await browser.open('/tests/e2e/blank.html');
    try {
      await keepDrawingBuffer(page);
      await page.goto(`${inject('baseUrl')}/?n=2500&mg=0`);
      await waitRunning(page);
      const during = await waitForStatus(page, (s) => s.inIctalEvent === true, 120_000, 'an ictal event under way');
      expect(during.text.replaceAll('\u00a0', ' ')).toMatch(/ictal 1 under way/);
      await expect.poll(() => page.locator('#views').getAttribute('data-ictal-marks'), { timeout: 10_000 }).not.toBe('0');
      await page.waitForTimeout(1500);
      const shot = await screenshot(page, 'seizure-ictal-1280x800');
      const boxes = await viewBoxes(page, ['sheet', 'rate']);
      expect(regionStats(shot, boxes.sheet).litShare, 'the sheet lit during the event').toBeGreaterThan(0.2);
      // the [K+]o strips under the rate are drawn: the rate view's lower part has a picture in it
      const strips = { ...boxes.rate, y: boxes.rate.y + boxes.rate.height * 0.55, height: boxes.rate.height * 0.45 };
      expect(regionStats(shot, strips).colours, 'colours in the ion strips under the rate').toBeGreaterThan(12);

      // the flash rule with ions on, during the event: every frame the page draws, sampled from inside it
      const live = await sampleSheet(page, 'live sheet, ions on, ictal event');
      expect(maxLuminance(live.samples), 'the sheet is lit (not a black canvas)').toBeGreaterThan(0.15);

      // the [K+]o map
      await page.locator('#sheet-modes button[data-mode="k"]').click();
      await page.waitForTimeout(2500);
      const kShot = await screenshot(page, 'seizure-kmap-1280x800');
      expect(regionStats(kShot, boxes.sheet).colours, '[K+]o map colours').toBeGreaterThan(3);

      // the onset map, once an onset has been mapped
      await expect.poll(() => page.locator('#sheet-modes button[data-mode="recruit"]').isDisabled(), { timeout: 60_000 }).toBe(false);
      await page.locator('#sheet-modes button[data-mode="recruit"]').click();
      await page.waitForTimeout(500);
      const info = (await page.locator('#onset-info').textContent()) ?? '';
      expect(info).toMatch(/onset at t = \d+\.\d s · [\d,]+ cells fired within 300 ms, 90 % by \d+ ms/);
      const mapShot = await screenshot(page, 'seizure-onsetmap-1280x800');
      const map = regionStats(mapShot, boxes.sheet);
      expect(map.colours, 'the onset map has a range of delays').toBeGreaterThan(20);
      expect(map.lumaSd).toBeGreaterThan(6);

      // the 20× slow replay, and the flash rule during it (its 450 ms of onset take 9 s)
      await page.locator('#sheet-modes button[data-mode="replay"]').click();
      await page.waitForTimeout(500);
      const replay = await sampleSheet(page, 'replay (20× slower)');
      expect(maxLuminance(replay.samples), 'the replay lights the sheet').toBeGreaterThan(0.1);
      await screenshot(page, 'seizure-replay-1280x800');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the flash check can fail: a strobe counts as flashing, and raw flashes break the glow filter’s bound', async () => {
    const { page, errors, close } = await browser.open('/tests/e2e/blank.html');
    try {
      // a deliberately strobed picture: 6 changes a second, 3 flashes (and faster than the filter allows)
      await showStrobe(page, 1000 / 6);
      const strobe = await sampleInPage(page, 'sheet', 3000);
      console.log(`[flash] strobe 3 Hz: ${strobe.rateHz.toFixed(1)} samples/s, ${maxFlashesPerSecond(strobe.timesMs, strobe.samples)} flashes/s`);
      expect(maxFlashesPerSecond(strobe.timesMs, strobe.samples)).toBe(3);
      await showStrobe(page, 1000 / 10);
      const fast = await sampleInPage(page, 'sheet', 3000);
      const fastFlashes = maxFlashesPerSecond(fast.timesMs, fast.samples);
      console.log(`[flash] strobe 5 Hz: ${fast.rateHz.toFixed(1)} samples/s, ${fastFlashes} flashes/s`);
      expect(fastFlashes, 'a 5 Hz strobe breaks the three-flash rule').toBeGreaterThan(3);

      // the live page with fixed ions (population bursts): the default passes, the raw opt-in breaks the bound
      await keepDrawingBuffer(page);
      await page.goto(`${inject('baseUrl')}/?n=2500&mg=0&ions=off`);
      await waitRunning(page);
      await waitForStatus(page, (s) => s.bursts >= 2, 90_000, 'two bursts');
      const safe = await sampleSheet(page, 'bursts, default');
      await page.locator('#raw-flashes').evaluate((box: HTMLInputElement) => box.click()); // hidden while presenting
      const raw = await samplePresenting(page, 5000);
      const rawFall = maxFallPerSecond(raw.timesMs, raw.samples);
      console.log(
        `[flash] bursts, raw flashes: ${raw.rateHz.toFixed(1)} samples/s, ${maxFlashesPerSecond(raw.timesMs, raw.samples)} flashes/s, fastest fall ${rawFall.toFixed(3)}/s (default: ${maxFallPerSecond(safe.timesMs, safe.samples).toFixed(3)}/s)`,
      );
      expect(rawFall, 'raw flashes fall faster than the glow filter allows').toBeGreaterThan(FALL_BOUND_PER_S);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('Next event: from the Zero-Mg preset to the first ictal event at 10,000 cells, wall time ≤ 60 s', async () => {
    const { page, errors, close } = await browser.open('/?n=10000');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.5, 90_000, 'the default network running');
      await page.keyboard.press('4');
      await expect.poll(() => page.locator('#scenes button[data-scene="zero"]').getAttribute('aria-pressed')).toBe('true');
      const t0 = Date.now();
      const simStart = (await readStatus(page))!.timeS;
      await page.locator('#next-event').click();
      expect(await page.locator('#next-event').getAttribute('aria-pressed')).toBe('true');
      const arrived = await waitForStatus(page, (s) => s.inIctalEvent === true, 120_000, 'the first ictal event');
      const wallS = (Date.now() - t0) / 1000;
      console.log(
        `[next event] Zero-Mg preset → ictal event under way: ${wallS.toFixed(1)} s wall, ${(arrived.timeS - simStart).toFixed(1)} s simulated (status: ${arrived.text})`,
      );
      expect(wallS).toBeLessThanOrEqual(60);
      // back to real time for the event itself
      await expect.poll(() => page.locator('#next-event').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
      expect(await page.locator('#speed').inputValue()).toBe('1');
      await page.waitForTimeout(2000);
      await screenshot(page, 'seizure-next-event-10k-1280x800');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('phone (390 × 844) and 1080p presentation during an ictal event: nothing scrolls sideways', async () => {
    const phone = await browser.open('/?n=2500&mg=0', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    try {
      await waitRunning(phone.page);
      await waitForStatus(phone.page, (s) => s.inIctalEvent === true, 120_000, 'an ictal event (phone)');
      await phone.page.waitForTimeout(1000);
      await screenshot(phone.page, 'seizure-phone-390x844');
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'sideways scroll, px').toBeLessThanOrEqual(0);
      await phone.page.locator('#ions-panel').scrollIntoViewIfNeeded();
      await screenshot(phone.page, 'seizure-phone-ions-390x844');
      // the narrowest phone of the issue: 360 px, still nothing sideways
      await phone.page.setViewportSize({ width: 360, height: 780 });
      await phone.page.waitForTimeout(800);
      const narrow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(narrow, 'sideways scroll at 360 px, px').toBeLessThanOrEqual(0);
      await screenshot(phone.page, 'seizure-phone-360x780');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
    const big = await browser.open('/?n=2500&mg=0', { viewport: { width: 1920, height: 1080 } });
    try {
      await waitRunning(big.page);
      await big.page.keyboard.press('p');
      await waitForStatus(big.page, (s) => s.inIctalEvent === true, 120_000, 'an ictal event (1080p)');
      await big.page.waitForTimeout(1500);
      await screenshot(big.page, 'seizure-presenting-1920x1080');
      expect(big.errors).toEqual([]);
    } finally {
      await big.close();
    }
  });
});
