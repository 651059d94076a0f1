import { describe, expect, it } from 'vitest';
import {
  BurstDetector,
  DETECTOR_CLOSED,
  DETECTOR_NONE,
  DETECTOR_OPENED,
  DETECTOR_REJECTED,
  type BurstDetectorSettings,
} from '../../../src/analysis/burstDetector';

/** 1-ms bins, θ = max(5 × median, 10 Hz), ≥ 20 ms, merge < 50 ms; median used after 500 ms. */
const SETTINGS: BurstDetectorSettings = {
  binMs: 1,
  thresholdFactor: 5,
  thresholdFloorHz: 10,
  minBurstMs: 20,
  mergeMs: 50,
  medianWindowMs: 1000,
  medianSampleMs: 10,
  medianMinMs: 500,
};

interface Found {
  startBin: number;
  endBin: number;
  peakHz: number;
  atRunEnd: boolean;
  /** the bin at which the burst was reported */
  reportedAt: number;
}

/** Runs a rate trace (one value per bin) through a detector; returns bursts and rejections. */
function detect(trace: number[], settings = SETTINGS, finish = true) {
  const d = new BurstDetector(settings);
  const bursts: Found[] = [];
  let rejected = 0;
  let opened = 0;
  const record = (event: number, at: number) => {
    if (event === DETECTOR_OPENED) opened++;
    if (event === DETECTOR_REJECTED) rejected++;
    if (event === DETECTOR_CLOSED) {
      bursts.push({ startBin: d.closedStartBin, endBin: d.closedEndBin, peakHz: d.closedPeakHz, atRunEnd: d.closedAtRunEnd, reportedAt: at });
    }
  };
  trace.forEach((r, b) => record(d.push(r), b));
  if (finish) record(d.finish(), trace.length);
  return { bursts, rejected, opened, detector: d };
}

/** segments of [value, bins] */
function trace(...segments: Array<[number, number]>): number[] {
  return segments.flatMap(([v, n]) => Array<number>(n).fill(v));
}

describe('BurstDetector on synthetic rate traces', () => {
  it('finds a burst at the very start, reported once mergeBins after its last bin above θ', () => {
    const { bursts, rejected } = detect(trace([100, 30], [2, 500]));
    expect(rejected).toBe(0);
    expect(bursts).toEqual([{ startBin: 0, endBin: 30, peakHz: 100, atRunEnd: false, reportedAt: 29 + 50 }]);
  });

  it('rejects an excursion of 19 bins and accepts one of 20', () => {
    const short = detect(trace([2, 200], [60, 19], [2, 200]));
    expect(short.bursts).toHaveLength(0);
    expect(short.rejected).toBe(1);
    const enough = detect(trace([2, 200], [60, 20], [2, 200]));
    expect(enough.bursts.map((b) => [b.startBin, b.endBin])).toEqual([[200, 220]]);
    expect(enough.rejected).toBe(0);
  });

  it('merges excursions separated by 49 bins below θ, splits them at 50', () => {
    const merged = detect(trace([2, 300], [80, 25], [2, 49], [90, 25], [2, 300]));
    expect(merged.bursts.map((b) => [b.startBin, b.endBin, b.peakHz])).toEqual([[300, 399, 90]]);
    const split = detect(trace([2, 300], [80, 25], [2, 50], [90, 25], [2, 300]));
    expect(split.bursts.map((b) => [b.startBin, b.endBin])).toEqual([
      [300, 325],
      [375, 400],
    ]);
  });

  it('merges two short excursions into one burst when together they span ≥ 20 ms', () => {
    const { bursts, rejected } = detect(trace([2, 300], [50, 8], [2, 10], [50, 8], [2, 300]));
    expect(rejected).toBe(0);
    expect(bursts.map((b) => [b.startBin, b.endBin])).toEqual([[300, 326]]);
  });

  it('reports a burst still above θ at the end of a finished run as ending at the run end', () => {
    const { bursts } = detect(trace([2, 300], [70, 40]));
    expect(bursts).toEqual([{ startBin: 300, endBin: 340, peakHz: 70, atRunEnd: true, reportedAt: 340 }]);
    // in a gap when the run ends: it ends at its last bin above θ
    const inGap = detect(trace([2, 300], [70, 40], [2, 10]));
    expect(inGap.bursts.map((b) => [b.startBin, b.endBin, b.atRunEnd])).toEqual([[300, 340, false]]);
    // too short when the run ends: rejected
    const short = detect(trace([2, 300], [70, 10]));
    expect(short.bursts).toHaveLength(0);
    expect(short.rejected).toBe(1);
  });

  it('flags inBurst only once the episode is long enough and while above θ', () => {
    const d = new BurstDetector(SETTINGS);
    for (let b = 0; b < 100; b++) d.push(2);
    const flags: boolean[] = [];
    for (let b = 0; b < 30; b++) {
      d.push(60);
      flags.push(d.inBurst);
    }
    expect(flags.indexOf(true)).toBe(19);
    expect(flags.slice(19).every(Boolean)).toBe(true);
    d.push(2);
    expect(d.inBurst).toBe(false);
  });

  it('sets θ to 5 × the running median once the median is above the floor', () => {
    // baseline 10 Hz: θ = 50 Hz, so a 40 Hz excursion is not a burst but a 60 Hz one is
    const base = trace([10, 1000]);
    const low = detect([...base, ...trace([40, 50], [10, 200])]);
    expect(low.opened).toBe(0);
    expect(low.detector.thresholdHz).toBeCloseTo(50, 10);
    const high = detect([...base, ...trace([60, 50], [10, 200])]);
    expect(high.bursts.map((b) => [b.startBin, b.endBin])).toEqual([[1000, 1050]]);
    // a quiet network: θ is the floor
    const quiet = detect(trace([0.5, 1000]));
    expect(quiet.detector.thresholdHz).toBe(10);
  });

  it('uses the floor until medianMinMs of history exists, so a burst at the start is not its own baseline', () => {
    // 150 ms at 100 Hz from the start
    const withWarmup = detect(trace([100, 150], [3, 1000]));
    expect(withWarmup.bursts.map((b) => [b.startBin, b.endBin])).toEqual([[0, 150]]);
    // with the median in use at once, its first sample (100 Hz) lifts θ to 500 Hz at 10 ms: rejected
    const noWarmup = detect(trace([100, 150], [3, 1000]), { ...SETTINGS, medianMinMs: 0 });
    expect(noWarmup.bursts).toHaveLength(0);
    expect(noWarmup.rejected).toBe(1);
  });

  it('does not call sustained tonic firing a burst once it fills the median window', () => {
    const settings = { ...SETTINGS, medianWindowMs: 400, medianMinMs: 100 };
    const { bursts, detector } = detect(trace([2, 400], [40, 3000]), settings, false);
    // the step up is a burst until the median catches up (half the window), then the state is baseline
    expect(bursts).toHaveLength(1);
    expect(bursts[0].startBin).toBe(400);
    expect(bursts[0].endBin).toBeLessThan(400 + 400);
    expect(detector.inEpisode).toBe(false);
    expect(detector.thresholdHz).toBeCloseTo(200, 6);
  });

  it('returns DETECTOR_NONE from finish() when idle and refuses pushes after it', () => {
    const d = new BurstDetector(SETTINGS);
    d.push(1);
    expect(d.finish()).toBe(DETECTOR_NONE);
    expect(() => d.push(1)).toThrow();
  });
});
