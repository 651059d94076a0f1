import { describe, expect, it } from 'vitest';
import { analyseRun, OnlineAnalyser } from '../../../src/analysis';
import type { AnalysisNetwork } from '../../../src/analysis';
import { Rng } from '../../../src/core/rng';
import { DT_MS, SpikeList, poissonPopulation, steps } from './synthetic';

const N = 400;
const NET: AnalysisNetwork = { neurons: N, excitatory: 320, dtMs: DT_MS };
const RUN_MS = 60_000;
/** 0.3-s bursts every 1.5 s over 2 Hz; a 10-s tonic event from 20.4 s; 5 s nearly silent after it */
const EVENT: [number, number] = [20_400, 30_400]; // > ICTAL_MERGE_MS from the bursts around it
const POST_MS = 5000;
const K_BATH_MM = 3.5;
const K_PEAK_MM = 12;

function rateAt(ms: number): number {
  if (ms >= EVENT[0] && ms < EVENT[1]) return 150;
  if (ms >= EVENT[1] && ms < EVENT[1] + POST_MS) return 0.5;
  return ms % 1500 < 300 ? 100 : 2;
}

/** [K⁺]o climbing through the event to K_PEAK_MM at its end, then back to the bath. */
function kAt(ms: number): number {
  if (ms >= EVENT[0] && ms < EVENT[1]) return K_BATH_MM + ((K_PEAK_MM - K_BATH_MM) * (ms - EVENT[0])) / (EVENT[1] - EVENT[0]);
  return K_BATH_MM;
}

const SAMPLE_STEPS = steps(100);

function kTrace(fromMs: number, toMs: number): Float64Array {
  const n = Math.ceil(steps(toMs - fromMs) / SAMPLE_STEPS);
  // each sample is taken at its chunk's end, as the runner takes it
  return Float64Array.from({ length: n }, (_, j) => kAt(fromMs + Math.min((j + 1) * 100, toMs - fromMs) - 0.05));
}

const list = new SpikeList();
poissonPopulation(list, Rng.fromSeed(3), N, 0, steps(RUN_MS), rateAt);
const { ids, steps: st } = list.build();

describe('ictal events and interictal bursts in the online analysis', () => {
  const { summary, bursts, ictalEvents } = analyseRun(NET, ids, st, steps(RUN_MS), {}, { stepsPerSample: SAMPLE_STEPS, maxMM: kTrace(0, RUN_MS) });

  it('finds the 10-s event among the bursts, with its onset, end and peak [K⁺]o', () => {
    expect(ictalEvents).toHaveLength(1);
    const e = ictalEvents[0];
    expect(Math.abs(e.startMs - EVENT[0])).toBeLessThanOrEqual(100);
    expect(Math.abs(e.endMs - EVENT[1])).toBeLessThanOrEqual(100);
    expect(e.durationMs).toBe(e.endMs - e.startMs);
    expect(e.kOutPeakMM).toBeGreaterThan(K_PEAK_MM - 0.2);
    expect(e.kOutPeakMM).toBeLessThanOrEqual(K_PEAK_MM);
    expect(summary.ictalEvents).toBe(1);
    expect(summary.firstIctalMs).toBe(e.startMs);
    expect(summary.inIctalEvent).toBe(false);
    expect(summary.kOutPeakMM).toBeCloseTo(e.kOutPeakMM, 9);
    expect(summary.kOutMaxMM).toBe(K_BATH_MM);
  });

  it('gives the postictal ratio: 0.5 Hz after ÷ the bursting rate before', () => {
    // before: 0.3 s at 100 Hz of every 1.5 s over 2 Hz ≈ 21.6 Hz
    const preHz = (0.3 * 100 + 1.2 * 2) / 1.5;
    expect(summary.postictalRateRatio).not.toBeNull();
    expect(summary.postictalRateRatio!).toBeCloseTo(0.5 / preHz, 1);
    expect(summary.postictalRateRatio!).toBeLessThan(0.1);
  });

  it('counts as interictal exactly the bursts outside the event, per second outside it', () => {
    const inside = bursts.filter((b) => b.startMs < ictalEvents[0].endMs && b.endMs > ictalEvents[0].startMs);
    // the event's onset is a burst of its own (the 2-s burst median follows it later)
    expect(inside.length).toBeGreaterThanOrEqual(1);
    expect(summary.interictalBursts).toBe(bursts.length - inside.length);
    // every 1.5 s outside the 10-s event and the 5 s after it
    expect(Math.abs(summary.interictalBursts - (RUN_MS - 15_000) / 1500)).toBeLessThanOrEqual(2);
    const outsideS = (RUN_MS - ictalEvents[0].durationMs) / 1000;
    expect(summary.interictalBurstRateHz).toBeCloseTo(summary.interictalBursts / outsideS, 9);
  });

  it('gives the same figures fed in random chunks, asked for summaries on the way', () => {
    const rng = Rng.fromSeed(9, 2);
    const a = new OnlineAnalyser(NET);
    let k = 0;
    let sawInEvent = false;
    // chunks on 100-ms sample boundaries (so the [K⁺]o samples agree), 1–30 samples long
    for (let j = 0, samples = Math.ceil(steps(RUN_MS) / SAMPLE_STEPS); j < samples; ) {
      const next = Math.min(samples, j + 1 + rng.below(30));
      const end = next * SAMPLE_STEPS;
      const from = k;
      while (k < st.length && st[k] < end) k++;
      a.addChunk(ids.subarray(from, k), st.subarray(from, k), end, kAt(next * 100 - 0.05));
      if (a.summary().inIctalEvent) sawInEvent = true;
      j = next;
    }
    a.finish();
    const online = a.summary();
    expect(sawInEvent).toBe(true);
    for (const key of ['ictalEvents', 'firstIctalMs', 'postictalRateRatio', 'interictalBursts', 'interictalBurstRateHz'] as const) {
      expect(online[key], key).toBe(summary[key]);
    }
    // the peak is sampled once per chunk, so longer chunks can only see less of it
    expect(online.kOutPeakMM).toBeLessThanOrEqual(summary.kOutPeakMM);
    expect(a.ictalEvents().map((e) => [e.startMs, e.endMs])).toEqual(ictalEvents.map((e) => [e.startMs, e.endMs]));
  });

  it('reports each event once as it closes, and its postictal ratio once the 5 s after have passed', () => {
    const a = new OnlineAnalyser(NET);
    const at = (ms: number) => {
      const end = steps(ms);
      let from = 0;
      while (from < st.length && st[from] < a.endStep) from++;
      let to = from;
      while (to < st.length && st[to] < end) to++;
      a.addChunk(ids.subarray(from, to), st.subarray(from, to), end);
    };
    at(EVENT[1] - 1000);
    expect(a.takeNewIctalEvents()).toEqual([]);
    expect(a.summary().inIctalEvent).toBe(true);
    // the onset is known while the event is still under way
    expect(a.summary().firstIctalMs).toBe(ictalEvents[0].startMs);
    expect(a.summary().ictalEvents).toBe(0);
    at(EVENT[1] + 1000);
    const closed = a.takeNewIctalEvents();
    expect(closed).toHaveLength(1);
    expect(closed[0].postictalRatio).toBeNull();
    expect(a.summary().postictalRateRatio).toBeNull();
    expect(a.summary().kOutPeakMM).toBeNaN(); // no [K⁺]o was given
    at(EVENT[1] + POST_MS + 500);
    expect(a.takeNewIctalEvents()).toEqual([]);
    expect(a.ictalEvents()[0].postictalRatio).toBe(summary.postictalRateRatio);
  });

  it('forgets events and interictal bursts before resetStatistics()', () => {
    const a = new OnlineAnalyser(NET);
    const split = steps(EVENT[1] + POST_MS + 1000);
    let k = 0;
    while (st[k] < split) k++;
    a.addChunk(ids.subarray(0, k), st.subarray(0, k), split, 4);
    expect(a.summary().ictalEvents).toBe(1);
    a.resetStatistics();
    const reset = a.summary();
    expect(reset.ictalEvents).toBe(0);
    expect(reset.firstIctalMs).toBeNull();
    expect(reset.interictalBursts).toBe(0);
    expect(reset.kOutPeakMM).toBe(4);
    a.addChunk(ids.subarray(k), st.subarray(k), steps(RUN_MS), 3.6);
    a.finish();
    const after = a.summary();
    expect(after.ictalEvents).toBe(0);
    expect(after.kOutPeakMM).toBe(4);
    expect(after.interictalBursts).toBe(bursts.filter((b) => b.endMs > split * DT_MS).length);
    expect(after.interictalBurstRateHz).toBeCloseTo(after.interictalBursts / (after.timeMs / 1000), 9);
  });

  it('refuses a bad [K⁺]o sample or trace by name', () => {
    const a = new OnlineAnalyser(NET);
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(() => a.addChunk(new Uint32Array(0), new Uint32Array(0), 10, bad)).toThrow(/kOutMaxMM/);
    expect(a.endStep).toBe(0);
    expect(() => analyseRun(NET, ids, st, steps(RUN_MS), {}, { stepsPerSample: SAMPLE_STEPS, maxMM: [1, 2] })).toThrow(/kOut\.maxMM has 2 samples/);
    expect(() => analyseRun(NET, ids, st, steps(RUN_MS), {}, { stepsPerSample: 0.5, maxMM: [] })).toThrow(/stepsPerSample/);
  });

  it('has no ictal event, interictal bursts only, in bursts alone', () => {
    const quiet = new SpikeList();
    poissonPopulation(quiet, Rng.fromSeed(4), N, 0, steps(20_000), (ms) => (ms % 1500 < 300 ? 100 : 2));
    const q = quiet.build();
    const r = analyseRun(NET, q.ids, q.steps, steps(20_000));
    expect(r.ictalEvents).toEqual([]);
    expect(r.summary.firstIctalMs).toBeNull();
    expect(r.summary.postictalRateRatio).toBeNull();
    expect(r.summary.interictalBursts).toBe(r.bursts.length);
    expect(r.summary.interictalBurstRateHz).toBeCloseTo(r.bursts.length / 20, 9);
  });
});
