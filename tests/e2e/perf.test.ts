/**
 * Frame time at the default 10,000 neurons, idle (1.2 mM), at 0 mM, and paused (the picture settled,
 * so rendering is skipped), measured inside the page with requestAnimationFrame. Recorded in
 * test-results/e2e/perf-10k.json and printed. The frame times depend on the machine (headless
 * Chromium renders WebGL in software through SwiftShader here, sharing two cores with the simulation
 * worker), so they are not asserted; what is asserted is that the frames were of a running
 * simulation: over each measurement the simulated time advances, the status line shows a plausible
 * rate, and the raster's pixels change — and while paused, neither time nor pixels move. The page's
 * own marks are recorded too: the first simulated frame drawn after navigation, and the latency
 * of [Mg]o changes from the slider's input to the draw of the first frame carrying the new value
 * (src/ui/perfOverlay.ts PAGE_MARKS) — asserted to exist and to be causal, not to meet a target.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { measureFrames, readStatus, regionDiff, SHOT_DIR, useBrowser, viewBoxes, waitForStatus, waitRunning } from './support';
import type { Status } from './support';
import { measureMgLatency, startMarks, waitFirstFrameS } from '../../bench/lib/browserPage';

const browser = useBrowser();

/** The status line and the raster's pixels before and after durationMs of measured frames. */
async function measureLive(page: Page, durationMs: number) {
  const raster = (await viewBoxes(page)).raster;
  const before = (await readStatus(page))!;
  const shotBefore = PNG.sync.read(await page.screenshot());
  const frames = await measureFrames(page, durationMs);
  const after = (await readStatus(page))!;
  const shotAfter = PNG.sync.read(await page.screenshot());
  return { frames, before, after, rasterChange: regionDiff(shotBefore, shotAfter, raster) };
}

/** A running network's figures: time moved on, the rate is that of cortex-like firing, the picture moved. */
function expectRunning(what: string, m: { before: Status; after: Status; rasterChange: number }): void {
  const context = `${what}: ${m.before.text} → ${m.after.text}`;
  expect(m.after.timeS - m.before.timeS, `${context}: simulated time advances`).toBeGreaterThanOrEqual(0.2);
  expect(m.after.rateHz, `${context}: a rate above zero`).toBeGreaterThan(0);
  expect(m.after.rateHz, `${context}: below the refractory limit`).toBeLessThan(200);
  expect(m.after.realtimeFactor, context).toBeGreaterThan(0);
  expect(m.rasterChange, `${context}: mean pixel change over the raster`).toBeGreaterThan(0.5);
}

describe('frame time at 10,000 neurons', () => {
  it('measures idle (1.2 mM) and 0 mM', async () => {
    const { page, errors, close } = await browser.open('/?n=10000');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.2, 90_000, 'the 10k network to run');
      const firstFrameS = await waitFirstFrameS(page);
      const marks = await startMarks(page);
      // causal order: the page started, its views were made, the network adopted, then its first frame drawn
      expect(marks['mg:start']).toBeLessThan(marks['mg:views-ready']);
      expect(marks['mg:adopted']).toBeLessThanOrEqual(firstFrameS * 1000);
      const idle = await measureLive(page, 5000);
      expectRunning('1.2 mM', idle);
      // [Mg]o changes at 1.2 mM: each is measured from its input to the draw of the frame that carries it
      const mgLatency = await measureMgLatency(page, 6);
      expect(mgLatency.changes, 'every change reached a drawn frame').toBe(6);
      expect(mgLatency.medianMs).toBeGreaterThan(0);

      await page.getByRole('slider', { name: /Mg/ }).focus();
      await page.keyboard.press('Home');
      await waitForStatus(page, (s) => s.mgOutMM === 0, 15_000, '0 mM');
      await page.waitForTimeout(3000);
      const zeroMg = await measureLive(page, 5000);
      expectRunning('0 mM', zeroMg);

      // paused: once the glow has settled nothing changes and the page skips rendering
      await page.getByRole('button', { name: 'Pause the simulation' }).click();
      await page.waitForTimeout(4000);
      const paused = await measureLive(page, 3000);
      expect(paused.after.paused).toBe(true);
      expect(paused.after.timeS, 'paused: the clock stands').toBe(paused.before.timeS);
      expect(paused.rasterChange, 'paused: the raster stands').toBeLessThan(0.1);

      const report = {
        neurons: 10_000,
        viewport: '1280x800',
        firstFrameS,
        marks,
        mgLatencyMs: { median: mgLatency.medianMs, p95: mgLatency.p95Ms, all: mgLatency.all },
        idle: { ...idle.frames, status: idle.after.text },
        zeroMg: { ...zeroMg.frames, status: zeroMg.after.text },
        pausedRenderOnly: paused.frames,
      };
      mkdirSync(SHOT_DIR, { recursive: true });
      writeFileSync(join(SHOT_DIR, 'perf-10k.json'), `${JSON.stringify(report, null, 2)}\n`);
      const line = (f: typeof idle.frames): string => `${f.meanMs.toFixed(1)} ms/frame (${f.fps.toFixed(1)} fps, median ${f.medianMs.toFixed(1)} ms)`;
      console.log(`10k first frame ${firstFrameS.toFixed(2)} s · [Mg]o→drawn median ${mgLatency.medianMs.toFixed(0)} ms, p95 ${mgLatency.p95Ms.toFixed(0)} ms`);
      console.log(`10k idle: ${line(idle.frames)} · 0 mM: ${line(zeroMg.frames)} · paused and settled: ${line(paused.frames)}`);
      expect(paused.frames.fps).toBeGreaterThan(idle.frames.fps);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
