import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/protocol/types';
import { RateHistory } from '../../../src/render/rateHistory';

/** A frame of `bins` 1 ms rate bins from startMs, all at rateEHz / rateIHz. */
function frame(startMs: number, bins: number, rateEHz: number, rateIHz: number, mgOutMM = 1.2, inBurst = false): Frame {
  return {
    startStep: startMs * 10,
    endStep: (startMs + bins) * 10,
    dtMs: 0.1,
    spikeIds: new Uint32Array(0),
    spikeSteps: new Uint32Array(0),
    rateBinMs: 1,
    rateEHz: new Float32Array(bins).fill(rateEHz),
    rateIHz: new Float32Array(bins).fill(rateIHz),
    vMV: new Float32Array(0),
    probeIds: new Uint32Array(0),
    probeSamples: new Float32Array(0),
    probeSampleCount: 0,
    analysis: { inBurst } as Frame['analysis'],
    newBursts: [],
    live: { mgOutMM, driveRateHz: 1, gAmpaScale: 1, gNmdaScale: 1, gGabaScale: 1, adaptScale: 1 },
    workerStepMs: 0,
    workerPackMs: 0,
  } as unknown as Frame;
}

describe('RateHistory', () => {
  it('weights E and I rates by population into display bins', () => {
    const h = new RateHistory({ binMs: 20, windowMs: 1000 });
    h.reset(100, 80);
    h.add(frame(0, 40, 10, 50));
    expect(h.binCount).toBe(2);
    expect(h.rateAt(0)).toBeCloseTo(18, 5); // (80·10 + 20·50) / 100
    expect(h.meanRate(1000)).toBeCloseTo(18, 5);
    expect(h.timeMs).toBe(40);
  });

  it('marks each change of [Mg]o once, at the frame where it took effect', () => {
    const h = new RateHistory({ binMs: 20, windowMs: 1000 });
    h.reset(10, 8);
    h.add(frame(0, 20, 1, 1, 1.2));
    h.add(frame(20, 20, 1, 1, 1.2));
    h.add(frame(40, 20, 1, 1, 0.4));
    h.add(frame(60, 20, 1, 1, 0.4));
    expect(h.mgMarks).toEqual([{ timeMs: 40, mgOutMM: 0.4 }]);
    expect(h.mgAt(1)).toBeCloseTo(1.2, 5);
    expect(h.mgAt(3)).toBeCloseTo(0.4, 5);
  });

  it('is a ring: memory is bounded and old bins and marks fall out of the window', () => {
    const h = new RateHistory({ binMs: 10, windowMs: 100 });
    h.reset(10, 8);
    for (let t = 0; t < 10_000; t += 50) h.add(frame(t, 50, t < 5000 ? 1 : 100, 0, t < 5000 ? 1 : 2));
    expect(h.binCount).toBe(h.capacity);
    expect(h.maxRate()).toBeCloseTo(80, 5);
    expect(h.mgMarks).toEqual([]);
  });

  it('tracks a burst in progress from the analysis', () => {
    const h = new RateHistory();
    h.reset(10, 8);
    h.add(frame(0, 20, 1, 1));
    expect(h.ongoingBurstStartMs).toBeNaN();
    h.add(frame(20, 20, 100, 100, 0, true));
    h.add(frame(40, 20, 100, 100, 0, true));
    expect(h.ongoingBurstStartMs).toBe(20);
    h.add(frame(60, 20, 1, 1, 0, false));
    expect(h.ongoingBurstStartMs).toBeNaN();
  });
});
