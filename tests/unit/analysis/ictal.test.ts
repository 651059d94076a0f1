import { describe, expect, it } from 'vitest';
import { analyseIctal, ICTAL_BIN_MS, IctalDetector, ICTAL_EVENT_CLOSED } from '../../../src/analysis/ictal';

/** A rate trace in 1-ms bins, Hz per cell: quiet, with 0.3-s bursts every periodMs, and optional tonic events. */
function trace(totalMs: number, opts: { quietHz?: number; burstHz?: number; burstMs?: number; periodMs?: number; events?: [number, number, number][] } = {}): Float64Array {
  const { quietHz = 2, burstHz = 120, burstMs = 300, periodMs = 1500, events = [] } = opts;
  const r = new Float64Array(totalMs);
  for (let t = 0; t < totalMs; t++) {
    // a deterministic ripple so that the median is not degenerate
    r[t] = quietHz * (1 + 0.2 * Math.sin(t / 37));
    if (periodMs > 0 && t % periodMs < burstMs) r[t] = burstHz;
    for (const [from, to, hz] of events) if (t >= from && t < to) r[t] = hz;
  }
  return r;
}

describe('ictal events', () => {
  it('finds a 20-s event among 0.3-s bursts, with its onset, end, peak [K]o and postictal ratio', () => {
    const r = trace(150_000, { events: [[60_000, 80_000, 150], [80_000, 90_000, 0.5]] });
    const k = new Float64Array(r.length).fill(3.6);
    for (let t = 60_000; t < 80_000; t++) k[t] = 3.6 + (8.4 * (t - 60_000)) / 20_000;
    const s = analyseIctal(r, { fineBinMs: 1 }, k);
    expect(s.events.length).toBe(1);
    const e = s.events[0];
    expect(Math.abs(e.startMs - 60_000)).toBeLessThanOrEqual(ICTAL_BIN_MS);
    expect(Math.abs(e.endMs - 80_000)).toBeLessThanOrEqual(ICTAL_BIN_MS);
    expect(e.durationMs).toBeGreaterThan(19_800);
    expect(e.kOutPeakMM).toBeGreaterThan(11.9);
    expect(e.kOutPeakMM).toBeLessThan(12.1);
    expect(s.firstIctalMs).toBe(e.startMs);
    // after: 5 s at 0.5 Hz; before: bursts 0.3 s of every 1.5 s at 120 Hz over ≈ 2 Hz
    let pre = 0;
    for (let t = 55_000; t < 60_000; t++) pre += r[t];
    expect(e.postRateHz).toBeCloseTo(0.5, 1);
    expect(e.preRateHz).toBeCloseTo(pre / 5000, 0);
    expect(e.postictalRatio).toBeCloseTo(0.5 / (pre / 5000), 2);
    expect(s.postictalRateRatio).toBe(e.postictalRatio);
    // the bursts outside the event are interictal discharges: ≈ (150 − 30) s / 1.5 s
    expect(s.interictalDischarges).toBeGreaterThan(75);
    expect(s.interictalDischarges).toBeLessThan(85);
    // …per second outside the 20-s event
    expect(s.interictalRatePerS).toBeCloseTo(s.interictalDischarges / 130, 6);
  });

  it('finds none in bursts alone, at any burst rate that leaves quiet gaps', () => {
    for (const periodMs of [1000, 1500, 4000]) {
      const s = analyseIctal(trace(120_000, { periodMs, burstMs: 400 }), { fineBinMs: 1 });
      expect(s.events).toEqual([]);
      expect(s.firstIctalMs).toBeNull();
      expect(s.postictalRateRatio).toBeNull();
      // every burst after the first ICTAL_BASELINE_MIN_MS (2 s), when episodes may open
      expect(Math.abs(s.interictalDischarges - 118_000 / periodMs)).toBeLessThanOrEqual(1);
    }
  });

  it('tells a 1-s discharge from a 2.5-s event (the 2-s minimum)', () => {
    const s = analyseIctal(trace(60_000, { periodMs: 0, events: [[10_000, 11_000, 100], [30_000, 32_500, 100]] }), { fineBinMs: 1 });
    expect(s.events.map((e) => e.startMs)).toEqual([30_000]);
    expect(s.interictalDischarges).toBe(1);
  });

  it('merges the brief gaps of a clonic phase into one event', () => {
    // 10 s of 150-ms bursts every 400 ms (gaps of 250 ms < ICTAL_MERGE_MS)
    const r = trace(60_000, { periodMs: 0 });
    for (let t = 20_000; t < 30_000; t++) if ((t - 20_000) % 400 < 150) r[t] = 150;
    const s = analyseIctal(r, { fineBinMs: 1 });
    expect(s.events.length).toBe(1);
    expect(Math.abs(s.events[0].startMs - 20_000)).toBeLessThanOrEqual(ICTAL_BIN_MS);
    expect(Math.abs(s.events[0].endMs - 29_750)).toBeLessThanOrEqual(2 * ICTAL_BIN_MS);
  });

  it('keeps its baseline through a long event (the 2-s burst median would absorb it) and finds a second one', () => {
    const r = trace(200_000, { events: [[40_000, 75_000, 120], [120_000, 140_000, 120]] });
    const s = analyseIctal(r, { fineBinMs: 1 });
    expect(s.events.map((e) => Math.round(e.startMs / 1000))).toEqual([40, 120]);
    expect(s.events.map((e) => Math.round(e.durationMs / 1000))).toEqual([35, 20]);
  });

  it('gives the same events online, pushed in chunks, as offline', () => {
    const r = trace(100_000, { events: [[30_000, 45_000, 140], [45_000, 50_000, 0.3], [70_000, 80_000, 140]] });
    const offline = analyseIctal(r, { fineBinMs: 1 });
    const d = new IctalDetector({ fineBinMs: 1 });
    let closedAt = -1;
    for (let t = 0; t < r.length; t++) if (d.push(r[t]) === ICTAL_EVENT_CLOSED && closedAt < 0) closedAt = t;
    d.finish();
    expect(d.summary()).toEqual(offline);
    // reported ICTAL_MERGE_MS after its last raised bin
    expect(closedAt).toBeGreaterThanOrEqual(45_000);
    expect(closedAt).toBeLessThan(46_000);
    expect(offline.events.length).toBe(2);
  });

  it('closes an event still under way at the run end, with no postictal ratio', () => {
    const s = analyseIctal(trace(40_000, { events: [[30_000, 40_000, 150]] }), { fineBinMs: 1 });
    expect(s.events.length).toBe(1);
    expect(s.events[0].atRunEnd).toBe(true);
    expect(s.events[0].postictalRatio).toBeNull();
    expect(s.postictalRateRatio).toBeNull();
  });

  it('dates an event under way at the start from ICTAL_BASELINE_MIN_MS, not taking it as baseline', () => {
    const s = analyseIctal(trace(90_000, { periodMs: 0, events: [[0, 30_000, 180]] }), { fineBinMs: 1 });
    expect(s.events.map((e) => [e.startMs, e.endMs])).toEqual([[2000, 30_000]]);
  });

  it('follows a high baseline: a sheet firing at 30 Hz throughout has no event', () => {
    const s = analyseIctal(trace(60_000, { quietHz: 30, periodMs: 0 }), { fineBinMs: 1 });
    expect(s.events).toEqual([]);
  });

  it('rejects bad settings by name', () => {
    expect(() => new IctalDetector({ binMs: 0 })).toThrow(/binMs/);
    expect(() => new IctalDetector({ mergeMs: 6000 })).toThrow(/mergeMs/);
    expect(() => analyseIctal([1, 2], {}, [1])).toThrow(/kOutMM/);
  });
});
