/**
 * If the simulation worker dies, the page says so and offers a restart with the same parameters.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('a dead worker', () => {
  it('is reported in the notice, and Restart rebuilds the same scene', async () => {
    const { page, close } = await browser.open('/?n=800&mg=0.6&seed=3');
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.1, 60_000, 'frames');
      const workers = page.workers();
      expect(workers.length).toBeGreaterThan(0);
      // an uncaught exception inside the worker, outside any call
      await workers[0].evaluate(() => {
        setTimeout(() => {
          throw new Error('simulated crash');
        });
      });
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await notice.textContent()).toContain('The simulation stopped.');
      expect(await page.locator('#status').textContent()).toContain('Stopped');
      const restart = page.getByRole('button', { name: 'Restart simulation' });
      expect(await restart.isVisible()).toBe(true);
      await restart.click();
      await waitRunning(page);
      const status = await waitForStatus(page, (s) => s.timeS > 0.1, 60_000, 'frames after the restart');
      expect(status.mgOutMM).toBeCloseTo(0.6, 2);
      expect(await notice.isHidden()).toBe(true);
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('3');
    } finally {
      await close();
    }
  });
});
