/**
 * Counting general flashes in a sequence of pictures (WCAG 2.3.1, "three flashes or below
 * threshold"), read from inside the page every animation frame (sampleInPage): the picture is cut into tiles; in each tile a flash is a pair of opposing changes of
 * relative luminance of at least 0.1 where the darker state is below 0.8. A change is counted when
 * the tile's luminance has moved 0.1 from its last extreme the other way (so slow drifts and small
 * flicker count nothing). The result is the most flashes any tile shows in any one-second window.
 */
import type { Page } from 'playwright-core';

const FLASH_STEP = 0.1;
const DARK_LIMIT = 0.8;

/** Most flashes of any tile in any 1-s window, from luminance samples at times (ms). Pure. */
export function maxFlashesPerSecond(timesMs: readonly number[], samples: readonly Float64Array[]): number {
  if (samples.length === 0) return 0;
  let worst = 0;
  for (let tile = 0; tile < samples[0].length; tile++) {
    // the times of counted changes (alternating up and down)
    const changes: { atMs: number; darker: number }[] = [];
    let lo = samples[0][tile];
    let hi = lo;
    let direction = 0; // +1 after a counted rise, −1 after a counted fall
    for (let k = 1; k < samples.length; k++) {
      const l = samples[k][tile];
      if (direction !== 1 && l - lo >= FLASH_STEP) {
        changes.push({ atMs: timesMs[k], darker: lo });
        direction = 1;
        hi = l;
      } else if (direction !== -1 && hi - l >= FLASH_STEP) {
        changes.push({ atMs: timesMs[k], darker: l });
        direction = -1;
        lo = l;
      } else {
        if (direction !== -1) hi = Math.max(hi, l);
        if (direction !== 1) lo = Math.min(lo, l);
      }
    }
    const counted = changes.filter((c) => c.darker < DARK_LIMIT);
    for (let a = 0; a < counted.length; a++) {
      let b = a;
      while (b + 1 < counted.length && counted[b + 1].atMs - counted[a].atMs < 1000) b++;
      worst = Math.max(worst, Math.floor((b - a + 1) / 2));
    }
  }
  return worst;
}

/**
 * The fastest fall of any tile's luminance between two samples, per second. The glow filter's
 * guarantee (src/render/glowFilter.ts) is that luminance falls at most ≈ 0.29 a second, so that a
 * 10 % drop takes ≥ 0.35 s: this can be checked even where screenshots come only once a second
 * (software WebGL on a loaded machine), where counting flashes cannot see fast flicker.
 */
export function maxFallPerSecond(timesMs: readonly number[], samples: readonly Float64Array[]): number {
  let worst = 0;
  for (let k = 1; k < samples.length; k++) {
    const dt = (timesMs[k] - timesMs[k - 1]) / 1000;
    if (dt <= 0) continue;
    for (let tile = 0; tile < samples[k].length; tile++) worst = Math.max(worst, (samples[k - 1][tile] - samples[k][tile]) / dt);
  }
  return worst;
}

/** What sampleInPage read: one sample per animation frame, its time (ms from the start) and tile luminances. */
export interface InPageSamples {
  timesMs: number[];
  samples: Float64Array[];
  /** samples that differ from the one before (the page drew something new) */
  changedFrames: number;
  /** samples per second of real time */
  rateHz: number;
}

/**
 * Samples what the views' canvas shows over a view's slot (`[data-view=…]`) once per animation frame
 * for durationMs, from inside the page: the sampler's requestAnimationFrame callback runs after the
 * page's own in the same frame (it is registered later), so it reads the frame the page has just
 * drawn — through drawImage into a small 2D canvas over the slot's own background colour, as the
 * page composites it. The WebGL canvas must keep its drawing buffer (preserveDrawingBuffer, see
 * keepDrawingBuffer) so that a frame the page skipped reads as the picture still on screen, not as
 * a cleared one. Each tile's mean relative luminance (WCAG 2.x, in linear light) per sample.
 * Unlike screenshots (1–2 a second under SwiftShader) this sees every frame the page draws.
 */
export async function sampleInPage(page: Page, view: string, durationMs: number, region: 'slot' | 'square' = 'slot', tiles = 8): Promise<InPageSamples> {
  const read = await page.evaluate(
    async ({ view, durationMs, region, tiles }) => {
      const source = document.querySelector<HTMLCanvasElement>('#views > canvas');
      const slot = document.querySelector<HTMLElement>(`[data-view="${view}"]`);
      if (!source || !slot) throw new Error(`sampleInPage: no views canvas or no ${view} view`);
      const r = slot.getBoundingClientRect();
      // 'square': the square centred in the slot, where a square sheet is drawn — tiles of cells, not of margin
      const side0 = Math.min(r.width, r.height);
      const box = region === 'square' ? { x: r.left + (r.width - side0) / 2, y: r.top + (r.height - side0) / 2, width: side0, height: side0 } : { x: r.left, y: r.top, width: r.width, height: r.height };
      const host = source.getBoundingClientRect();
      const scale = source.width / host.width; // device pixels per CSS pixel
      const perTile = 8; // 64 × 64 read back per frame: cheap enough not to slow the page it measures
      const side = tiles * perTile;
      const probe = document.createElement('canvas');
      probe.width = side;
      probe.height = side;
      const ctx = probe.getContext('2d', { willReadFrequently: true })!;
      ctx.imageSmoothingQuality = 'medium';
      const background = getComputedStyle(slot).backgroundColor;
      const linear = new Float64Array(256);
      for (let c = 0; c < 256; c++) {
        const s = c / 255;
        linear[c] = s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }
      const timesMs: number[] = [];
      const samples: number[][] = [];
      const start = performance.now();
      await new Promise<void>((resolve) => {
        const tick = (now: number): void => {
          ctx.fillStyle = background;
          ctx.fillRect(0, 0, side, side);
          ctx.drawImage(source, (box.x - host.left) * scale, (box.y - host.top) * scale, box.width * scale, box.height * scale, 0, 0, side, side);
          const data = ctx.getImageData(0, 0, side, side).data;
          const lum = new Array<number>(tiles * tiles).fill(0);
          for (let y = 0; y < side; y++) {
            for (let x = 0; x < side; x++) {
              const i = (y * side + x) * 4;
              const l = 0.2126 * linear[data[i]] + 0.7152 * linear[data[i + 1]] + 0.0722 * linear[data[i + 2]];
              lum[Math.floor(y / perTile) * tiles + Math.floor(x / perTile)] += l / (perTile * perTile);
            }
          }
          timesMs.push(now - start);
          samples.push(lum);
          if (now - start < durationMs) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { timesMs, samples };
    },
    { view, durationMs, region, tiles },
  );
  const samples = read.samples.map((s) => Float64Array.from(s));
  let changedFrames = 0;
  for (let k = 1; k < samples.length; k++) if (samples[k].some((l, t) => l !== samples[k - 1][t])) changedFrames++;
  const spanMs = read.timesMs.length > 1 ? read.timesMs[read.timesMs.length - 1] - read.timesMs[0] : 0;
  return { timesMs: read.timesMs, samples, changedFrames, rateHz: spanMs > 0 ? ((samples.length - 1) * 1000) / spanMs : 0 };
}

/**
 * Makes every WebGL canvas of the pages opened in this context keep its drawing buffer (test only:
 * the page itself never asks for it, and should not pay for it), so sampleInPage can read any frame.
 * Call before the page is loaded.
 */
export async function keepDrawingBuffer(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    const call = getContext as (this: HTMLCanvasElement, type: string, attributes?: Record<string, unknown>) => RenderingContext | null;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, attributes?: Record<string, unknown>) {
      const keep = type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl';
      return call.call(this, type, keep ? { ...attributes, preserveDrawingBuffer: true } : attributes);
    } as typeof getContext;
  });
}

/** The brightest tile of any sample: a check that passed on a black picture would prove nothing. */
export function maxLuminance(samples: readonly Float64Array[]): number {
  let most = 0;
  for (const s of samples) for (const l of s) if (l > most) most = l;
  return most;
}

/**
 * A deliberately strobed picture laid out as the page's views are (#views > canvas over a
 * [data-view] slot): a 2D canvas switched between black and white every halfPeriodMs of
 * animation-frame time. sampleInPage must count it as flashing, or the checks built on it prove nothing.
 */
export async function showStrobe(page: Page, halfPeriodMs: number): Promise<void> {
  await page.setContent(
    '<body style="margin:0;background:#000"><div id="views" style="position:relative;width:320px;height:320px"><canvas width="320" height="320" style="position:absolute;inset:0"></canvas><div data-view="sheet" style="width:320px;height:320px"></div></div></body>',
  );
  await page.evaluate((half) => {
    const canvas = document.querySelector<HTMLCanvasElement>('#views > canvas')!;
    const ctx = canvas.getContext('2d')!;
    const frame = (now: number): void => {
      ctx.fillStyle = Math.floor(now / half) % 2 === 0 ? '#000' : '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, halfPeriodMs);
}
