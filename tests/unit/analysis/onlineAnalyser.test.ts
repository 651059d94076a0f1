import { describe, expect, it } from 'vitest';
import { analyseRun, OnlineAnalyser } from '../../../src/analysis';
import type { AnalysisNetwork, BurstEvent } from '../../../src/analysis';
import { Rng } from '../../../src/core/rng';
import { DT_MS, SpikeList, poissonPopulation, steps } from './synthetic';

const N = 1000;
const NET: AnalysisNetwork = { neurons: N, excitatory: 800, dtMs: DT_MS };
const BASE_HZ = 3;
const BURST_HZ = 80;

/** Known bursts (ms) over a 3 Hz background; the run lasts 5000 ms. */
const RUN_MS = 5000;
const PROFILE: Array<[number, number]> = [
  [0, 60], // at the very start
  [1000, 1100],
  [2000, 2040], // …and [2070, 2110): 30 ms apart, merged
  [2070, 2110],
  [3000, 3005], // 5 ms: too short, rejected
  [4800, 5000], // still under way when the run ends
];
const rateAt = (ms: number) => (PROFILE.some(([a, b]) => ms >= a && ms < b) ? BURST_HZ : BASE_HZ);

function bursty(seed = 1) {
  const list = new SpikeList();
  poissonPopulation(list, Rng.fromSeed(seed), N, 0, steps(RUN_MS), rateAt);
  return list.build();
}

/** Feeds a run in random chunks (some empty, most ending mid-bin), asking for summaries on the way. */
function inChunks(net: AnalysisNetwork, ids: Uint32Array, st: Uint32Array, endStep: number, seed: number) {
  const rng = Rng.fromSeed(seed, 5);
  const a = new OnlineAnalyser(net);
  const bursts: BurstEvent[] = [];
  let k = 0;
  let step = 0;
  let chunks = 0;
  while (step < endStep) {
    const next = Math.min(endStep, step + (rng.uniform() < 0.1 ? 0 : 1 + rng.below(3000)));
    let j = k;
    while (j < st.length && st[j] < next) j++;
    a.addChunk(ids.subarray(k, j), st.subarray(k, j), next);
    if (rng.uniform() < 0.3) a.summary();
    bursts.push(...a.takeNewBursts());
    k = j;
    step = next;
    chunks++;
  }
  a.finish();
  bursts.push(...a.takeNewBursts());
  return { summary: a.summary(), bursts, chunks };
}

describe('OnlineAnalyser: bursts in synthetic spike trains', () => {
  const { ids, steps: st } = bursty();
  const { summary, bursts } = analyseRun(NET, ids, st, steps(RUN_MS));

  it('finds the known bursts: at the start, merged, ongoing at the end; rejects the short one', () => {
    const expected = [
      [0, 60],
      [1000, 1100],
      [2000, 2110],
      [4800, 5000],
    ];
    expect(bursts).toHaveLength(expected.length);
    bursts.forEach((b, k) => {
      const [start, end] = expected[k];
      // the causal 5-ms kernel: the start ~1 ms late, the end ~τ·ln(80/15) ≈ 8 ms late
      expect(b.startMs).toBeGreaterThanOrEqual(start);
      expect(b.startMs).toBeLessThanOrEqual(start + 3);
      if (k < expected.length - 1) {
        expect(b.endMs).toBeGreaterThanOrEqual(end + 4);
        expect(b.endMs).toBeLessThanOrEqual(end + 12);
      }
      expect(b.peakRateHz).toBeGreaterThan(0.8 * BURST_HZ);
      expect(b.peakRateHz).toBeLessThan(1.25 * BURST_HZ);
      expect(b.onsetSite).toBe(-1); // no layout
      expect(b.speedMmPerS).toBeNull();
    });
    expect(bursts[3].endMs).toBe(RUN_MS);
  });

  it('summarises rates, burst count and the time in bursts', () => {
    const inBurstMs = 60 + 100 + 80 + 5 + 200;
    const expectedRate = (BASE_HZ * (RUN_MS - inBurstMs) + BURST_HZ * inBurstMs) / RUN_MS;
    expect(summary.timeMs).toBe(RUN_MS);
    expect(summary.spikes).toBe(ids.length);
    expect(summary.rateHz).toBeGreaterThan(0.95 * expectedRate);
    expect(summary.rateHz).toBeLessThan(1.05 * expectedRate);
    expect(summary.rateEHz).toBeGreaterThan(0.9 * expectedRate);
    expect(summary.rateIHz).toBeLessThan(1.1 * expectedRate);
    expect(summary.bursts).toBe(4);
    expect(summary.burstRateHz).toBeCloseTo(4 / 5, 10);
    const detectedMs = bursts.reduce((s, b) => s + b.endMs - b.startMs, 0);
    expect(summary.burstFraction).toBeCloseTo(detectedMs / RUN_MS, 10);
    expect(summary.burstFraction).toBeGreaterThan(0.08);
    expect(summary.inBurst).toBe(false); // finished
    // θ = max(5 × median, 15 Hz) with a median of ≈ 3 Hz
    expect(summary.medianRateHz).toBeGreaterThan(2.8);
    expect(summary.medianRateHz).toBeLessThan(3.2);
    expect(summary.thresholdHz).toBeCloseTo(Math.max(15, 5 * summary.medianRateHz!), 10);
  });

  it('gives identical results fed in one chunk or in many random chunks', () => {
    for (const seed of [1, 2, 3]) {
      const chunked = inChunks(NET, ids, st, steps(RUN_MS), seed);
      expect(chunked.chunks).toBeGreaterThan(20);
      expect(chunked.bursts).toEqual(bursts);
      expect(chunked.summary).toEqual(summary);
    }
  });

  it('reports each burst once, when it ends, with inBurst while one is under way', () => {
    const a = new OnlineAnalyser(NET);
    const chunkSteps = steps(5);
    const seen: Array<{ atMs: number; burst: BurstEvent }> = [];
    const inBurstAtMs: number[] = [];
    let k = 0;
    for (let end = chunkSteps; end <= steps(RUN_MS); end += chunkSteps) {
      let j = k;
      while (j < st.length && st[j] < end) j++;
      a.addChunk(ids.subarray(k, j), st.subarray(k, j), end);
      k = j;
      for (const burst of a.takeNewBursts()) seen.push({ atMs: end * DT_MS, burst });
      if (a.summary().inBurst) inBurstAtMs.push(end * DT_MS);
    }
    // reported 50 ms (the merge window) after each burst's end, within one 5-ms chunk
    expect(seen.map((s) => s.burst)).toEqual(bursts.slice(0, 3));
    for (const { atMs, burst } of seen) {
      expect(atMs - burst.endMs).toBeGreaterThanOrEqual(49);
      expect(atMs - burst.endMs).toBeLessThanOrEqual(55);
    }
    // inBurst: only inside bursts, from 20 ms after their start
    expect(inBurstAtMs.length).toBeGreaterThan(20);
    for (const t of inBurstAtMs) {
      expect(bursts.some((b) => t >= b.startMs + 20 && t <= b.endMs + 5)).toBe(true);
    }
    expect(inBurstAtMs.some((t) => t > 4900)).toBe(true);
    a.finish();
    expect(a.takeNewBursts()).toEqual([bursts[3]]);
    expect(a.takeNewBursts()).toEqual([]);
  });

  it('counts the burst under way in burstFraction before it is reported', () => {
    const a = new OnlineAnalyser(NET);
    const end = steps(1090);
    const j = st.findIndex((s) => s >= end);
    a.addChunk(ids.subarray(0, j), st.subarray(0, j), end);
    const s = a.summary();
    expect(s.inBurst).toBe(true);
    expect(s.bursts).toBe(1); // the burst at the start; the one under way is not yet counted
    const firstMs = bursts[0].endMs - bursts[0].startMs;
    // ≈ 60 + 90 ms of 1090 ms
    expect(s.burstFraction * 1090).toBeGreaterThan(firstMs + 85);
    expect(s.burstFraction * 1090).toBeLessThan(firstMs + 92);
  });
});

describe('OnlineAnalyser: rates, reset and the rate trace', () => {
  it('gives E and I rates separately', () => {
    // E cells regular at 10 Hz, I cells at 40 Hz, 2 s
    const list = new SpikeList();
    for (let i = 0; i < N; i++) {
      const periodMs = i < 800 ? 100 : 25;
      for (let t = (i % 97) * 0.2; t < 2000; t += periodMs) list.add(i, steps(t));
    }
    const { ids, steps: st } = list.build(steps(2000));
    const { summary } = analyseRun(NET, ids, st, steps(2000));
    expect(summary.rateEHz).toBeCloseTo(10, 6);
    expect(summary.rateIHz).toBeCloseTo(40, 6);
    expect(summary.rateHz).toBeCloseTo(0.8 * 10 + 0.2 * 40, 6);
    expect(summary.cvIsi).toBeLessThan(1e-3);
  });

  it('resetStatistics() discards warm-up and keeps the clock', () => {
    const list = new SpikeList();
    const rng = Rng.fromSeed(11);
    poissonPopulation(list, rng, N, 0, steps(3000), (ms) => (ms < 1000 ? 40 : 5));
    const { ids, steps: st } = list.build();
    const a = new OnlineAnalyser(NET);
    const split = st.findIndex((s) => s >= steps(1000));
    a.addChunk(ids.subarray(0, split), st.subarray(0, split), steps(1000));
    expect(a.summary().rateHz).toBeGreaterThan(36);
    a.resetStatistics();
    a.addChunk(ids.subarray(split), st.subarray(split), steps(3000));
    const s = a.summary();
    expect(s.timeMs).toBe(2000);
    expect(s.endMs).toBe(3000);
    expect(s.spikes).toBe(ids.length - split);
    expect(s.rateHz).toBeGreaterThan(4.7);
    expect(s.rateHz).toBeLessThan(5.3);
    expect(s.bursts).toBe(0);
  });

  it('smooths the rate: the trace settles on a constant rate and steps with a ~5 ms time constant', () => {
    const list = new SpikeList();
    poissonPopulation(list, Rng.fromSeed(3), 10_000, 0, steps(600), (ms) => (ms < 500 ? 5 : 50));
    const { ids, steps: st } = list.build();
    const a = new OnlineAnalyser({ neurons: 10_000, excitatory: 8000, dtMs: DT_MS });
    a.addChunk(ids, st, steps(600));
    const trace = a.rateTrace();
    expect(trace.binMs).toBeCloseTo(1, 12);
    expect(trace.endMs).toBeCloseTo(600, 9);
    expect(trace.allHz).toHaveLength(600);
    const before = trace.allHz.slice(300, 500);
    const mean = before.reduce((s, v) => s + v, 0) / before.length;
    expect(mean).toBeGreaterThan(4.7);
    expect(mean).toBeLessThan(5.3);
    // 5 ms after the step the smoothed rate has covered 1 − e⁻¹ ≈ 63 % of it
    const at5 = trace.allHz[504];
    expect((at5 - 5) / 45).toBeGreaterThan(0.55);
    expect((at5 - 5) / 45).toBeLessThan(0.72);
    expect(trace.allHz[599]).toBeGreaterThan(47);
    expect(a.rateTrace(10).allHz).toEqual(trace.allHz.slice(590));
    expect(a.summary().smoothedRateHz).toBeCloseTo(trace.allHz[599], 4);
  });

  it('rejects a bad chunk without changing its state', () => {
    const a = new OnlineAnalyser(NET);
    a.addChunk(Uint32Array.of(1, 2), Uint32Array.of(5, 7), 10);
    expect(() => a.addChunk(Uint32Array.of(3, 4), Uint32Array.of(12, 11), 20)).toThrow(RangeError); // out of order
    expect(() => a.addChunk(Uint32Array.of(3), Uint32Array.of(9), 20)).toThrow(RangeError); // before the chunk
    expect(() => a.addChunk(Uint32Array.of(3), Uint32Array.of(20), 20)).toThrow(RangeError); // at endStep
    expect(() => a.addChunk(Uint32Array.of(N), Uint32Array.of(12), 20)).toThrow(RangeError); // bad id
    expect(() => a.addChunk(new Uint32Array(0), new Uint32Array(0), 5)).toThrow(RangeError); // time backwards
    expect(a.summary().spikes).toBe(2);
    a.addChunk(Uint32Array.of(3), Uint32Array.of(12), 20);
    expect(a.summary().spikes).toBe(3);
    a.finish();
    expect(() => a.addChunk(new Uint32Array(0), new Uint32Array(0), 30)).toThrow();
  });

  it('honours startStep: times are absolute', () => {
    const list = new SpikeList();
    poissonPopulation(list, Rng.fromSeed(4), N, 0, steps(2000), (ms) => (ms >= 1200 && ms < 1300 ? 80 : 3));
    const { ids, steps: st } = list.build();
    const offset = steps(7000);
    const shifted = st.map((s) => s + offset);
    const plain = analyseRun(NET, ids, st, steps(2000));
    const later = analyseRun(NET, ids, shifted, steps(2000), { startStep: offset });
    expect(plain.bursts).toHaveLength(1);
    expect(later.bursts.map((b) => b.startMs - 7000)).toEqual(plain.bursts.map((b) => b.startMs));
    expect(later.summary.rateHz).toBe(plain.summary.rateHz);
  });
});
