import { describe, expect, it } from 'vitest';
import { buildColormapTexels, cellLuminance } from '../../../src/render/colormap';
import { GlowFilter, RAW_GLOW, REDUCED_MOTION_GLOW, SAFE_GLOW } from '../../../src/render/glowFilter';
import type { GlowFilterOptions } from '../../../src/render/glowFilter';

const FRAME_MS = 1000 / 60;
/** WCAG 2.3.1: a flash is a pair of opposing changes of ≥ 10 % relative luminance. */
const FLASH_DELTA = 0.1;
const texels = buildColormapTexels();

/**
 * A cell bursting at `burstHz`: within each cycle, `spikesPerBurst` spikes 4 ms apart, the membrane
 * swinging between threshold (−50 mV) and reset (−60 mV) during the burst and hyperpolarised
 * (−72 mV) between bursts. Returns the displayed luminance, one sample per display frame; at speed s
 * the display shows s simulated ms per real ms (frames of 1/60 s of simulated time each).
 */
function drive(options: GlowFilterOptions, burstHz: number, durationMs: number, spikesPerBurst = 5, speed = 1): number[] {
  const filter = new GlowFilter(1, options);
  const periodMs = 1000 / burstHz;
  const spikeTimes: number[] = [];
  for (let start = 0; start < durationMs; start += periodMs) {
    for (let k = 0; k < spikesPerBurst; k++) spikeTimes.push(start + 4 * k);
  }
  const ids = new Uint32Array(64);
  const v = new Float32Array(1);
  const lum: number[] = [];
  let next = 0;
  for (let t = FRAME_MS; t <= durationMs; t += FRAME_MS) {
    filter.decay(FRAME_MS);
    let count = 0;
    while (next < spikeTimes.length && spikeTimes[next] < t) {
      ids[count++] = 0;
      next++;
    }
    filter.addSpikes(ids, count);
    const phase = t % periodMs;
    v[0] = phase < 4 * spikesPerBurst ? (Math.floor(phase) % 4 < 2 ? -50 : -60) : -72;
    filter.setVoltages(v);
    filter.step(FRAME_MS / speed);
    lum.push(cellLuminance(filter.volt[0], filter.glow[0], texels));
  }
  return lum;
}

/** Times (frame index) at which a luminance change of ≥ FLASH_DELTA against the last extreme completes. */
function transitions(lum: number[]): number[] {
  const at: number[] = [];
  let hi = lum[0];
  let lo = lum[0];
  let dir = 0;
  for (let k = 1; k < lum.length; k++) {
    const l = lum[k];
    hi = Math.max(hi, l);
    lo = Math.min(lo, l);
    if (dir !== 1 && l - lo >= FLASH_DELTA) {
      at.push(k);
      dir = 1;
      hi = lo = l;
    } else if (dir !== -1 && hi - l >= FLASH_DELTA) {
      at.push(k);
      dir = -1;
      hi = lo = l;
    }
  }
  return at;
}

/** The most flashes (pairs of opposing transitions) in any one-second window. */
function maxFlashesPerSecond(lum: number[]): number {
  const at = transitions(lum);
  const window = Math.round(1000 / FRAME_MS);
  let most = 0;
  for (let a = 0, b = 0; a < at.length; a++) {
    while (b < at.length && at[b] < at[a] + window) b++;
    most = Math.max(most, Math.ceil((b - a) / 2));
  }
  return most;
}

function swing(lum: number[], fromFrame: number): number {
  const tail = lum.slice(fromFrame);
  return Math.max(...tail) - Math.min(...tail);
}

describe('GlowFilter (photosensitivity)', () => {
  it('the raw mode really flashes at 10 Hz — the counter can see flashes', () => {
    expect(maxFlashesPerSecond(drive(RAW_GLOW, 10, 5000))).toBeGreaterThan(3);
  });

  for (const [name, options] of [
    ['safe (default)', SAFE_GLOW],
    ['reduced motion', REDUCED_MOTION_GLOW],
  ] as const) {
    it(`${name}: a cell bursting at 10 Hz flashes at most 3 times in any second`, () => {
      for (const spikes of [1, 3, 5, 10]) {
        expect(maxFlashesPerSecond(drive(options, 10, 6000, spikes))).toBeLessThanOrEqual(3);
      }
    });

    it(`${name}: no burst rate between 1 and 30 Hz makes it flash more than 3 times a second`, () => {
      for (const hz of [1, 2, 3, 4, 5, 6, 8, 12, 15, 20, 30]) {
        expect(maxFlashesPerSecond(drive(options, hz, 6000))).toBeLessThanOrEqual(3);
      }
    });
  }

  it('at 4× and 8× speed (bursts of 40–80 Hz in real time) the limit still holds', () => {
    for (const speed of [4, 8]) {
      for (const hz of [2, 5, 10, 20]) {
        expect(maxFlashesPerSecond(drive(SAFE_GLOW, hz, 12000, 5, speed))).toBeLessThanOrEqual(3);
      }
    }
  });

  it('bursts still show: a 1 Hz burst swells the cell by well over 10 % luminance, slower ones more', () => {
    // population bursts: 20 spikes in 80 ms per cell
    expect(swing(drive(SAFE_GLOW, 1, 6000, 20), 120)).toBeGreaterThan(0.15);
    expect(swing(drive(SAFE_GLOW, 0.5, 8000, 20), 120)).toBeGreaterThan(0.25);
  });

  it('sustained firing saturates the glow; silence lets it fade to the voltage colour', () => {
    const filter = new GlowFilter(2);
    for (let k = 0; k < 180; k++) {
      filter.decay(FRAME_MS);
      filter.addSpikes([0, 0, 0, 0]); // 240 Hz
      filter.step(FRAME_MS);
    }
    expect(filter.glow[0]).toBeGreaterThan(0.9);
    expect(filter.glow[1]).toBe(0);
    for (let k = 0; k < 600; k++) {
      filter.decay(FRAME_MS);
      filter.step(FRAME_MS);
    }
    expect(filter.glow[0]).toBeLessThan(0.01);
  });

  it('sparse firing stays dim and a burst saturates: the glow separates the two regimes', () => {
    const level = (rateHz: number): number => {
      const filter = new GlowFilter(1);
      let next = 0;
      for (let t = FRAME_MS; t < 5000; t += FRAME_MS) {
        filter.decay(FRAME_MS);
        while (next < t) {
          filter.addSpikes([0]);
          next += 1000 / rateHz;
        }
        filter.step(FRAME_MS);
      }
      return filter.glow[0];
    };
    expect(level(5)).toBeLessThan(0.05);
    expect(level(40)).toBeGreaterThan(0.2);
    expect(level(40)).toBeLessThan(0.45);
    expect(level(150)).toBeGreaterThan(0.8);
  });

  it('a chunk weights each spike by its age, as many small chunks would', () => {
    const one = new GlowFilter(1);
    one.addChunk([0, 0], [0, 999], 0, 1000, 0.1); // 100 ms chunk: a spike at its start and at its end
    const many = new GlowFilter(1);
    many.addSpikes([0]);
    many.decay(99.9);
    many.addSpikes([0]);
    expect(one.trace[0]).toBeCloseTo(many.trace[0], 5);
  });

  it('writes R = voltage, G = glow, A = occupied at each neuron’s site', () => {
    const filter = new GlowFilter(2);
    filter.resetTo(new Float32Array([-75, -48]));
    const out = new Uint8Array(4 * 4);
    filter.writeTexels(out, new Uint32Array([3, 1]));
    expect(Array.from(out.subarray(12, 16))).toEqual([0, 0, 0, 255]);
    expect(Array.from(out.subarray(4, 8))).toEqual([255, 0, 0, 255]);
    expect(out[3]).toBe(0);
  });
});
