import { describe, expect, it } from 'vitest';
import { recruitmentMap } from '../../../src/analysis/recruitmentMap';

/**
 * A synthetic wave on a 40 × 40 sheet: quiet background (1 spike per cell per second), then a front
 * from (10, 20) at 0.2 sites/ms (10 mm/s at 50 µm) starting at t = 1000 ms; the burst is "detected"
 * 30 ms later, as a smoothed-rate detector would.
 */
function wave(): { ids: number[]; steps: number[]; width: number } {
  const width = 40;
  const dtMs = 0.1;
  const spikes: [number, number][] = [];
  let seed = 7;
  // mulberry32: a seeded generator in 32-bit integer arithmetic
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let id = 0; id < width * width; id++) {
    for (let t = 500; t < 1400; t += 1) if (rand() < 0.001) spikes.push([id, t]);
    const x = id % width;
    const y = Math.floor(id / width);
    const d = Math.hypot(x - 10, y - 20);
    spikes.push([id, 1000 + d / 0.2 + 1]);
  }
  spikes.sort((a, b) => a[1] - b[1]);
  return { ids: spikes.map((s) => s[0]), steps: spikes.map((s) => Math.round(s[1] / dtMs)), width };
}

describe('recruitmentMap', () => {
  it('finds the onset before the detected start, and delays that grow with distance from the focus', () => {
    const { ids, steps, width } = wave();
    const map = recruitmentMap(ids, steps, 0.1, width * width, 1030);
    // the front's first 5-ms bins hold fewer spikes than the background's noise; the guard puts the onset back
    expect(map.onsetMs).toBeGreaterThanOrEqual(985);
    expect(map.onsetMs).toBeLessThanOrEqual(1005);
    expect(map.recruited).toBeGreaterThan(0.95 * width * width);
    // near the focus early, far from it late
    const at = (x: number, y: number): number => map.delayMs[y * width + x];
    expect(at(10, 20)).toBeLessThan(at(20, 20));
    expect(at(20, 20)).toBeLessThan(at(35, 20));
    // each cell's delay is the front's arrival (distance / speed) after the onset, unless a background
    // spike came first (then earlier): most cells exactly so
    let exact = 0;
    let late = 0;
    for (let id = 0; id < width * width; id++) {
      const arrival = 1000 + Math.hypot((id % width) - 10, Math.floor(id / width) - 20) / 0.2 + 1;
      const d = map.delayMs[id];
      if (Math.abs(d - (arrival - map.onsetMs)) < 0.2) exact++;
      if (d > arrival - map.onsetMs + 0.2) late++;
    }
    expect(exact / (width * width)).toBeGreaterThan(0.8);
    expect(late).toBe(0);
    expect(map.delay90Ms).toBeGreaterThan(50);
    // the quiet level before the onset is the background, 1 Hz per cell (the median of Poisson
    // counts of mean 8 per bin, so within a count of the mean)
    expect(map.backgroundHz).toBeGreaterThan(0.8);
    expect(map.backgroundHz).toBeLessThan(1.15);
  });

  it('marks cells that did not fire in the window as NaN', () => {
    const map = recruitmentMap([0, 1], [10_000, 10_010], 0.1, 4, 1000);
    expect(map.recruited).toBe(2);
    expect(Number.isNaN(map.delayMs[2])).toBe(true);
    expect(Number.isNaN(map.delayMs[3])).toBe(true);
  });
});
