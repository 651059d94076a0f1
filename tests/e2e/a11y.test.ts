/**
 * Issue 14 §5–6, accessibility and figures: the status line is out of aria-live and a polite
 * announcer says what changed (a network ready, a new [Mg]o, a burst), not every frame; the
 * "describe" action (button and D); gentle sound, off by default; the slider's landmarks named;
 * every new control reachable by Tab; and the PNG carries its caption and legends.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { useBrowser, regionStats, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

/** Every text the announcer (#announce) is given, recorded inside the page. */
const RECORD_ANNOUNCER = `(() => {
  window.__said = [];
  new MutationObserver(() => window.__said.push(document.getElementById('announce').textContent)).observe(document.getElementById('announce'), { childList: true, characterData: true, subtree: true });
})()`;

describe('accessibility', () => {
  it('the announcer says what changed, not the numbers of every frame; describe puts the state into words', async () => {
    const { page, errors, close } = await browser.open('/?n=2000&mg=1.2');
    try {
      expect(await page.locator('#status').getAttribute('aria-live')).toBe('off');
      expect(await page.locator('#status').getAttribute('role')).toBeNull();
      expect(await page.locator('#announce').getAttribute('role')).toBe('status');
      await waitRunning(page);
      await page.evaluate(RECORD_ANNOUNCER);
      await waitForStatus(page, (s) => s.timeS > 0.5, 60_000, 'frames');
      // a steady network: the status line changes every half second, the announcer stays quiet
      const before = (await page.locator('#status').textContent()) ?? '';
      await page.waitForTimeout(4000);
      expect(await page.locator('#status').textContent()).not.toBe(before);
      const steady = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
      expect(steady.length, steady.join(' | ')).toBeLessThanOrEqual(1);

      // a new [Mg]o by the keys, said once it settles, with its landmark; then the first burst
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('4');
      const saidSoFar = (): Promise<string> => page.evaluate(() => (window as unknown as { __said: string[] }).__said.join(' | '));
      await expect.poll(saidSoFar, { timeout: 15_000 }).toContain('[Mg]o 0.00 millimolar, zero-Mg slice.');
      await expect.poll(saidSoFar, { timeout: 60_000 }).toMatch(/A population burst, at [\d.]+ s\./);
      const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
      expect(said.length, said.join(' | ')).toBeLessThanOrEqual(5);

      // describe: the button and D, said and shown
      await page.getByRole('button', { name: 'Describe' }).click();
      const shown = (await page.locator('#described-text').textContent()) ?? '';
      expect(shown).toMatch(/^The cortical sheet of 2,000 neurons runs: [\d.]+ seconds of simulated time\. \[Mg\]o is 0\.00 millimolar \(zero-Mg slice\)\./);
      expect(shown).toMatch(/population burst/);
      expect(await page.locator('#announce').textContent()).toContain(shown);
      await page.locator('#described-close').click();
      expect(await page.locator('#described').isHidden()).toBe(true);
      await page.keyboard.press('d');
      expect(await page.locator('#described').isVisible()).toBe(true);

      // named landmarks
      expect(await page.locator('#mg').getAttribute('aria-valuetext')).toBe('0.00 millimolar, zero-Mg slice');
      expect(await page.locator('#mg-landmarks option[value="1.2"]').getAttribute('label')).toBe('normal ACSF');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('sound is off by default and gentle when on; every new control is reached by Tab', async () => {
    const { page, errors, close } = await browser.open('/?n=1000');
    try {
      await waitRunning(page);
      expect(await page.getByLabel('Sound').inputValue()).toBe('off');
      expect(await page.evaluate(() => document.documentElement.dataset.sound)).toBeUndefined();
      await page.getByLabel('Sound').selectOption('bursts');
      expect(await page.evaluate(() => document.documentElement.dataset.sound)).toBe('bursts');
      await page.getByLabel('Volume').fill('1');
      await page.getByLabel('Sound').selectOption('rate');
      await page.waitForTimeout(500);
      await page.getByLabel('Sound').selectOption('off');
      expect(await page.evaluate(() => document.documentElement.dataset.sound)).toBe('off');

      const reached = new Set<string>();
      await page.locator('#lessons-open').focus();
      await page.keyboard.press('Shift+Tab');
      for (let k = 0; k < 120; k++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el ? el.id || el.getAttribute('aria-label') || el.className : '';
        });
        reached.add(id);
      }
      for (const name of ['lessons-open', 'describe', 'presentation', 'About the neuron sheet', 'About the neuron probe', 'sound', 'volume', 'mg', 'play']) {
        expect(reached.has(name), name).toBe(true);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the PNG carries a caption (network, [Mg]o, time, seed) and the legends', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.4&seed=5', { acceptDownloads: true });
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS >= 1, 60_000, 'a second of simulation');
      const views = (await page.locator('#views').boundingBox())!;
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Picture (PNG)' }).click()]);
      const png = PNG.sync.read(readFileSync((await file.path())!));
      // the views, then a caption band under them
      expect(png.width).toBe(Math.round(views.width));
      expect(png.height).toBeGreaterThan(Math.round(views.height) + 40);
      const band = { x: 0, y: views.height + 4, width: png.width / 2, height: png.height - views.height - 8 };
      expect(regionStats(png, band).litShare, 'caption text in the band').toBeGreaterThan(0.01);
      // the legends are painted: the raster's excitatory swatch in its colour
      const swatch = await page.locator('.panel-raster .swatch-exc').evaluate((el) => {
        const r = el.getBoundingClientRect();
        const host = document.getElementById('views')!.getBoundingClientRect();
        return { x: Math.round(r.left - host.left + r.width / 2), y: Math.round(r.top - host.top + r.height / 2) };
      });
      const at = (swatch.y * png.width + swatch.x) * 4;
      expect([png.data[at], png.data[at + 1], png.data[at + 2]]).toEqual([0xf2, 0xa5, 0x41]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
