/**
 * Frame time at the default 10,000 neurons, idle (1.2 mM), at 0 mM, and paused (the picture settled,
 * so rendering is skipped), measured inside the page with requestAnimationFrame. Recorded in test-results/e2e/perf-10k.json and printed; the only assertion
 * is that frames keep coming (the figures depend on the machine: headless Chromium renders WebGL in
 * software through SwiftShader here, sharing two cores with the simulation worker).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureFrames, SHOT_DIR, useBrowser, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('frame time at 10,000 neurons', () => {
  it('measures idle (1.2 mM) and 0 mM', async () => {
    const { page, errors, close } = await browser.open('/');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.2, 90_000, 'the 10k network to run');
      const idle = await measureFrames(page, 5000);
      const idleStatus = await page.locator('#status').textContent();

      await page.getByRole('slider', { name: /Mg/ }).focus();
      await page.keyboard.press('Home');
      await waitForStatus(page, (s) => s.mgOutMM === 0, 15_000, '0 mM');
      await page.waitForTimeout(3000);
      const zeroMg = await measureFrames(page, 5000);
      const zeroStatus = await page.locator('#status').textContent();

      // paused: once the glow has settled nothing changes and the page skips rendering
      await page.getByRole('button', { name: 'Pause the simulation' }).click();
      await page.waitForTimeout(4000);
      const paused = await measureFrames(page, 3000);

      const report = {
        neurons: 10_000,
        viewport: '1280x800',
        idle: { ...idle, status: idleStatus },
        zeroMg: { ...zeroMg, status: zeroStatus },
        pausedRenderOnly: paused,
      };
      mkdirSync(SHOT_DIR, { recursive: true });
      writeFileSync(join(SHOT_DIR, 'perf-10k.json'), `${JSON.stringify(report, null, 2)}\n`);
      console.log(
        `10k idle: ${idle.meanMs.toFixed(1)} ms/frame (${idle.fps.toFixed(1)} fps, median ${idle.medianMs.toFixed(1)} ms) · ` +
          `0 mM: ${zeroMg.meanMs.toFixed(1)} ms/frame (${zeroMg.fps.toFixed(1)} fps, median ${zeroMg.medianMs.toFixed(1)} ms) · ` +
          `paused and settled: ${paused.meanMs.toFixed(1)} ms/frame (${paused.fps.toFixed(1)} fps)`,
      );
      expect(idle.frames).toBeGreaterThan(5);
      expect(zeroMg.frames).toBeGreaterThan(5);
      expect(paused.fps).toBeGreaterThan(idle.fps);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
