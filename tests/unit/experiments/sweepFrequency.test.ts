import { describe, expect, it } from 'vitest';
import { burstFrequencyHz, sweepRowOf, validateSweepRequest } from '../../../src/experiments/sweep';
import { presetConfig } from '../../../src/core/presets';
import type { AnalysisSummary } from '../../../src/analysis/types';

const bursts = (...startsMs: number[]) => startsMs.map((startMs) => ({ startMs }));

describe('burst frequency of a sweep point', () => {
  it('comes from the intervals between onsets, not whole bursts per window', () => {
    // three 2-s windows that a count would all read as 1.0/s (2 bursts in 2 s)
    expect(burstFrequencyHz(bursts(100, 1900), 2000)).toBeCloseTo(1000 / 1800);
    expect(burstFrequencyHz(bursts(300, 1000), 2000)).toBeCloseTo(1000 / 700);
    expect(burstFrequencyHz(bursts(0, 800, 1600), 2000)).toBeCloseTo(1.25);
    expect(burstFrequencyHz(bursts(500), 2000)).toBeCloseTo(0.5);
    expect(burstFrequencyHz([], 2000)).toBe(0);
  });

  it('a row names its ion and value, with the ictal events after the warm-up', () => {
    const summary = { rateEHz: 5, rateIHz: 9, bursts: 2, burstFraction: 0.1, cvIsi: 1, synchrony: 0.2 } as AnalysisSummary;
    const ictal = [{ startMs: 3500, endMs: 20_000 }] as never;
    const row = sweepRowOf({ ion: 'kBathMM', valueMM: 8.5, mgOutMM: 1.2 }, summary, [{ startMs: 1000 }, { startMs: 1750 }] as never, ictal, 4000, 1000);
    expect(row).toMatchObject({ ion: 'kBathMM', valueMM: 8.5, mgOutMM: 1.2, bursts: 2, ictalEvents: 1, firstIctalMs: 2500 });
    expect(row.burstRateHz).toBeCloseTo(1000 / 750);
  });

  it('checks the values against the ion’s own range', () => {
    const config = presetConfig('sheet');
    expect(() => validateSweepRequest({ config, ion: 'kBathMM', mgListMM: [3.5, 8.5], durationMs: 100, warmupMs: 0 })).not.toThrow();
    expect(() => validateSweepRequest({ config, ion: 'kBathMM', mgListMM: [1], durationMs: 100, warmupMs: 0 })).toThrow(/mgListMM\[0\] = 1 is not allowed: expected from 2 to 12 mM/);
    expect(() => validateSweepRequest({ config, ion: 'caOutMM', mgListMM: [4.5], durationMs: 100, warmupMs: 0 })).toThrow(/from 0.5 to 4 mM/);
    expect(() => validateSweepRequest({ config, ion: 'naInMM' as never, mgListMM: [1], durationMs: 100, warmupMs: 0 })).toThrow(/ion/);
  });
});
