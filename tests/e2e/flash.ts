/**
 * Counting general flashes in a sequence of screenshots (WCAG 2.3.1, "three flashes or below
 * threshold"): the picture is cut into tiles; in each tile a flash is a pair of opposing changes of
 * relative luminance of at least 0.1 where the darker state is below 0.8. A change is counted when
 * the tile's luminance has moved 0.1 from its last extreme the other way (so slow drifts and small
 * flicker count nothing). The result is the most flashes any tile shows in any one-second window.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { Box } from './support';

const FLASH_STEP = 0.1;
const DARK_LIMIT = 0.8;

function linear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Mean relative luminance of each of tiles × tiles tiles of a PNG. */
export function tileLuminance(png: PNG, tiles: number): Float64Array {
  const out = new Float64Array(tiles * tiles);
  const counts = new Float64Array(tiles * tiles);
  for (let y = 0; y < png.height; y++) {
    const ty = Math.min(tiles - 1, Math.floor((y / png.height) * tiles));
    for (let x = 0; x < png.width; x++) {
      const tx = Math.min(tiles - 1, Math.floor((x / png.width) * tiles));
      const i = (y * png.width + x) * 4;
      const l = 0.2126 * linear(png.data[i]) + 0.7152 * linear(png.data[i + 1]) + 0.0722 * linear(png.data[i + 2]);
      out[ty * tiles + tx] += l;
      counts[ty * tiles + tx]++;
    }
  }
  for (let k = 0; k < out.length; k++) out[k] /= Math.max(1, counts[k]);
  return out;
}

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

/** Screenshots of box as fast as the page gives them for durationMs; their times and tile luminances. */
export async function sampleLuminance(page: Page, box: Box, durationMs: number, tiles = 8): Promise<{ timesMs: number[]; samples: Float64Array[] }> {
  const timesMs: number[] = [];
  const samples: Float64Array[] = [];
  const start = Date.now();
  while (Date.now() - start < durationMs) {
    const at = Date.now() - start;
    const png = PNG.sync.read(await page.screenshot({ clip: { x: box.x, y: box.y, width: box.width, height: box.height } }));
    timesMs.push(at);
    samples.push(tileLuminance(png, tiles));
  }
  return { timesMs, samples };
}
