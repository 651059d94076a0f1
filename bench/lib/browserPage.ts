/**
 * What the browser bench reads from the page's own performance marks and measures (src/ui/perfOverlay.ts
 * PAGE_MARKS): the first simulated frame drawn after navigation, and the latency of [Mg]o changes
 * from the slider's input to the draw of the first frame that carries the new value.
 */
import type { Page } from 'playwright-core';
import { median, quantile } from './browserMeasure';

/** The page's mark names (the same strings as PAGE_MARKS; the bench runs in Node and imports no page code). */
const FIRST_FRAME_MARK = 'mg:first-frame-drawn';
const MG_DRAWN_MEASURE = 'mg:mg-to-drawn';

/** Seconds from navigation start to the page's first drawn frame with simulated time > 0 (waits for it). */
export async function waitFirstFrameS(page: Page, timeoutMs = 120_000): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_FRAME_MARK, { timeout: timeoutMs });
  return page.evaluate((name) => performance.getEntriesByName(name)[0].startTime / 1000, FIRST_FRAME_MARK);
}

/** The page's start-up marks, ms since navigation start (those it has set so far). */
export function startMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('mg:')).map((m) => [m.name, m.startTime])));
}

export interface MgLatency {
  changes: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  all: number[];
}

/**
 * Moves the [Mg]o slider `changes` times with the keyboard (one step of the slider each, alternately
 * down and up) and reads the page's measure of each change. Each change waits until the page has
 * drawn it (up to 10 s) and then gapMs more: a change made while the last one is still under way
 * replaces it (src/ui/changeLatency.ts), so on a slow machine fixed gaps would lose changes. The
 * page must be running.
 */
export async function measureMgLatency(page: Page, changes: number, gapMs = 600): Promise<MgLatency> {
  const before = await page.evaluate((name) => performance.getEntriesByName(name).length, MG_DRAWN_MEASURE);
  const slider = page.getByRole('slider', { name: /Mg/ });
  await slider.focus();
  for (let k = 0; k < changes; k++) {
    await page.keyboard.press(k % 2 === 0 ? 'ArrowDown' : 'ArrowUp');
    await page
      .waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length >= (n as number), [MG_DRAWN_MEASURE, before + k + 1], { timeout: 10_000 })
      .catch(() => undefined); // a change that never showed is missing from the list, and the count says so
    await page.waitForTimeout(gapMs);
  }
  const all = await page.evaluate(([name, from]) => performance.getEntriesByName(name as string).slice(from as number).map((m) => m.duration), [MG_DRAWN_MEASURE, before]);
  return { changes: all.length, medianMs: median(all), p95Ms: quantile(all, 0.95), maxMs: all.length > 0 ? Math.max(...all) : Number.NaN, all };
}
