/**
 * Issue 14 §4, guided lessons: a lesson run end to end from a deep link (?lesson=2&step=1), each
 * step noticing what the student did and saying so; the address following the step; skipping and
 * going back; a bad lesson parameter reported, not obeyed; and the sweep lesson seeing its sweep
 * start and finish.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshot, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

async function stepShown(page: Page, step: number, of: number): Promise<void> {
  await expect.poll(() => page.locator('#lesson-where').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Step ${step} of ${of}:`));
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(step));
}

async function waitDone(page: Page, what: RegExp, timeoutMs: number): Promise<string> {
  await expect.poll(() => page.locator('#lesson-done').getAttribute('data-state'), { timeout: timeoutMs }).toBe('done');
  const text = (await page.locator('#lesson-done').textContent()) ?? '';
  expect(text).toMatch(what);
  return text;
}

describe('guided lessons', () => {
  it('lesson 2, "pull the plug", runs end to end from ?lesson=2&step=1: each step sees what was done', async () => {
    const { page, errors, close } = await browser.open('/?n=2000&lesson=2&step=1');
    try {
      await waitRunning(page);
      expect(await page.locator('#lesson').isVisible()).toBe(true);
      expect(await page.locator('#lesson-title').textContent()).toBe('Lesson 2: Pull the plug: the burst');
      await stepShown(page, 1, 5);
      // 1: watch the normal bath for 3 s of simulated time
      expect(await page.locator('#lesson-next').textContent()).toBe('Skip');
      await waitDone(page, /^✓ Quiet: [\d.]+ Hz per cell\.$/, 60_000);
      expect(await page.locator('#lesson-next').textContent()).toBe('Next');
      await page.locator('#lesson-next').click();
      await stepShown(page, 2, 5);
      // 2: pull the plug (key 4)
      await page.keyboard.press('4');
      await waitDone(page, /\[Mg\]o is 0\.00 mM/, 15_000);
      await page.locator('#lesson-next').click();
      await stepShown(page, 3, 5);
      // 3: the first burst, said with its time
      const first = await waitDone(page, /^✓ The first burst was detected at t = [\d.]+ s\.$/, 60_000);
      const status = await waitForStatus(page, (s) => s.bursts >= 1, 5_000, 'a burst in the status line');
      expect(Number(/t = ([\d.]+) s/.exec(first)![1])).toBeLessThanOrEqual(status.timeS + 0.1);
      await expect.poll(() => page.locator('#announce').textContent()).toMatch(/burst/i);
      await screenshot(page, 'lesson-2-first-burst');
      await page.locator('#lesson-next').click();
      await stepShown(page, 4, 5);
      // 4: they recur
      await waitDone(page, /more bursts in [\d.]+ s: they recur/, 90_000);
      await page.locator('#lesson-next').click();
      await stepShown(page, 5, 5);
      // 5: the plug back (key 1)
      await page.keyboard.press('1');
      await waitDone(page, /back at 1\.20 mM/, 15_000);
      expect(await page.locator('#lesson-next').textContent()).toBe('Finish');
      await page.locator('#lesson-next').click();
      await expect.poll(() => page.locator('#lesson-where').textContent()).toBe('Finished: all 5 steps.');
      expect(new URL(page.url()).searchParams.get('lesson')).toBeNull();
      // free exploration never stopped: the slider and the keys worked throughout, and still do
      await page.keyboard.press('ArrowDown');
      await waitForStatus(page, (s) => Math.abs(s.mgOutMM - 1.15) < 1e-9, 15_000, '1.15 mM after the lesson');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('steps can be skipped and revisited; L opens the list; a bad ?lesson is reported, not obeyed', async () => {
    const { page, errors, close } = await browser.open('/?n=1000&lesson=1&step=3');
    try {
      await waitRunning(page);
      await stepShown(page, 3, 5);
      await page.locator('#lesson-next').click(); // skip: the step's check has not held
      await stepShown(page, 4, 5);
      await page.locator('#lesson-back').click();
      await stepShown(page, 3, 5);
      await page.getByRole('slider', { name: /Mg/ }).fill('0.3');
      await waitDone(page, /At 0\.30 mM: [\d.]+ % unplugged at rest, against [\d.]+ % at 1\.2 mM/, 10_000);
      await screenshot(page, 'lesson-1-step-3');
      await page.locator('#lesson-close').click();
      expect(await page.locator('#lesson').isHidden()).toBe(true);
      expect(new URL(page.url()).searchParams.get('lesson')).toBeNull();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('l');
      expect(await page.locator('#lesson-list button').count()).toBe(3);
      await page.locator('#lesson-list button[data-lesson="1"]').click();
      await stepShown(page, 1, 5);
      await page.getByRole('button', { name: 'About the Mg-block panel' }).click();
      await waitDone(page, /B\(V\)/, 10_000);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    const bad = await browser.open('/?n=1000&lesson=7&step=2');
    try {
      await waitRunning(bad.page);
      expect(await bad.page.locator('#lesson').isHidden()).toBe(true);
      expect(await bad.page.locator('#notice').textContent()).toContain('lesson = 7 is not allowed: expected an integer from 1 to 3 — no lesson opened.');
      expect(bad.errors).toEqual([]);
    } finally {
      await bad.close();
    }
  });

  it('lesson 3 sees its sweep start and finish', async () => {
    const { page, errors, close } = await browser.open('/?n=800&lesson=3&step=2');
    try {
      await waitRunning(page);
      await stepShown(page, 2, 4);
      await page.getByLabel('Sweep neurons').fill('400');
      await page.getByLabel('Seconds per point').fill('0.3');
      await page.getByLabel('[Mg]o values, mM').fill('0, 1.2');
      await page.getByRole('button', { name: 'Run sweep' }).click();
      await waitDone(page, /The sweep is running/, 15_000);
      await page.locator('#lesson-next').click();
      await stepShown(page, 3, 4);
      await waitDone(page, /The sweep finished/, 120_000);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
