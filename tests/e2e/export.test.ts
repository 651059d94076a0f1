/**
 * Issue 6, export: the spikes as CSV (`neuron_id,time_ms`, the last 30 s), the parameters as JSON
 * that loads again to the same state, and a PNG of the views that is a real picture (not black).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { useBrowser, readStatus, regionStats, SHOT_DIR, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), path: (await file.path())! };
}

describe('export', () => {
  it('spikes CSV, parameters JSON that reloads to the same state, and a PNG of the views', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.4&seed=5', { acceptDownloads: true });
    try {
      await waitRunning(page);
      const status = await waitForStatus(page, (s) => s.timeS >= 1, 60_000, 'a second of simulation');

      // spikes
      const spikes = await download(page, 'Spikes (CSV)');
      expect(spikes.name).toBe('mg-gate-spikes.csv');
      const lines = readFileSync(spikes.path, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('neuron_id,time_ms');
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows.length).toBeGreaterThan(100);
      const lastTimeMs = (await readStatus(page))!.timeS * 1000 + 1000;
      let previous = -Infinity;
      for (const [id, t] of rows) {
        expect(id).toMatch(/^\d+$/);
        expect(Number(id)).toBeLessThan(1500);
        const time = Number(t);
        expect(t).toMatch(/^\d+\.\d$/);
        expect(time).toBeGreaterThanOrEqual(previous);
        expect(time).toBeLessThanOrEqual(lastTimeMs);
        previous = time;
      }
      // a plausible rate: spikes / (neurons × seconds)
      const spanS = (Number(rows[rows.length - 1][1]) - Number(rows[0][1])) / 1000;
      const rateHz = rows.length / (1500 * Math.max(0.1, spanS));
      expect(rateHz).toBeGreaterThan(0.5);
      expect(rateHz).toBeLessThan(200);
      expect(status.timeS).toBeGreaterThan(0);

      // parameters: saved, changed, loaded again
      const saved = await download(page, 'Parameters (JSON)');
      expect(saved.name).toBe('mg-gate-parameters.json');
      const text = readFileSync(saved.path, 'utf8');
      const file = JSON.parse(text);
      expect(file.format).toBe('mg-gate/parameters');
      expect(file.config.neurons).toBe(1500);
      expect(file.config.seed).toBe(5);
      expect(file.config.live.mgOutMM).toBe(0.4);
      expect(file.config.preset).toBe('sheet');

      await page.keyboard.press('4'); // 0 mM
      await waitForStatus(page, (s) => s.mgOutMM === 0, 15_000, '0 mM');
      const seed = page.getByLabel('Seed', { exact: true });
      await seed.fill('9');
      await seed.press('Enter');
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.1, 30_000, 'the changed network');

      // a broken file is refused with the field named; nothing is rebuilt
      const bad = { ...file, config: { ...file.config, live: { ...file.config.live, mgOutMM: -1 } } };
      await page.locator('#import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await expect.poll(() => page.locator('#import-error').textContent()).toContain('live.mgOutMM = -1 is not allowed: expected from 0 to 3 mM');
      expect(await seed.inputValue()).toBe('9');

      await page.locator('#import-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(() => seed.inputValue()).toBe('5');
      await waitRunning(page);
      await waitForStatus(page, (s) => Math.abs(s.mgOutMM - 0.4) < 1e-9 && s.timeS > 0.1, 30_000, 'the loaded network at 0.4 mM');
      expect(await page.locator('#import-error').isHidden()).toBe(true);
      expect(await page.locator('#mg').inputValue()).toBe('0.4');
      expect(new URL(page.url()).search).toBe('?preset=sheet&mg=0.4&k=3.5&ca=2&ions=on&seed=5&n=1500&speed=1');
      const again = JSON.parse(readFileSync((await download(page, 'Parameters (JSON)')).path, 'utf8'));
      expect(again.config).toEqual(file.config);

      // the picture
      await page.waitForTimeout(500);
      const picture = await download(page, 'Picture (PNG)');
      expect(picture.name).toBe('mg-gate-views.png');
      mkdirSync(SHOT_DIR, { recursive: true });
      copyFileSync(picture.path, join(SHOT_DIR, 'export-views.png'));
      const png = PNG.sync.read(readFileSync(picture.path));
      const views = (await page.locator('#views').boundingBox())!;
      expect(png.width).toBe(Math.round(views.width));
      expect(png.height, 'the views and the caption band under them').toBeGreaterThan(Math.round(views.height));
      const whole = regionStats(png, { x: 0, y: 0, width: png.width, height: png.height });
      expect(whole.lumaSd, 'not a flat (black) picture').toBeGreaterThan(8);
      expect(whole.colours).toBeGreaterThan(50);
      // the sheet's region of the picture is drawn too
      const sheet = (await page.locator('[data-view="sheet"]').boundingBox())!;
      expect(regionStats(png, { x: sheet.x - views.x, y: sheet.y - views.y, width: sheet.width, height: sheet.height }).litShare).toBeGreaterThan(0.05);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
