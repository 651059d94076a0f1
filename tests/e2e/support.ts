/**
 * Helpers for the end-to-end suite: one Chromium per test file (Debian's, through playwright-core,
 * never a downloaded browser), the page's status line read back by the page's own parser, and
 * screenshots decoded with pngjs to check that each view really has a picture in it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, inject } from 'vitest';
import { parseStatus } from '../../src/ui/status';
import type { StatusValues } from '../../src/ui/status';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

/** Screenshots land here (gitignored); each test names its own file. */
export const SHOT_DIR = join(process.cwd(), 'test-results', 'e2e');

/** Debian's Chromium with the suite's flags (tests/chromium.ts); bench/browser-bench.ts launches it too. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestBrowser {
  /**
   * Opens a path of the suite's server (`/?n=1000`) — or a full URL — in a fresh context of the
   * file's browser, at 1280 × 800 unless options say otherwise.
   */
  open(path: string, options?: BrowserContextOptions): Promise<OpenPage>;
}

/**
 * The browser of one test file: launched before its tests, closed after them. `base` is where paths
 * are opened: the dev server globalSetup.ts started, unless the file serves the page itself.
 */
export function useBrowser(base: () => string = () => inject('baseUrl')): TestBrowser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });
  return {
    open(path, options) {
      if (!browser) throw new Error('useBrowser(): pages open inside tests, after the browser has started');
      return openPage(browser, /^https?:/.test(path) ? path : `${base()}${path}`, options);
    },
  };
}

export interface OpenPage {
  page: Page;
  /** console errors and uncaught exceptions seen so far */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the page in a fresh context, recording every console error and page error. */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Waits until the network is built and frames are flowing (the page sets data-phase). */
export async function waitRunning(page: Page, timeoutMs = 90_000): Promise<void> {
  try {
    await page.waitForSelector('html[data-phase="running"]', { timeout: timeoutMs });
  } catch (error) {
    const seen = await page
      .evaluate(() => ({
        phase: document.documentElement.dataset.phase,
        status: document.getElementById('status')?.textContent,
        notice: document.getElementById('notice')?.hidden ? '' : document.getElementById('notice')?.textContent,
      }))
      .catch(() => null);
    throw new Error(`The page did not reach data-phase="running" in ${timeoutMs} ms: ${JSON.stringify(seen)}`, { cause: error });
  }
}

/** The status line's figures (src/ui/status.ts parseStatus), its text, and the time in seconds as shown. */
export interface Status extends StatusValues {
  text: string;
  timeS: number;
}

export async function readStatus(page: Page): Promise<Status | null> {
  const text = ((await page.locator('#status').textContent()) ?? '').trim();
  const values = parseStatus(text);
  return values && { ...values, text, timeS: values.timeMs / 1000 };
}

/** Polls the status line until `accept` holds; fails with the last status seen. */
export async function waitForStatus(
  page: Page,
  accept: (s: Status) => boolean,
  timeoutMs: number,
  what: string,
): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  let last: Status | null = null;
  while (Date.now() < deadline) {
    last = await readStatus(page);
    if (last && accept(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last status: ${last?.text ?? '(unparsed)'}`);
}

export interface RegionStats {
  /** standard deviation of luma over the region, 0..255 */
  lumaSd: number;
  /** distinct colours (quantised to 5 bits a channel) */
  colours: number;
  /** share of pixels brighter than the plot background by more than 24 luma levels */
  litShare: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Statistics of a screenshot region given in CSS pixels (scaled by the device pixel ratio). */
export function regionStats(png: PNG, box: Box, scale = 1): RegionStats {
  const x0 = Math.max(0, Math.round(box.x * scale));
  const y0 = Math.max(0, Math.round(box.y * scale));
  const x1 = Math.min(png.width, Math.round((box.x + box.width) * scale));
  const y1 = Math.min(png.height, Math.round((box.y + box.height) * scale));
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let lit = 0;
  const colours = new Set<number>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * png.width + x) * 4;
      const r = png.data[at];
      const g = png.data[at + 1];
      const b = png.data[at + 2];
      const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      n++;
      sum += luma;
      sum2 += luma * luma;
      if (luma > 40) lit++;
      colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
    }
  }
  const mean = sum / Math.max(1, n);
  return { lumaSd: Math.sqrt(Math.max(0, sum2 / Math.max(1, n) - mean * mean)), colours: colours.size, litShare: lit / Math.max(1, n) };
}

/** Mean absolute difference of two screenshots over a region given in CSS pixels, 0..255. */
export function regionDiff(a: PNG, b: PNG, r: Box, scale = 1): number {
  let sum = 0;
  let n = 0;
  const y1 = Math.min(a.height, b.height, Math.round((r.y + r.height) * scale));
  const x1 = Math.min(a.width, b.width, Math.round((r.x + r.width) * scale));
  for (let y = Math.max(0, Math.round(r.y * scale)); y < y1; y++) {
    for (let x = Math.max(0, Math.round(r.x * scale)); x < x1; x++) {
      const at = (y * a.width + x) * 4;
      const bt = (y * b.width + x) * 4;
      sum += Math.abs(a.data[at] - b.data[bt]) + Math.abs(a.data[at + 1] - b.data[bt + 1]) + Math.abs(a.data[at + 2] - b.data[bt + 2]);
      n++;
    }
  }
  return sum / Math.max(1, 3 * n);
}

/** Takes a screenshot, saves it under test-results/e2e/NAME.png and returns it decoded. */
export async function screenshot(page: Page, name: string): Promise<PNG> {
  mkdirSync(SHOT_DIR, { recursive: true });
  const buffer = await page.screenshot();
  writeFileSync(join(SHOT_DIR, `${name}.png`), buffer);
  return PNG.sync.read(buffer);
}

/**
 * The bounding box of each view's slot, CSS pixels (the sheet, the raster and the rate unless named);
 * a view folded away (presentation mode) has an empty box.
 */
export async function viewBoxes(page: Page, names: readonly string[] = ['sheet', 'raster', 'rate']): Promise<Record<string, Box>> {
  const boxes: Record<string, Box> = {};
  for (const name of names) {
    const slot = page.locator(`[data-view="${name}"]`);
    const box = (await slot.boundingBox()) ?? ((await slot.count()) > 0 ? { x: 0, y: 0, width: 0, height: 0 } : null);
    if (!box) throw new Error(`view ${name} has no box`);
    boxes[name] = box;
  }
  return boxes;
}

/** Mean frame interval over durationMs of requestAnimationFrame callbacks inside the page. */
export async function measureFrames(page: Page, durationMs: number): Promise<{ meanMs: number; medianMs: number; p90Ms: number; fps: number; frames: number }> {
  const intervals = await page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        let last = 0;
        let start = 0;
        const tick = (t: number): void => {
          if (start === 0) start = t;
          if (last !== 0) times.push(t - last);
          last = t;
          if (t - start < duration) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    durationMs,
  );
  const sorted = [...intervals].sort((a, b) => a - b);
  const meanMs = intervals.reduce((a, b) => a + b, 0) / Math.max(1, intervals.length);
  return {
    meanMs,
    medianMs: sorted[sorted.length >> 1] ?? 0,
    p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? 0,
    fps: 1000 / Math.max(1e-9, meanMs),
    frames: intervals.length,
  };
}
