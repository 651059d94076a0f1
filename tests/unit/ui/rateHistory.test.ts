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

describe('RateHistory: the ion traces under the rate', () => {
  /** A frame as above, carrying an ion field with these means (null: fixed ions). */
  function ionFrame(startMs: number, bins: number, ions: { k: number; kMax: number; na: number; eK: number } | null): Frame {
    const f = frame(startMs, bins, 5, 5);
    f.ions = ions && {
      kOutMM: new Float32Array(1),
      patchCols: 1,
      patchRows: 1,
      patchSites: 10,
      kOutMeanMM: ions.k,
      kOutMaxMM: ions.kMax,
      naInMeanMM: ions.na,
      eKMeanMV: ions.eK,
    };
    return f;
  }

  it('keeps [K+]o mean and highest, [Na+]i and E_K per bin, interpolated across a long chunk', () => {
    const h = new RateHistory({ binMs: 20, windowMs: 1000 });
    h.reset(10, 8);
    h.add(ionFrame(0, 20, { k: 3.5, kMax: 4, na: 10, eK: -98 }));
    // one 100 ms chunk (skipping ahead): [K+]o climbs 3.5 → 8.5 over its five bins
    h.add(ionFrame(20, 100, { k: 8.5, kMax: 10, na: 15, eK: -75 }));
    expect(h.ionsShown).toBe(true);
    expect(h.ionAt('kMeanMM', 0)).toBeCloseTo(3.5, 5);
    expect(h.ionAt('kMeanMM', 1)).toBeCloseTo(4.5, 5); // a fifth of the way
    expect(h.ionAt('kMeanMM', 3)).toBeCloseTo(6.5, 5);
    expect(h.ionAt('kMeanMM', 5)).toBeCloseTo(8.5, 5);
    expect(h.ionAt('kMaxMM', 5)).toBeCloseTo(10, 5);
    expect(h.ionAt('naMM', 5)).toBeCloseTo(15, 5);
    expect(h.ionAt('eKMV', 5)).toBeCloseTo(-75, 5);
  });

  it('has no ion values (NaN) while the ions are fixed, and starts again without a line from the old values', () => {
    const h = new RateHistory({ binMs: 20, windowMs: 1000 });
    h.reset(10, 8);
    h.add(ionFrame(0, 40, { k: 9, kMax: 11, na: 18, eK: -70 }));
    h.add(ionFrame(40, 40, null));
    expect(h.ionsShown).toBe(false);
    expect(h.ionAt('kMeanMM', 3)).toBeNaN();
    h.add(ionFrame(80, 40, { k: 3.5, kMax: 3.6, na: 10, eK: -98 }));
    expect(h.ionsShown).toBe(true);
    expect(h.ionAt('kMeanMM', 4)).toBeCloseTo(3.5, 5); // not interpolated from the NaN before
    expect(h.ionAt('kMeanMM', 1)).toBeCloseTo(9, 5);
    h.reset(10, 8);
    expect(h.ionsShown).toBe(false);
    expect(h.ionAt('kMeanMM', 1)).toBeNaN();
  });
});
